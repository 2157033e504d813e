package org.cdphub.segments.api;

/** A definition file that cannot be used. The message is {@code <file>:<line>: <what is wrong>}. */
public class DefinitionException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final String problem;

    public DefinitionException(String file, int line, String problem) {
        this(file, line, problem, null);
    }

    public DefinitionException(String file, int line, String problem, Throwable cause) {
        super(file + ":" + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
        this.problem = problem;
    }

    /** The file name as given to the parser. */
    public String file() {
        return file;
    }

    /** The 1-based line of the problem (1 when the problem concerns the whole file). */
    public int line() {
        return line;
    }

    /** What is wrong, without file and line. */
    public String problem() {
        return problem;
    }
}
