package io.sigmaengine.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule set bound to one event type. Thread-safe and immutable; obtain it once with
 * {@link RuleSet#evaluator(EventAdapter)} and share it between threads.
 *
 * @param <E> the event type
 */
public interface Evaluator<E> {

    /**
     * Evaluates every rule against the event and reports each match to the listener.
     *
     * @return the number of matches
     * @throws EventException if the event cannot be read (the evaluator stays usable)
     */
    int evaluate(E event, MatchListener listener);

    /** Convenience form of {@link #evaluate(Object, MatchListener)} that collects the matches. */
    default List<Match> evaluate(E event) {
        List<Match> out = new ArrayList<>(2);
        evaluate(event, out::add);
        return out;
    }
}
