package io.sigmaengine.engine.condition;

/** A condition string is not valid Sigma: syntax error, unsupported construct or limit exceeded. */
public class ConditionSyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final int column;

    /**
     * @param code    stable diagnostic code, e.g. {@code condition-syntax}, {@code condition-pipe},
     *                {@code condition-too-deep}
     * @param message what is wrong, naming the offending text
     * @param column  1-based column of the offending text in the condition (0 if unknown)
     */
    public ConditionSyntaxException(String code, String message, int column) {
        super(message);
        this.code = code;
        this.column = column;
    }

    public String code() {
        return code;
    }

    public int column() {
        return column;
    }
}
