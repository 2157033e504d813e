package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ForkJoinPool;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.PendingChanges;
import org.cdphub.api.service.PreparedBatch;
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
    /** Messages of a batch whose JSON is read ahead of the one being split into steps, on the common pool. */
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
     * Merges the messages of one exchange (a batch taken in one transaction, or one message) in order, in the engine
     * calls {@link MergeSteps} splits them into. While the store merges one call, the next one is read and prepared
     * ({@link IdentityResolution#prepare}) on the common pool. One profiles-changed message announces them all.
     */
    private void merge(Exchange exchange) {
        List<Received> batch = Received.of(exchange.getMessage());
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<MergeResult> results = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        int records = 0;
        MergeSteps steps = new MergeSteps(batch, MAX_FRAGMENTS_PER_CALL, PARSE_AHEAD, clock);
        Prepared current = prepare(steps.next());
        while (current != null) {
            // the step after this one is read and prepared on another core while the store merges this one
            Ahead<Prepared> next = steps.hasNext() ? Ahead.start(() -> prepare(steps.next()), ForkJoinPool.commonPool())
                    : null;
            MergeSteps.Step step = current.step();
            deadLetters.addAll(step.refused());
            sources.addAll(step.sources());
            if (step.removal() != null) {
                records += remove(step.removal(), results, deadLetters);
            } else if (current.batch() != null) {
                merge(current.batch(), results, deadLetters);
                records += step.fragments().size();
            }
            current = next == null ? null : next.get();
        }
        exchange.setProperty(DEAD_LETTERS, deadLetters);
        exchange.setProperty(RECORDS, records);
        exchange.setProperty(MESSAGES, batch.size());
        exchange.setProperty(SOURCES, String.join(",", sources));
        announce(exchange, results);
        forgetOnceAnnounced(exchange, results, pendingChanges);
    }

    /** A step with its run of fragments prepared for the engine (null when it has none). */
    private record Prepared(MergeSteps.Step step, PreparedBatch batch) {
    }

    private Prepared prepare(MergeSteps.Step step) {
        if (step == null) {
            return null;
        }
        return new Prepared(step, step.fragments().isEmpty() ? null
                : identityResolution.prepare(step.fragments(), step.sentAt()));
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

    private void merge(PreparedBatch run, List<MergeResult> results, List<DeadLetter> deadLetters) {
        MergeResult result = identityResolution.merge(run);
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
                    for (Fragment f : run.fragments()) {
                        byKey.put(f.key(), f);
                    }
                }
                Fragment f = byKey.get(u.fragmentKey());
                deadLetters.add(new DeadLetter(STAGE, u.source(), f == null ? u.fragmentKey() : location(f),
                        "identifier " + u.identifier().key() + " links nothing: " + u.reason()
                                + " (the rest of the record was merged)", CdpJson.write(u), clock.instant()));
            }
        }
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
    private int remove(MergeSteps.Removal removal, List<MergeResult> results, List<DeadLetter> deadLetters) {
        Received message = removal.message();
        String source = removal.source();
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
        results.add(identityResolution.remove(source, ids, removal.sentAt()));
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
