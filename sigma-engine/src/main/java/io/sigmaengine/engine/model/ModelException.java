package io.sigmaengine.engine.model;

/**
 * A rule construct is invalid: an unknown modifier, a modifier applied to the wrong type, a bad regex or network,
 * a limit exceeded. The loader turns it into an error diagnostic at the position of the offending item.
 */
public class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * @param code    stable diagnostic code (kebab-case)
     * @param message what is wrong and how to fix it
     */
    public ModelException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
