package org.cdphub.core.internal.merge;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cdphub.api.model.Identifier;
import org.cdphub.matching.api.BlockingKeys;
import org.cdphub.matching.api.Field;
import org.cdphub.matching.api.MatchModel;
import org.cdphub.matching.api.Matcher;
import org.cdphub.matching.api.PersonRecord;

/**
 * How the streaming engine links a new profile to a stored one that shares no identifier: blocking keys from the
 * surviving traits, a Fellegi-Sunter score from {@code core/matching}, and a threshold in bits. Anonymous third-party
 * identifiers ({@code cookieId}, {@code deviceId}) never link by probability: a profile that holds nothing else, or has
 * no name or no birth date, is neither matched nor a match candidate.
 *
 * @param enabled             {@code matching.enabled}
 * @param matcher             the scorer
 * @param threshold           {@code matching.threshold}: least score (bits) of a merge
 * @param maxCandidatesPerKey profiles looked at per blocking key (a key shared by more is capped)
 */
public record ProbabilisticMatching(boolean enabled, Matcher matcher, double threshold, int maxCandidatesPerKey) {

    /** Identifier types that never link by probability. */
    public static final Set<String> ANONYMOUS = Set.of("cookieId", "deviceId");

    public static final int DEFAULT_MAX_CANDIDATES_PER_KEY = 50;

    public ProbabilisticMatching {
        Objects.requireNonNull(matcher, "matcher");
        if (maxCandidatesPerKey < 1) {
            throw new IllegalArgumentException("maxCandidatesPerKey must be at least 1");
        }
    }

    /** Enabled, the default model and its threshold. */
    public static ProbabilisticMatching defaults() {
        MatchModel model = MatchModel.defaults();
        return new ProbabilisticMatching(true, Matcher.fellegiSunter(model), model.threshold(),
                DEFAULT_MAX_CANDIDATES_PER_KEY);
    }

    public static ProbabilisticMatching disabled() {
        return new ProbabilisticMatching(false, Matcher.fellegiSunter(MatchModel.defaults()),
                MatchModel.DEFAULT_THRESHOLD, DEFAULT_MAX_CANDIDATES_PER_KEY);
    }

    /** Trait names that map to matcher fields (identifiers email and phone map too). */
    private static final Map<String, Field> TRAITS = Map.ofEntries(Map.entry("firstName", Field.FIRST_NAME),
            Map.entry("lastName", Field.LAST_NAME), Map.entry("birthDate", Field.BIRTH_DATE),
            Map.entry("streetNumber", Field.STREET_NUMBER), Map.entry("addressLine1", Field.ADDRESS_LINE1),
            Map.entry("addressLine2", Field.ADDRESS_LINE2), Map.entry("city", Field.CITY),
            Map.entry("postcode", Field.POSTCODE), Map.entry("region", Field.REGION),
            Map.entry("country", Field.COUNTRY), Map.entry("nationalId", Field.NATIONAL_ID));

    /**
     * Whether a profile with these identifiers and traits may be matched by probability: it holds a first-party
     * identifier, a name, and a birth date, postcode or street to tell namesakes apart.
     */
    static boolean eligible(Collection<Identifier> identifiers, Map<String, ?> traits) {
        boolean identified = identifiers.stream().anyMatch(i -> !ANONYMOUS.contains(i.type()));
        return identified && (text(traits.get("firstName")) != null || text(traits.get("lastName")) != null)
                && (birthDate(traits.get("birthDate")) != null || text(traits.get("postcode")) != null
                        || text(traits.get("addressLine1")) != null);
    }

    /** The person record the matcher scores. */
    static PersonRecord record(String id, Collection<Identifier> identifiers, Map<String, ?> traits) {
        PersonRecord.Builder b = PersonRecord.builder(id);
        TRAITS.forEach((trait, field) -> b.set(field, text(traits.get(trait))));
        for (Identifier i : identifiers) {
            if (i.type().equals("email") && b.build().get(Field.EMAIL) == null) {
                b.set(Field.EMAIL, i.value());
            } else if (i.type().equals("phone") && b.build().get(Field.PHONE) == null) {
                b.set(Field.PHONE, i.value());
            }
        }
        return b.build();
    }

    /**
     * Blocking keys: those of the bulk resolver ({@link BlockingKeys}), so both modes compare the same candidates.
     * Empty for a profile that is not {@link #eligible}.
     */
    static Set<String> blockKeys(Collection<Identifier> identifiers, Map<String, ?> traits) {
        if (!eligible(identifiers, traits)) {
            return Set.of();
        }
        return BlockingKeys.of(record("", identifiers, traits));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** yyyyMMdd, or null when the value is not a full date. */
    private static String birthDate(Object value) {
        String s = text(value);
        if (s == null) {
            return null;
        }
        String digits = s.replaceAll("[^0-9]", "");
        return digits.length() == 8 ? digits : null;
    }
}
