package org.cdphub.spi.connector.support.config;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The problems found while validating a connector's settings, so that all of them are reported at once. Each problem
 * starts with the key it is about ({@code <key>: <what is wrong>}).
 */
public final class Problems {

    private final List<String> problems = new ArrayList<>();

    public void add(String problem) {
        problems.add(problem);
    }

    /**
     * The value {@code parse} returns, or null when it throws an {@link IllegalArgumentException}, whose message is
     * then recorded as a problem.
     */
    public <T> T attempt(Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /**
     * Fails when there is any problem.
     *
     * @throws IllegalArgumentException listing each problem, separated by "; "
     */
    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    @Override
    public String toString() {
        return String.join("; ", problems);
    }
}
