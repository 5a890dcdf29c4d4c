package io.sigmaengine.api;

/**
 * A {@link Detector} snapshot cannot be restored: it is truncated, corrupt, of an unknown format version, or not a
 * detector snapshot at all. The detector's state is unchanged.
 */
public class SnapshotException extends SigmaException {
    private static final long serialVersionUID = 1L;

    public SnapshotException(String message) {
        super(message);
    }

    public SnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
