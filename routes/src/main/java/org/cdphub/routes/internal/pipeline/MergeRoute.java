package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.service.IdentityResolution;
import org.cdphub.api.service.MergeResult;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.routes.internal.Headers;
import org.cdphub.spi.connector.RouteIds;

/**
 * Merge stage: takes batches of fragments, merges them into profiles in one transaction and announces the changed
 * profiles. A message that is not a fragment batch and fragments the engine refuses go to the core dead-letter queue
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

    private final String fragmentsUri;
    private final String profilesChangedUri;
    private final String deadLetterUri;
    private final IdentityResolution identityResolution;
    private final Clock clock;

    public MergeRoute(String fragmentsUri, String profilesChangedUri, String deadLetterUri,
            IdentityResolution identityResolution, Clock clock) {
        this.fragmentsUri = fragmentsUri;
        this.profilesChangedUri = profilesChangedUri;
        this.deadLetterUri = deadLetterUri;
        this.identityResolution = identityResolution;
        this.clock = clock;
    }

    @Override
    public void configure() {
        from(fragmentsUri).routeId(RouteIds.core("merge", "consume"))
                .process(this::merge)
                .log(LoggingLevel.DEBUG, LOG_NAME,
                        "merged ${exchangeProperty." + RECORDS + "} record(s) of source ${header." + Headers.SOURCE + "}")
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

    private void merge(Exchange exchange) {
        String json = exchange.getMessage().getBody(String.class);
        String source = exchange.getMessage().getHeader(Headers.SOURCE, String.class);
        List<DeadLetter> deadLetters = new ArrayList<>();
        exchange.setProperty(DEAD_LETTERS, deadLetters);
        exchange.setProperty(RECORDS, 0);
        if (Headers.KIND_REMOVALS.equals(exchange.getMessage().getHeader(Headers.KIND))) {
            remove(exchange, json, source, deadLetters);
            return;
        }
        List<Fragment> fragments;
        try {
            fragments = CdpJson.read(json == null ? "" : json, CdpJson.FRAGMENT_LIST);
        } catch (IllegalArgumentException e) {
            deadLetters.add(new DeadLetter(STAGE, source, null, "not a fragment batch: " + e.getMessage(), json,
                    clock.instant()));
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.setProperty(RECORDS, fragments.size());
        MergeResult result = identityResolution.merge(fragments);
        for (MergeResult.Rejected rejected : result.rejected()) {
            Fragment f = rejected.fragment();
            deadLetters.add(new DeadLetter(STAGE, f.source(), f.key(), rejected.reason(), CdpJson.write(f),
                    clock.instant()));
        }
        for (UnlinkedIdentifier u : result.unlinked()) {
            if (u.kind() == UnlinkedIdentifier.Kind.INVALID) {
                deadLetters.add(new DeadLetter(STAGE, u.source(), u.fragmentKey(), "identifier "
                        + u.identifier().key() + " links nothing: " + u.reason() + " (the rest of the record was merged)",
                        CdpJson.write(u), clock.instant()));
            }
        }
        announce(exchange, result);
    }

    /** Erasures of source records of {@code source}: a JSON list of source record ids. */
    private void remove(Exchange exchange, String json, String source, List<DeadLetter> deadLetters) {
        List<String> ids;
        try {
            ids = CdpJson.read(json == null ? "" : json, CdpJson.STRING_LIST);
        } catch (IllegalArgumentException e) {
            ids = null;
        }
        if (source == null || ids == null || ids.stream().anyMatch(id -> id == null || id.isBlank())) {
            deadLetters.add(new DeadLetter(STAGE, source, null, "not a removal batch (a source header and a JSON list"
                    + " of source record ids)", json, clock.instant()));
            exchange.getMessage().setBody(null);
            return;
        }
        exchange.setProperty(RECORDS, ids.size());
        announce(exchange, identityResolution.remove(source, ids));
    }

    static void announce(Exchange exchange, MergeResult result) {
        ProfilesChanged changed = new ProfilesChanged(result.changedProfileIds(), result.absorbed());
        exchange.getMessage().setBody(changed.isEmpty() ? null : CdpJson.write(changed));
    }
}
