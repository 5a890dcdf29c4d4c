package io.sigmaengine.engine.eval;

import io.sigmaengine.api.EventAdapter;

/**
 * Finds the detection rules of a rule set that match an event, by index. The reference evaluator and the compiled
 * program both implement it; they must always agree. Implementations are immutable and thread-safe.
 */
public interface RuleMatcher {

    /** Binds the matcher to an event type (field names are resolved against the adapter once, here). */
    <E> Bound<E> bind(EventAdapter<E> adapter);

    /** A matcher bound to one event type. Thread-safe. */
    interface Bound<E> {
        /**
         * Reports every matching rule, in ascending index order.
         *
         * @param event the event
         * @param sink  receives the index of each matching rule
         */
        void match(E event, Sink sink);
    }

    /** Receives matching rule indexes. */
    @FunctionalInterface
    interface Sink {
        void matched(int ruleIndex);
    }
}
