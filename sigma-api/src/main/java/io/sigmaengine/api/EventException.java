package io.sigmaengine.api;

/**
 * An event could not be parsed or read: malformed JSON, limits exceeded, an adapter failure. Thrown per event;
 * the rule set and any other state stay intact, so the caller can count the event and go on.
 */
public class EventException extends SigmaException {
    private static final long serialVersionUID = 1L;

    public EventException(String message) {
        super(message);
    }

    public EventException(String message, Throwable cause) {
        super(message, cause);
    }
}
