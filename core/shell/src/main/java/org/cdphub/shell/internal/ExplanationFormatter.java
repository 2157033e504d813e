package org.cdphub.shell.internal;

import java.util.Map;
import java.util.stream.Collectors;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileExplanation.ExplainedFragment;
import org.cdphub.api.service.ProfileExplanation.ExplainedTrait;
import org.cdphub.api.service.ProfileExplanation.Link;
import org.cdphub.api.service.UnlinkedIdentifier;

/** Renders a profile explanation as text for the console. A pure function. */
final class ExplanationFormatter {

    private ExplanationFormatter() {
    }

    static String format(ProfileExplanation e) {
        StringBuilder out = new StringBuilder();
        out.append("Profile ").append(e.profileId()).append('\n');
        if (!e.aliases().isEmpty()) {
            out.append("  aliases ").append(String.join(", ", e.aliases())).append('\n');
        }
        out.append("Fragments (").append(e.fragments().size()).append(")\n");
        for (ExplainedFragment f : e.fragments()) {
            out.append(String.format("  %-32s observed %s%n", f.key(), f.observedAt()));
            out.append("      ").append(f.identifiers().stream().map(Identifier::key)
                    .collect(Collectors.joining(", "))).append('\n');
        }
        out.append("Links\n");
        if (e.links().isEmpty()) {
            out.append("  (none: the profile has one fragment, or fragments kept together by updates)\n");
        }
        for (Link l : e.links()) {
            out.append(String.format("  %s -- %s: %s%s%n", l.from(), l.to(), l.rule(), score(l)));
        }
        if (!e.unlinked().isEmpty()) {
            out.append("Not linked\n");
            for (UnlinkedIdentifier u : e.unlinked()) {
                out.append(String.format("  %-32s %-8s %s: %s%n", u.identifier().key(), u.kind(), u.fragmentKey(),
                        u.reason()));
            }
        }
        out.append("Traits\n");
        for (ExplainedTrait t : e.traits()) {
            TraitValue v = t.chosen();
            out.append(String.format("  %-12s %-28s by %s, from %s/%s at %s%n", t.trait(), v.value(), t.rule(),
                    v.source(), v.sourceRecordId(), v.observedAt()));
            if (t.candidates().size() > 1) {
                out.append("      candidates: ").append(t.candidates().stream()
                        .map(c -> c.value() + " (" + c.source() + "/" + c.sourceRecordId() + ", " + c.observedAt()
                                + ")")
                        .collect(Collectors.joining(", "))).append('\n');
            }
        }
        return out.toString();
    }

    private static String score(Link l) {
        if (l.score() == null) {
            return "";
        }
        String parts = l.contributions().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(c -> c.getKey() + " " + c.getValue()).collect(Collectors.joining(", "));
        return " (score " + l.score() + (parts.isEmpty() ? "" : ": " + parts) + ")";
    }
}
