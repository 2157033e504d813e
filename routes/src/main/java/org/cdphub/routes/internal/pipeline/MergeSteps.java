package org.cdphub.routes.internal.pipeline;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.cdphub.api.model.CdpJson;
import org.cdphub.api.model.DeadLetter;
import org.cdphub.api.model.Fragment;
import org.cdphub.routes.internal.Headers;
import org.cdphub.routes.internal.Received;

/**
 * Splits the messages of one exchange of the merge stage, in order, into the engine calls that merge them: the
 * fragments of consecutive fragment messages in one call (at most {@code maxFragments} a call, unless one message holds
 * more), a removal message in a call of its own. Messages that are neither are refused on the way, each with a dead
 * letter that comes with the step read along with it, so that dead letters keep the order of the messages.
 * {@link #next} reads the messages up to the end of the step it returns (the message that ends a run, a removal or
 * one that does not fit, is read with it and carried over) and the JSON of up to {@code parseAhead} more, on the
 * common pool, so that the next step can be read and prepared on another thread while the current one is merged;
 * not thread-safe otherwise: one step at a time, handed over with a happens-before edge.
 */
final class MergeSteps {

    /**
     * One engine call: a run of fragments (with when each was sent), or a removal message; or neither, only the dead
     * letters of the last messages.
     *
     * @param refused   dead letters of messages read for this step, before its own
     * @param fragments the run (empty for a removal)
     * @param sentAt    when each fragment of the run was sent (null where unknown)
     * @param removal   a removal message, or null
     * @param sources   the source headers of the messages read for this step
     */
    record Step(List<DeadLetter> refused, List<Fragment> fragments, List<Instant> sentAt, Removal removal,
            Set<String> sources) {
    }

    /** A removal message with its source header and send time. */
    record Removal(Received message, String source, Instant sentAt) {
    }

    /** What a message of the batch holds: fragments, or why not; a removal message is read when it is handled. */
    private record Parsed(boolean removals, List<Fragment> fragments, String error) {
    }

    private final List<Received> batch;
    private final ParseAhead<Received, Parsed> parsed;
    private final int maxFragments;
    private final Clock clock;
    private int read; // messages read
    private List<Fragment> carried = List.of(); // a message's fragments that did not fit the step before
    private Instant carriedSentAt;
    private Removal carriedRemoval; // a removal that ended the step before

    MergeSteps(List<Received> batch, int maxFragments, int parseAhead, Clock clock) {
        this.batch = batch;
        this.parsed = new ParseAhead<>(batch, MergeSteps::parse, parseAhead);
        this.maxFragments = maxFragments;
        this.clock = clock;
    }

    /** Whether {@link #next} has anything left to return. */
    boolean hasNext() {
        return read < batch.size() || !carried.isEmpty() || carriedRemoval != null;
    }

    /** The next step, or null when the batch is done. */
    Step next() {
        List<DeadLetter> refused = new ArrayList<>();
        Set<String> sources = new TreeSet<>();
        if (carriedRemoval != null) {
            Removal removal = carriedRemoval;
            carriedRemoval = null;
            return new Step(refused, List.of(), List.of(), removal, sources);
        }
        List<Fragment> run = new ArrayList<>(carried);
        List<Instant> sentAt = new ArrayList<>();
        carried.forEach(f -> sentAt.add(carriedSentAt));
        carried = List.of();
        while (read < batch.size()) {
            Received message = batch.get(read);
            Parsed content = parsed.get(read++);
            String source = message.header(Headers.SOURCE);
            if (source != null) {
                sources.add(source);
            }
            Instant sent;
            try {
                sent = sentAt(message);
            } catch (DateTimeParseException e) {
                refused.add(deadLetter(source, "header " + Headers.SENT_AT + " is not an ISO-8601 instant: "
                        + message.header(Headers.SENT_AT), message));
                continue;
            }
            if (content.removals()) {
                Removal removal = new Removal(message, source, sent);
                if (run.isEmpty()) {
                    return new Step(refused, List.of(), List.of(), removal, sources);
                }
                carriedRemoval = removal;
                return new Step(refused, run, sentAt, null, sources);
            }
            if (content.error() != null) {
                refused.add(deadLetter(source, "not a fragment batch: " + content.error(), message));
                continue;
            }
            List<Fragment> fragments = content.fragments();
            if (fragments.contains(null)) { // "[null, …]": refused with its message's source, the rest is merged
                refused.add(deadLetter(source, "no fragment (null in the batch)", message));
                fragments = fragments.stream().filter(Objects::nonNull).toList();
            }
            if (!run.isEmpty() && run.size() + fragments.size() > maxFragments) {
                carried = fragments;
                carriedSentAt = sent;
                return new Step(refused, run, sentAt, null, sources);
            }
            run.addAll(fragments);
            fragments.forEach(f -> sentAt.add(sent));
        }
        // a last step with nothing to merge still reports its messages' dead letters and sources
        return run.isEmpty() && refused.isEmpty() && sources.isEmpty() ? null
                : new Step(refused, run, sentAt, null, sources);
    }

    private DeadLetter deadLetter(String source, String reason, Received message) {
        return new DeadLetter(MergeRoute.STAGE, source, null, reason, message.body(), clock.instant());
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
}
