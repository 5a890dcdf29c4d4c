package io.sigmaengine.engine.regex;

/**
 * A pattern this package does not run: either RE2/J rejects it too ({@link #isSyntaxError()}), or it uses
 * something this package cannot run exactly as RE2/J does. Either way the caller keeps using RE2/J.
 */
public final class UnsupportedRegexException extends Exception {

    private static final long serialVersionUID = 1L;

    private final boolean syntaxError;

    UnsupportedRegexException(String message, boolean syntaxError) {
        super(message);
        this.syntaxError = syntaxError;
    }

    static UnsupportedRegexException syntax(String message) {
        return new UnsupportedRegexException(message, true);
    }

    static UnsupportedRegexException unsupported(String message) {
        return new UnsupportedRegexException(message, false);
    }

    /** {@code true} if the pattern is invalid (RE2/J rejects it as well), {@code false} if it is merely unsupported. */
    public boolean isSyntaxError() {
        return syntaxError;
    }
}
