package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.routes.internal.AfterCommit;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;
import org.cdphub.spi.connector.RouteIds;

/**
 * Merge stage: takes messages holding batches of fragments (several messages at once from a batch-consuming
 * endpoint), merges them into profiles and announces the changed profiles in one message. A message that is not a fragment batch and fragments the engine refuses go to the core dead-letter queue
 * with the reason, and so does each identifier that was not valid in a fragment merged without it; a failure of the
 * store makes the message come back (transacted consumption).
 */
public final class MergeRoute extends RouteBuilder {

    static final String STAGE = "core.merge";
    /**
     * Logger of the merge stage: at DEBUG it logs every batch this node merged (how many records, from which source),
     * which shows how the work is spread when several nodes consume {@code cdp.fragments} (docs/scaling.md).
     */
    public static final String LOG_NAME = "org.cdphub.pipeline.merge";
    private static final String DEAD_LETTERS = "cdp.deadLetters";
    private static final String RECORDS = "cdp.mergedRecords";
    private static final String MESSAGES = "cdp.mergedMessages";
    private static final String SOURCES = "cdp.mergedSources";
    /** Most fragments of several messages merged in one call of the engine (one store transaction). */
    static final int MAX_FRAGMENTS_PER_CALL = 1000;
    /** Messages of a batch whose JSON is read ahead of the one being merged, on the common pool. */
    static final int PARSE_AHEAD = 4;

    private final String fragmentsUri;
    private final String profilesChangedUri;
    private final String deadLetterUri;
    private final IdentityResolution identityResolution;
    private final PendingChanges pendingChanges;
    private final Clock clock;

    public MergeRoute(String fragmentsUri, String profilesChangedUri, String deadLetterUri,
            IdentityResolution identityResolution, PendingChanges pendingChanges, Clock clock) {
        this.fragmentsUri = fragmentsUri;
        this.profilesChangedUri = profilesChangedUri;
        this.deadLetterUri = deadLetterUri;
        this.identityResolution = identityResolution;
        this.pendingChanges = pendingChanges;
        this.clock = clock;
    }

    @Override
    public void configure() {
        // a failed batch is reported once, by the batch consumer that rolls it back (WARN with the stack trace);
        // Camel's default handler only logged it a second time, at ERROR with a message history
        errorHandler(noErrorHandler());
        from(fragmentsUri).routeId(RouteIds.core("merge", "consume"))
                .process(this::merge)
                .log(LoggingLevel.DEBUG, LOG_NAME, "merged ${exchangeProperty." + RECORDS + "} record(s) of source"
                        + " ${exchangeProperty." + SOURCES + "} in ${exchangeProperty." + MESSAGES + "} message(s)")
                .filter(body().isNotNull())
                    .to(profilesChangedUri)
                .end()
                .setBody(exchangeProperty(DEAD_LETTERS))
                .split(body())
                    .setHeader(Headers.REASON, simple("${body.reason}"))
                    .process(e -> e.getMessage().setBody(CdpJson.write(e.getMessage().getBody())))
                    .to(deadLetterUri)
                .end();
    }

    /**
     * Merges the messages of one exchange (a batch taken in one transaction, or one message) in order: the fragments of
     * consecutive fragment messages in one call of the engine (at most {@value #MAX_FRAGMENTS_PER_CALL} a call, unless
     * one message holds more), a removal message in a call of its own. One profiles-changed message announces them all.
     */
    private void merge(Exchange exchange) {
        List<Received> batch = Received.of(exchange.getMessage());
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<MergeResult> results = new ArrayList<>();
        List<Fragment> run = new ArrayList<>();
        List<Instant> sentAt = new ArrayList<>(); // of each fragment of the run
        Set<String> sources = new TreeSet<>();
        int records = 0;
        // the JSON of the next messages is read on other cores while the current run is merged
        ParseAhead<Received, Parsed> parsed = new ParseAhead<>(batch, MergeRoute::parse, PARSE_AHEAD);
        for (int i = 0; i < batch.size(); i++) {
            Received message = batch.get(i);
            String source = message.header(Headers.SOURCE);
            if (source != null) {
                sources.add(source);
            }
            Parsed read = parsed.get(i);
            Instant sent;
            try {
                sent = sentAt(message);
            } catch (DateTimeParseException e) {
                deadLetters.add(new DeadLetter(STAGE, source, null, "header " + Headers.SENT_AT
                        + " is not an ISO-8601 instant: " + message.header(Headers.SENT_AT), message.body(),
                        clock.instant()));
                continue;
            }
            if (read.removals()) {
                flush(run, sentAt, results, deadLetters);
                records += remove(message, source, sent, results, deadLetters);
                continue;
            }
            if (read.error() != null) {
                deadLetters.add(new DeadLetter(STAGE, source, null, "not a fragment batch: " + read.error(),
                        message.body(), clock.instant()));
                continue;
            }
            List<Fragment> fragments = read.fragments();
            if (fragments.contains(null)) { // "[null, …]": refused with its message's source, the rest is merged
                deadLetters.add(new DeadLetter(STAGE, source, null, "no fragment (null in the batch)", message.body(),
                        clock.instant()));
                fragments = fragments.stream().filter(java.util.Objects::nonNull).toList();
            }
            if (!run.isEmpty() && run.size() + fragments.size() > MAX_FRAGMENTS_PER_CALL) {
                flush(run, sentAt, results, deadLetters);
            }
            run.addAll(fragments);
            fragments.forEach(f -> sentAt.add(sent));
            records += fragments.size();
        }
        flush(run, sentAt, results, deadLetters);
        exchange.setProperty(DEAD_LETTERS, deadLetters);
        exchange.setProperty(RECORDS, records);
        exchange.setProperty(MESSAGES, batch.size());
        exchange.setProperty(SOURCES, String.join(",", sources));
        announce(exchange, results);
        forgetOnceAnnounced(exchange, results, pendingChanges);
    }

