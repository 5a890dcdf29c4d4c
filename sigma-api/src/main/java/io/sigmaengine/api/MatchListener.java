package io.sigmaengine.api;

/**
 * Receives matches while an event is evaluated. Called on the evaluating thread, once per matching rule, before
 * {@code evaluate} returns.
 */
@FunctionalInterface
public interface MatchListener {
    void onMatch(Match match);
}
