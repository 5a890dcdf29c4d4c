package io.sigmaengine.api;

import java.util.List;

/**
 * A compiled, immutable set of rules. Safe to share between any number of threads; to change the rules, build a
 * new rule set and swap it in (see {@link LiveRuleSet}).
 *
 * <p>Loading never throws because of a bad rule: each broken rule is left out and described by an error in
 * {@link #diagnostics()}, and every other rule works.
 */
public interface RuleSet {

    /** A number that identifies this rule set; each built rule set gets a larger one than the previous. */
    long version();

    /** Every document that loaded: detection rules, correlation rules and filters. */
    List<RuleInfo> rules();

    /** Errors (rejected rules and documents) and warnings, in file order. */
    List<Diagnostic> diagnostics();

    /** How many rule documents were rejected. */
    int rejectedCount();

    /** Binds the rule set to an event type. Bind once and reuse the evaluator; it is thread-safe. */
    <E> Evaluator<E> evaluator(EventAdapter<E> adapter);

    /** The evaluator for self-describing {@link Event}s. */
    Evaluator<Event> evaluator();

    /**
     * A new stateful detector that also evaluates the correlation rules (see {@link Detector}). Each call returns
     * an independent detector; the rule set itself is not changed.
     */
    <E> Detector<E> detector(EventAdapter<E> adapter, DetectorOptions options);

    /** A new detector for self-describing {@link Event}s. */
    default Detector<Event> detector(DetectorOptions options) {
        return detector(Event.adapter(), options);
    }

    /** Evaluates one event; see {@link Evaluator#evaluate(Object, MatchListener)}. */
    default int evaluate(Event event, MatchListener listener) {
        return evaluator().evaluate(event, listener);
    }

    /** Evaluates one event and returns its matches. */
    default List<Match> evaluate(Event event) {
        return evaluator().evaluate(event);
    }
}