    /**
     * Leaves for after the commit of the exchange's transaction, which sends its profiles-changed message, that the
     * store forgets the pending changes the engine recorded for {@code results}. Should the transaction roll back after
     * the store committed some of them (a later engine call failed, the node stopped), they stay pending, and
     * {@link PendingChangesRoute} announces them.
     */
    static void forgetOnceAnnounced(Exchange exchange, List<MergeResult> results, PendingChanges pendingChanges) {
        List<Long> ids = results.stream().map(MergeResult::pendingChange).filter(id -> id != 0).toList();
        if (!ids.isEmpty()) {
            AfterCommit.add(exchange, () -> pendingChanges.announced(ids));
        }
    }

    /** What a message of the batch holds: fragments, or why not; a removal message is read when it is handled. */
    private record Parsed(boolean removals, List<Fragment> fragments, String error) {
    }

    private static Parsed parse(Received message) {
        if (Headers.KIND_REMOVALS.equals(message.header(Headers.KIND))) {
            return new Parsed(true, null, null);
        }
        try {
            List<Fragment> fragments = CdpJson.read(message.body() == null ? "" : message.body(),
                    CdpJson.FRAGMENT_LIST);
            return fragments == null ? new Parsed(false, null, "null, not a list of fragments")
                    : new Parsed(false, fragments, null);
        } catch (IllegalArgumentException e) {
            return new Parsed(false, null, e.getMessage());
        }
    }

    /** When the message was sent ({@link Headers#SENT_AT}); null for a message without (sent by an older hub). */
    private static Instant sentAt(Received message) {
        String at = message.header(Headers.SENT_AT);
        return at == null ? null : Instant.parse(at);
    }

    private void flush(List<Fragment> run, List<Instant> sentAt, List<MergeResult> results,
            List<DeadLetter> deadLetters) {
        if (run.isEmpty()) {
            return;
        }
        MergeResult result = identityResolution.merge(List.copyOf(run), java.util.Collections.unmodifiableList(
                new ArrayList<>(sentAt))); // may hold nulls, which List.copyOf refuses
        for (MergeResult.Rejected rejected : result.rejected()) {
            Fragment f = rejected.fragment(); // never null: null fragments were refused when the message was read
            deadLetters.add(new DeadLetter(STAGE, f.source(), location(f), rejected.reason(), CdpJson.write(f),
                    clock.instant()));
        }
        Map<String, Fragment> byKey = null; // only for a call with an invalid identifier, which is rare
        for (UnlinkedIdentifier u : result.unlinked()) {
            if (u.kind() == UnlinkedIdentifier.Kind.INVALID) {
                if (byKey == null) {
                    byKey = new HashMap<>();
                    for (Fragment f : run) {
                        byKey.put(f.key(), f);
                    }
                }
                Fragment f = byKey.get(u.fragmentKey());
                deadLetters.add(new DeadLetter(STAGE, u.source(), f == null ? u.fragmentKey() : location(f),
                        "identifier " + u.identifier().key() + " links nothing: " + u.reason()
                                + " (the rest of the record was merged)", CdpJson.write(u), clock.instant()));
            }
        }
        run.clear();
        sentAt.clear();
        results.add(result);
    }

    /**
     * Where a fragment's record is in its source, for a dead letter: {@code file:line} when its connector read it from
     * a file (the provenance's {@code file} and {@code line}), else its key ({@code source/sourceRecordId}).
     */
    static String location(Fragment f) {
        String file = f.provenance().get("file");
        String line = f.provenance().get("line");
        return file != null && line != null ? file + ":" + line : f.key();
    }

    /**
     * Erasures of source records of {@code source}: a JSON list of source record ids, sent at {@code sentAt} (null: a
     * message of an older hub, which keeps out only the removed versions). Returns how many.
     */
    private int remove(Received message, String source, Instant sentAt, List<MergeResult> results,
            List<DeadLetter> deadLetters) {
        List<String> ids;
        try {
            ids = CdpJson.read(message.body() == null ? "" : message.body(), CdpJson.STRING_LIST);
        } catch (IllegalArgumentException e) {
            ids = null;
        }
        if (source == null || ids == null || ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            deadLetters.add(new DeadLetter(STAGE, source, null, "not a removal batch (a source header and a JSON list"
                    + " of source record ids)", message.body(), clock.instant()));
            return 0;
        }
        results.add(identityResolution.remove(source, ids, sentAt));
        return ids.size();
    }

    /** Sets the body to one profiles-changed message for all of {@code results}, or null when nothing changed. */
    static void announce(Exchange exchange, List<MergeResult> results) {
        Set<String> changedIds = new LinkedHashSet<>();
        List<MergeResult.Absorbed> absorbed = new ArrayList<>();
        results.forEach(r -> {
            changedIds.addAll(r.changedProfileIds());
            absorbed.addAll(r.absorbed());
        });
        ProfilesChanged changed = new ProfilesChanged(List.copyOf(changedIds), absorbed);
        exchange.getMessage().setBody(changed.isEmpty() ? null : CdpJson.write(changed));
    }
}
