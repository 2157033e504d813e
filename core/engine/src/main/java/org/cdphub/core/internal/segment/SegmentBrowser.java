package org.cdphub.core.internal.segment;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;
import org.cdphub.api.model.Profile;
import org.cdphub.api.service.SegmentMember;
import org.cdphub.api.service.SegmentPreview;
import org.cdphub.core.internal.store.Jdbc;
import org.cdphub.core.internal.store.MembershipTable;
import org.cdphub.core.internal.store.ProfileTable;
import org.cdphub.segments.api.DefinitionException;
import org.cdphub.segments.api.EvaluationInput;
import org.cdphub.segments.api.Evaluator;
import org.cdphub.segments.api.SegmentDefinition;
import org.cdphub.segments.api.SegmentParser;

/** Read-only looks at segments: members, and dry runs of a definition over the stored profiles (in pages). */
public final class SegmentBrowser {

    static final int PAGE = 1000;

    private final DataSource dataSource;
    private final Evaluator evaluator;
    private final Clock clock;

    public SegmentBrowser(DataSource dataSource, Evaluator evaluator, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.evaluator = Objects.requireNonNull(evaluator, "evaluator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public List<SegmentMember> members(String segment, int limit) {
        return Jdbc.read(dataSource, c -> MembershipTable.members(c, segment, Math.max(0, limit)).stream()
                .map(r -> new SegmentMember(r.profileId(), r.since())).toList());
    }

    /** Evaluates the definition against every stored profile, a page at a time; memory stays at one page. */
    public SegmentPreview preview(String fileName, String text, int sample) {
        SegmentDefinition definition;
        try {
            definition = SegmentParser.parse(fileName, text);
        } catch (DefinitionException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        Instant now = clock.instant();
        long evaluated = 0;
        long matching = 0;
        List<String> ids = new ArrayList<>();
        String after = null;
        while (true) {
            String from = after;
            List<Profile> page = Jdbc.read(dataSource, c -> {
                List<Profile> profiles = ProfileTable.page(c, from, PAGE);
                var memberships = MembershipTable.load(c, profiles.stream().map(Profile::profileId).toList());
                return profiles.stream().map(p -> p.withSegments(memberships.getOrDefault(p.profileId(), List.of())))
                        .toList();
            });
            for (Profile profile : page) {
                evaluated++;
                EvaluationInput input = EvaluationInput.fromProfile(profile);
                if (evaluator.evaluate(definition, input, now)) {
                    matching++;
                    if (ids.size() < sample) {
                        ids.add(profile.profileId());
                    }
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1).profileId();
        }
        return new SegmentPreview(definition.name(), evaluated, matching, ids);
    }
}
