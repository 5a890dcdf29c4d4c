package io.sigmaengine.engine.yaml;

/**
 * A YAML file could not be read: a syntax error, a duplicate key, or a limit exceeded. Carries the position.
 */
public class YamlException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int line;
    private final int column;

    /**
     * @param code    stable diagnostic code, e.g. {@code yaml-syntax}, {@code duplicate-key}, {@code yaml-limit}
     * @param message what is wrong
     * @param line    1-based line (0 if unknown)
     * @param column  1-based column (0 if unknown)
     */
    public YamlException(String code, String message, int line, int column) {
        super(message);
        this.code = code;
        this.line = line;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
