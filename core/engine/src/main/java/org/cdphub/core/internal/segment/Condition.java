package org.cdphub.core.internal.segment;

import java.util.Optional;
import org.cdphub.api.model.Profile;

/**
 * Parsed segment condition (the AST of the condition language). Today the language has three forms; the rule language
 * that replaces it adds node types here and a parser of its own, and the evaluator stays as it is.
 */
public sealed interface Condition permits Condition.Compare, Condition.Exists {

    /** Whether {@code profile} meets the condition. */
    boolean test(Profile profile);

    /** The condition written back in canonical form. */
    String text();

    /**
     * {@code <trait> = <value>} or, when {@code negated}, {@code <trait> != <value>}. The trait's surviving value is
     * compared as a string, ignoring case. {@code !=} is exactly the negation of {@code =}: a profile without the
     * trait is not equal to any value, so it matches {@code !=}.
     */
    record Compare(String trait, boolean negated, String value) implements Condition {

        @Override
        public boolean test(Profile profile) {
            Optional<Object> actual = profile.trait(trait);
            boolean equal = actual.isPresent() && String.valueOf(actual.get()).equalsIgnoreCase(value);
            return negated != equal;
        }

        @Override
        public String text() {
            return trait + (negated ? " != " : " = ") + quote(value);
        }

        private static String quote(String value) {
            if (!value.isEmpty() && value.chars().noneMatch(ch -> Character.isWhitespace(ch) || "'\"()=!\\".indexOf(ch) >= 0)) {
                return value;
            }
            return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
    }

    /** {@code exists(<trait>)}: the profile has a (non-null) value for the trait. */
    record Exists(String trait) implements Condition {

        @Override
        public boolean test(Profile profile) {
            return profile.trait(trait).isPresent();
        }

        @Override
        public String text() {
            return "exists(" + trait + ")";
        }
    }
}
