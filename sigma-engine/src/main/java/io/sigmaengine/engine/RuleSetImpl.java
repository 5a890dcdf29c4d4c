package io.sigmaengine.engine;

import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.MatchListener;
import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.correlate.CorrelationPlan;
import io.sigmaengine.engine.correlate.StreamDetector;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The immutable result of {@link RuleSetAssembler}: metadata, diagnostics, and the evaluated detection rules with
 * the matcher that finds them. Rules referenced by a correlation without {@code generate: true} are evaluated (the
 * correlation needs their matches) but produce no stand-alone {@link Match}. The correlations themselves are
 * evaluated by the detectors made from it.
 */
final class RuleSetImpl implements RuleSet {

    private static final AtomicLong VERSIONS = new AtomicLong();

    private final long version = VERSIONS.incrementAndGet();
    private final List<RuleInfo> rules;
    private final List<Diagnostic> diagnostics;
    private final int rejected;
    private final List<ReferenceEvaluator.PreparedRule> evaluated;
    private final boolean[] emits;
    private final RuleMatcher matcher;
    private final CorrelationPlan correlations;
    private final boolean explain;
    private final Match[] plainMatches;
    private final Evaluator<Event> eventEvaluator;

    RuleSetImpl(List<RuleInfo> rules, List<Diagnostic> diagnostics, int rejected,
                List<ReferenceEvaluator.PreparedRule> evaluated, boolean[] emits, RuleMatcher matcher,
                CorrelationPlan correlations, boolean explain) {
        this.rules = List.copyOf(rules);
        this.diagnostics = List.copyOf(diagnostics);
        this.rejected = rejected;
        this.evaluated = List.copyOf(evaluated);
        this.emits = emits.clone();
        this.matcher = matcher;
        this.correlations = correlations;
        this.explain = explain;
        this.plainMatches = new Match[this.evaluated.size()];
        for (int i = 0; i < plainMatches.length; i++) {
            plainMatches[i] = new Match(this.evaluated.get(i).rule().info(), version, 0, List.of(), List.of());
        }
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

    /** The evaluated detection rules, by the index the matcher reports. */
    List<ReferenceEvaluator.PreparedRule> evaluatedRules() {
        return evaluated;
    }

    RuleMatcher matcher() {
        return matcher;
    }

    /** Whether the rule at this index produces stand-alone matches. */
    boolean emits(int ruleIndex) {
        return emits[ruleIndex];
    }

    /**
     * Builds the public match for a rule that matched an event: with its explanation if enabled, else one shared
     * immutable match per rule (so matching allocates nothing).
     */
    <E> Match match(int ruleIndex, E event, EventAdapter<E> adapter) {
        if (!explain) {
            return plainMatches[ruleIndex];
        }
        ReferenceEvaluator.PreparedRule pr = evaluated.get(ruleIndex);
        ReferenceEvaluator.Outcome o = ReferenceEvaluator.evaluate(pr, event, adapter, true);
        return o == null ? plainMatches[ruleIndex]
                : new Match(pr.rule().info(), version, o.condition(), o.trueSelections(), o.evidence());
    }

    @Override
    public <E> Evaluator<E> evaluator(EventAdapter<E> adapter) {
        RuleMatcher.Bound<E> bound = matcher.bind(adapter);
        ThreadLocal<Dispatch<E>> dispatches = ThreadLocal.withInitial(() -> new Dispatch<>(adapter));
        return (event, listener) -> {
            Dispatch<E> d = dispatches.get();
            if (d.listener != null) {
                d = new Dispatch<>(adapter); // a listener that evaluates another event on this thread
            }
            d.listener = listener;
            d.event = event;
            d.count = 0;
            try {
                bound.match(event, d);
            } catch (ListenerFailure f) {
                throw (RuntimeException) f.getCause();
            } catch (EventException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EventException("event could not be evaluated: " + e, e);
            } finally {
                d.listener = null;
                d.event = null;
            }
            return d.count;
        };
    }

    /** Turns matching rule indexes into matches for the listener; reused per thread so evaluation allocates nothing. */
    private final class Dispatch<E> implements RuleMatcher.Sink {
        private final EventAdapter<E> adapter;
        MatchListener listener;
        E event;
        int count;

        Dispatch(EventAdapter<E> adapter) {
            this.adapter = adapter;
        }

        @Override
        public void matched(int rule) {
            if (!emits[rule]) {
                return;
            }
            count++;
            Match m = match(rule, event, adapter);
            try {
                listener.onMatch(m);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    @Override
    public <E> Detector<E> detector(EventAdapter<E> adapter, DetectorOptions options) {
        return new StreamDetector<>(correlations, matcher.bind(adapter), i -> emits[i],
                (i, event) -> match(i, event, adapter), adapter, options, version);
    }

    @Override
    public Evaluator<Event> evaluator() {
        return eventEvaluator;
    }

    /** Carries a listener's own exception past the event-failure handling, unchanged. */
    private static final class ListenerFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ListenerFailure(RuntimeException cause) {
            super(cause);
        }
    }
}
