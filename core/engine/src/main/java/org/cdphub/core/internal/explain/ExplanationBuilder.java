package org.cdphub.core.internal.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cdphub.api.model.Fragment;
import org.cdphub.api.model.Identifier;
import org.cdphub.api.model.TraitValue;
import org.cdphub.api.service.ProfileExplanation;
import org.cdphub.api.service.ProfileExplanation.ExplainedFragment;
import org.cdphub.api.service.ProfileExplanation.ExplainedTrait;
import org.cdphub.api.service.ProfileExplanation.Link;
import org.cdphub.api.service.UnlinkedIdentifier;
import org.cdphub.core.internal.merge.Linkable;
import org.cdphub.core.internal.merge.TraitSurvivorship;
import org.cdphub.core.internal.rules.ResolutionRules;
import org.cdphub.core.internal.rules.SurvivorshipRule;
import org.cdphub.core.internal.store.FragmentKey;
import org.cdphub.core.internal.store.MatchLinkTable;

/**
 * Builds the explanation of a profile from its stored fragments, the identifiers they dropped and the rules. Pure.
 * Links: for every identifier that two or more fragments link (strongest type first), one link from the earliest
 * observed of those fragments to each of the others.
 */
final class ExplanationBuilder {

    private static final Comparator<Fragment> OLDEST_FIRST = Comparator.comparing(Fragment::observedAt)
            .thenComparing(Fragment::source).thenComparing(Fragment::sourceRecordId);

    private ExplanationBuilder() {
    }

    static ProfileExplanation build(String profileId, List<String> aliases, List<Fragment> fragments,
            Map<FragmentKey, Map<String, String>> dropped, ResolutionRules rules) {
        return build(profileId, aliases, fragments, dropped, List.of(), rules);
    }

    static ProfileExplanation build(String profileId, List<String> aliases, List<Fragment> fragments,
            Map<FragmentKey, Map<String, String>> dropped, List<MatchLinkTable.Row> matchLinks,
            ResolutionRules rules) {
        List<Fragment> ordered = new ArrayList<>(fragments);
        ordered.sort(OLDEST_FIRST);
        List<ExplainedFragment> explained = new ArrayList<>();
        List<UnlinkedIdentifier> unlinked = new ArrayList<>();
        Map<Identifier, List<String>> sharedBy = new TreeMap<>(rules.identity().priority().strongestFirst());
        for (Fragment f : ordered) {
            Map<String, String> drops = dropped.getOrDefault(new FragmentKey(f.source(), f.sourceRecordId()),
                    Map.of());
            ExplainedFragment ef = new ExplainedFragment(f.source(), f.sourceRecordId(), f.observedAt(),
                    f.identifiers());
            explained.add(ef);
            unlinked.addAll(Linkable.unlinked(f, rules.identity().blocked(), drops));
            Linkable.of(f, rules.identity().blocked(), drops)
                    .forEach(i -> sharedBy.computeIfAbsent(i, k -> new ArrayList<>()).add(ef.key()));
        }
        List<Link> links = new ArrayList<>();
        sharedBy.forEach((identifier, keys) -> {
            for (int i = 1; i < keys.size(); i++) {
                links.add(Link.shared(keys.get(0), keys.get(i), identifier));
            }
        });
        for (MatchLinkTable.Row m : matchLinks) {
            links.add(new Link(m.to().source() + "/" + m.to().sourceRecordId(),
                    m.from().source() + "/" + m.from().sourceRecordId(), Link.Kind.PROBABILISTIC, null,
                    String.format(java.util.Locale.ROOT, "match score %.2f bits (no shared identifier)", m.score()),
                    m.score(), m.contributions()));
        }
        return new ProfileExplanation(profileId, aliases, explained, links, unlinked, traits(ordered, rules));
    }

    private static List<ExplainedTrait> traits(List<Fragment> fragments, ResolutionRules rules) {
        Map<String, ExplainedTrait> traits = new LinkedHashMap<>();
        TraitSurvivorship.candidates(fragments).forEach((name, candidates) -> {
            SurvivorshipRule rule = rules.survivorship().ruleFor(name);
            TraitValue chosen = TraitSurvivorship.choose(candidates, rule, rules.survivorship());
            traits.put(name, new ExplainedTrait(name, rule.configName(), chosen, candidates));
        });
        return List.copyOf(traits.values());
    }
}
