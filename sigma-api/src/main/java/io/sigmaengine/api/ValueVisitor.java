package io.sigmaengine.api;

/** Receives the scalar values of an event, one at a time (see {@link Event#visitValues(ValueVisitor)}). */
@FunctionalInterface
public interface ValueVisitor {
    /**
     * @param value a {@link CharSequence}, {@link Number} or {@link Boolean}; never a collection
     * @return {@code true} to continue, {@code false} to stop the walk
     */
    boolean visit(Object value);
}
