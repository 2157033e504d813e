package org.cdphub.shell.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.karaf.shell.support.CommandException;
import org.cdphub.api.model.Identifier;

/**
 * Reads the commands' arguments. What the user typed wrong is a {@link CommandException}: the console prints its
 * message and Karaf logs it at DEBUG (any other exception is logged at ERROR with its stack trace).
 */
final class Arguments {

    private Arguments() {
    }

    /** {@code type:value}. */
    static Identifier identifier(String argument) throws CommandException {
        try {
            return Identifier.parse(argument);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
    }

    /** The text of a definition file, or what is wrong with the path. */
    static String text(Path path) throws CommandException {
        Path absolute = path.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw new CommandException(absolute + " is a directory; give a definition file");
        }
        if (!Files.exists(absolute)) {
            throw new CommandException("no such file: " + absolute);
        }
        try {
            return Files.readString(absolute, StandardCharsets.UTF_8);
        } catch (CharacterCodingException e) {
            throw new CommandException(absolute + " is not UTF-8 text");
        } catch (IOException e) {
            throw new CommandException("cannot read " + absolute + ": " + e);
        }
    }

    /** A count the user chose with an option. */
    static int atLeastOne(String option, int value) throws CommandException {
        if (value < 1) {
            throw new CommandException(option + " must be at least 1, got " + value);
        }
        return value;
    }
}
