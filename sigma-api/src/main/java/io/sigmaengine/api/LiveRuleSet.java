package io.sigmaengine.api;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Holds the current rule set of a running system and lets it be replaced while other threads evaluate events.
 * Each evaluation reads the current rule set exactly once, so every event is judged by one complete rule set,
 * and each {@link Match} names that rule set's {@link RuleSet#version()}.
 *
 * @param <E> the event type
 */
public final class LiveRuleSet<E> {

    private final EventAdapter<E> adapter;
    private final AtomicReference<Bound<E>> current;

    private record Bound<E>(RuleSet ruleSet, Evaluator<E> evaluator) {
    }

    public LiveRuleSet(RuleSet initial, EventAdapter<E> adapter) {
        this.adapter = Objects.requireNonNull(adapter, "adapter");
        this.current = new AtomicReference<>(bind(initial));
    }

    private Bound<E> bind(RuleSet ruleSet) {
        Objects.requireNonNull(ruleSet, "ruleSet");
        return new Bound<>(ruleSet, ruleSet.evaluator(adapter));
    }

    /** The rule set new evaluations use. */
    public RuleSet current() {
        return current.get().ruleSet();
    }

    /**
     * Makes {@code next} the rule set for every evaluation that starts from now on; evaluations already running
     * finish with the rule set they started with.
     *
     * @return the rule set that was replaced
     */
    public RuleSet swap(RuleSet next) {
        return current.getAndSet(bind(next)).ruleSet();
    }

    /** Evaluates one event against the current rule set. */
    public int evaluate(E event, MatchListener listener) {
        return current.get().evaluator().evaluate(event, listener);
    }
}
