package org.cdphub.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** What a command prints on {@code System.out} while it runs (where Karaf's console takes a command's output). */
final class ConsoleOutput {

    /** A command's {@code execute}. */
    interface Execution {
        Object run() throws Exception;
    }

    private ConsoleOutput() {
    }

    static String of(Execution execution) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            execution.run();
        } finally {
            System.setOut(out);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
