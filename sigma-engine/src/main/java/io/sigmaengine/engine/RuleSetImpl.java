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
    private final RuleMatcher matcher;
    private final CorrelationPlan correlations;
    private final Matches matches;
    private final Evaluator<Event> eventEvaluator;

    RuleSetImpl(List<RuleInfo> rules, List<Diagnostic> diagnostics, int rejected,
                List<ReferenceEvaluator.PreparedRule> evaluated, boolean[] emits, RuleMatcher matcher,
                CorrelationPlan correlations, boolean explain) {
        this.rules = List.copyOf(rules);
        this.diagnostics = List.copyOf(diagnostics);
        this.rejected = rejected;
        this.evaluated = List.copyOf(evaluated);
        this.matcher = matcher;
        this.correlations = correlations;
        this.matches = new Matches(this.evaluated, emits.clone(), explain, version);
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
        return matches.emits[ruleIndex];
    }

    /** The public match for a rule that matched an event; see {@link Matches#match}. */
    <E> Match match(int ruleIndex, E event, EventAdapter<E> adapter) {
        return matches.match(ruleIndex, event, adapter);
    }

    /** Builds the public matches of the evaluated rules. */
    private static final class Matches {
        final List<ReferenceEvaluator.PreparedRule> evaluated;
        final boolean[] emits;
        final boolean explain;
        final long version;
        final Match[] plain;

        Matches(List<ReferenceEvaluator.PreparedRule> evaluated, boolean[] emits, boolean explain, long version) {
            this.evaluated = evaluated;
            this.emits = emits;
            this.explain = explain;
            this.version = version;
            this.plain = new Match[evaluated.size()];
            for (int i = 0; i < plain.length; i++) {
                plain[i] = new Match(evaluated.get(i).rule().info(), version, 0, List.of(), List.of());
            }
        }

        /**
         * With its explanation if enabled, else one shared immutable match per rule (so matching allocates
         * nothing).
         */
        <E> Match match(int ruleIndex, E event, EventAdapter<E> adapter) {
            if (!explain) {
                return plain[ruleIndex];
            }
            ReferenceEvaluator.PreparedRule pr = evaluated.get(ruleIndex);
            ReferenceEvaluator.Outcome o = ReferenceEvaluator.evaluate(pr, event, adapter, true);
            return o == null ? plain[ruleIndex]
                    : new Match(pr.rule().info(), version, o.condition(), o.trueSelections(), o.evidence());
        }
    }

    @Override
    public <E> Evaluator<E> evaluator(EventAdapter<E> adapter) {
        RuleMatcher.Bound<E> bound = matcher.bind(adapter);
        Matches m = matches;
        ThreadLocal<Dispatch<E>> dispatches = ThreadLocal.withInitial(() -> new Dispatch<>(m, adapter));
        return (event, listener) -> {
            Dispatch<E> d = dispatches.get();
            if (d.listener != null) {
                d = new Dispatch<>(m, adapter); // a listener that evaluates another event on this thread
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

    /**
     * Turns matching rule indexes into matches for the listener; reused per thread so evaluation allocates nothing.
     * Static, and holding only the {@link Matches}, so that a thread's map holds no strong path back to the
     * evaluator's ThreadLocal (a swapped-out rule set stays collectable).
     */
    private static final class Dispatch<E> implements RuleMatcher.Sink {
        private final Matches matches;
        private final EventAdapter<E> adapter;
        MatchListener listener;
        E event;
        int count;

        Dispatch(Matches matches, EventAdapter<E> adapter) {
            this.matches = matches;
            this.adapter = adapter;
        }

        @Override
        public void matched(int rule) {
            if (!matches.emits[rule]) {
                return;
            }
            count++;
            Match m = matches.match(rule, event, adapter);
            try {
                listener.onMatch(m);
            } catch (RuntimeException e) {
                throw new ListenerFailure(e);
            }
        }
    }

    @Override
    public <E> Detector<E> detector(EventAdapter<E> adapter, DetectorOptions options) {
        boolean[] emits = matches.emits;
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
