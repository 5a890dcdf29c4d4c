package io.sigmaengine.engine;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.MatchListener;
import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.eval.ReferenceEvaluator;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** The immutable result of {@link RuleSetAssembler}. */
final class RuleSetImpl implements RuleSet {

    private static final AtomicLong VERSIONS = new AtomicLong();

    private final long version = VERSIONS.incrementAndGet();
    private final List<RuleInfo> rules;
    private final List<Diagnostic> diagnostics;
    private final int rejected;
    private final List<ReferenceEvaluator.PreparedRule> evaluated;
    private final boolean explain;
    private final Evaluator<Event> eventEvaluator;

    RuleSetImpl(List<RuleInfo> rules, List<Diagnostic> diagnostics, int rejected,
                List<ReferenceEvaluator.PreparedRule> evaluated, boolean explain) {
        this.rules = List.copyOf(rules);
        this.diagnostics = List.copyOf(diagnostics);
        this.rejected = rejected;
        this.evaluated = List.copyOf(evaluated);
        this.explain = explain;
        this.eventEvaluator = evaluator(Event.adapter());
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public List<RuleInfo> rules() {
        return rules;
    }

    @Override
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    @Override
    public int rejectedCount() {
        return rejected;
    }

    @Override
    public <E> Evaluator<E> evaluator(EventAdapter<E> adapter) {
        return (event, listener) -> evaluate(event, adapter, listener);
    }

    @Override
    public Evaluator<Event> evaluator() {
        return eventEvaluator;
    }

    private <E> int evaluate(E event, EventAdapter<E> adapter, MatchListener listener) {
        int matches = 0;
        try {
            for (ReferenceEvaluator.PreparedRule pr : evaluated) {
                ReferenceEvaluator.Outcome o = ReferenceEvaluator.evaluate(pr, event, adapter, explain);
                if (o != null) {
                    matches++;
                    listener.onMatch(new Match(pr.rule().info(), version, o.condition(), o.trueSelections(),
                            o.evidence()));
                }
            }
        } catch (EventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventException("event could not be evaluated: " + e, e);
        }
        return matches;
    }
}
