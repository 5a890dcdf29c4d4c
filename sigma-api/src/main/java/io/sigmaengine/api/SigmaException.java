package io.sigmaengine.api;

/** Base class of the engine's unchecked exceptions. */
public class SigmaException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SigmaException(String message) {
        super(message);
    }

    public SigmaException(String message, Throwable cause) {
        super(message, cause);
    }
}
