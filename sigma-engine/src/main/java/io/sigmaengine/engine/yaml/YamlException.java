package io.sigmaengine.engine.yaml;

/**
 * A YAML file could not be read: a syntax error, a duplicate key, or a limit exceeded. Carries the position.
 */
public class YamlException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Malformed YAML (scanner, parser or composer error, undefined alias, duplicate anchor). */
    public static final String SYNTAX = "yaml-syntax";
    /** The bytes are not valid UTF-8. */
    public static final String ENCODING = "yaml-encoding";
    /** A mapping has the same key twice. */
    public static final String DUPLICATE_KEY = "duplicate-key";
    /** A mapping or sequence is used as a mapping key. */
    public static final String COMPLEX_KEY = "yaml-complex-key";
    /** A tag other than the standard scalar and collection tags. */
    public static final String UNSUPPORTED_TAG = "yaml-unsupported-tag";
    /** A value that is not valid for its (explicit or resolved) type, e.g. {@code !!int abc}. */
    public static final String BAD_VALUE = "yaml-bad-value";
    /** A merge key {@code <<} whose value is not a mapping or a list of mappings. */
    public static final String BAD_MERGE = "yaml-bad-merge";
    /** An alias inside the node its anchor names. */
    public static final String RECURSIVE_ALIAS = "yaml-recursive-alias";
    /** A {@link io.sigmaengine.api.Limits} limit was exceeded; the message names the limit and how to raise it. */
    public static final String LIMIT = "yaml-limit";

    private final String code;
    private final int line;
    private final int column;

    /**
     * @param code    stable diagnostic code, one of the constants of this class
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

    @Override
    public String toString() {
        return code + " at " + line + ":" + column + ": " + getMessage();
    }
}
