package org.cdphub.core.internal.segment;

/**
 * Parses the condition language of segments:
 *
 * <pre>
 * condition := trait ( "=" | "!=" ) value
 *            | "exists" "(" trait ")"
 * trait     := [A-Za-z_][A-Za-z0-9_.-]*
 * value     := '...' | "..." (backslash escapes the quote and itself) | a bare word without spaces, quotes, ( ) = !
 * </pre>
 *
 * A syntax error is an {@link IllegalArgumentException} that names the segment, says what was expected and shows the
 * condition with a caret under the problem.
 */
public final class ConditionParser {

    private final String segment;
    private final String text;
    private int pos;

    private ConditionParser(String segment, String text) {
        this.segment = segment;
        this.text = text == null ? "" : text;
    }

    public static Condition parse(String segment, String text) {
        return new ConditionParser(segment, text).condition();
    }

    private Condition condition() {
        skipSpaces();
        if (atEnd()) {
            throw error("empty condition: expected <trait> = <value>, <trait> != <value> or exists(<trait>)");
        }
        String word = trait("a trait name or exists(<trait>)");
        skipSpaces();
        if (word.equalsIgnoreCase("exists") && peek() == '(') {
            pos++;
            skipSpaces();
            String trait = trait("a trait name inside exists(...)");
            skipSpaces();
            if (peek() != ')') {
                throw error("expected ')' to close exists(" + trait);
            }
            pos++;
            end();
            return new Condition.Exists(trait);
        }
        boolean negated;
        if (text.startsWith("!=", pos)) {
            negated = true;
            pos += 2;
        } else if (peek() == '=') {
            negated = false;
            pos++;
        } else {
            throw error("expected '=' or '!=' after trait '" + word + "'");
        }
        skipSpaces();
        String value = value();
        end();
        return new Condition.Compare(word, negated, value);
    }

    private String trait(String expected) {
        int start = pos;
        if (atEnd() || !(Character.isLetter(peek()) || peek() == '_')) {
            throw error("expected " + expected + (atEnd() ? "" : ", found '" + peek() + "'"));
        }
        while (!atEnd() && (Character.isLetterOrDigit(peek()) || "_.-".indexOf(peek()) >= 0)) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private String value() {
        if (atEnd()) {
            throw error("expected a value after the operator");
        }
        char first = peek();
        if (first == '\'' || first == '"') {
            return quoted(first);
        }
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && "'\"()=!".indexOf(peek()) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a value, found '" + first + "' (quote values that contain it)");
        }
        return text.substring(start, pos);
    }

    private String quoted(char quote) {
        int open = pos++;
        StringBuilder value = new StringBuilder();
        while (!atEnd()) {
            char ch = text.charAt(pos++);
            if (ch == quote) {
                return value.toString();
            }
            if (ch == '\\' && !atEnd()) {
                ch = text.charAt(pos++);
            }
            value.append(ch);
        }
        pos = open;
        throw error("unterminated quoted value: missing closing " + quote);
    }

    private void end() {
        skipSpaces();
        if (!atEnd()) {
            throw error("unexpected '" + text.substring(pos) + "' after the condition"
                    + " (a segment has one comparison for now)");
        }
    }

    private void skipSpaces() {
        while (!atEnd() && Character.isWhitespace(peek())) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return atEnd() ? '\0' : text.charAt(pos);
    }

    private IllegalArgumentException error(String problem) {
        String shown = text.replace('\n', ' ').replace('\t', ' ');
        return new IllegalArgumentException("segment '" + segment + "': " + problem + " at column " + (pos + 1) + "\n  "
                + shown + "\n  " + " ".repeat(Math.min(pos, shown.length())) + "^");
    }
}
