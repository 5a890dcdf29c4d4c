package io.sigmaengine.engine;

import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.eval.ProgramMachine;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;
import io.sigmaengine.engine.program.Bucket;
import io.sigmaengine.engine.program.FieldScan;
import io.sigmaengine.engine.program.Program;
import io.sigmaengine.engine.program.Route;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Looks inside a rule set built by this engine, for benchmarks, tests and tools: the reference evaluator next to
 * the compiled program, and the shape and size of the program. Not part of the stable API.
 */
public final class Inspection {

    private Inspection() {
    }

    /** The reference (tree-walking) evaluator of a rule set, reporting matching rule indexes. */
    public static <E> RuleMatcher.Bound<E> reference(RuleSet rules, EventAdapter<E> adapter) {
        return ReferenceEvaluator.of(impl(rules).evaluatedRules()).bind(adapter);
    }

    /** The compiled program of a rule set, reporting matching rule indexes. */
    public static <E> RuleMatcher.Bound<E> compiled(RuleSet rules, EventAdapter<E> adapter) {
        return impl(rules).matcher().bind(adapter);
    }

    /** Counts describing a compiled program. */
    public record ProgramShape(int rules, int predicates, int fields, int buckets, int automata, long automatonStates,
                               long automatonBytes, long codeInts) {
    }

    /** The shape of a rule set's compiled program. */
    public static ProgramShape shape(RuleSet rules) {
        Program p = ((ProgramMachine) impl(rules).matcher()).program();
        int automata = 0;
        long states = 0;
        long bytes = 0;
        for (FieldScan s : p.scans) {
            if (s != null && s.automaton != null) {
                automata++;
                states += s.automaton.stateCount();
                bytes += s.automaton.sizeInBytes();
            }
        }
        List<Bucket> buckets = new ArrayList<>();
        collectBuckets(p.root, new IdentityHashMap<>(), buckets);
        Set<FieldScan> keywordScans = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Bucket b : buckets) {
            if (b.keywordScan != null && b.keywordScan.automaton != null && keywordScans.add(b.keywordScan)) {
                automata++;
                states += b.keywordScan.automaton.stateCount();
                bytes += b.keywordScan.automaton.sizeInBytes();
            }
        }
        long code = 0;
        for (int[] c : p.code) {
            code += c == null ? 0 : c.length;
        }
        return new ProgramShape(p.ruleCount(), p.predicateCount(), p.fields.length,
                buckets.size(), automata, states, bytes, code);
    }

    /**
     * Runs the compiled program over events and returns the average number of rules whose code had to run per
     * event (the prefilter's candidates) and that number as a fraction of all rules.
     */
    public static <E> double[] candidatesPerEvent(RuleSet rules, Iterable<E> events, EventAdapter<E> adapter) {
        ProgramMachine.BoundMachine<E> bound = ((ProgramMachine) impl(rules).matcher()).bind(adapter);
        for (E e : events) {
            bound.match(e, i -> {
            });
        }
        long[] s = bound.statistics();
        double perEvent = s[0] == 0 ? 0 : (double) s[1] / s[0];
        int ruleCount = impl(rules).evaluatedRules().size();
        return new double[]{perEvent, ruleCount == 0 ? 0 : perEvent / ruleCount};
    }

    private static void collectBuckets(Object node, Map<Object, Boolean> seen, List<Bucket> out) {
        if (seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Bucket b) {
            out.add(b);
            return;
        }
        Route r = (Route) node;
        collectBuckets(r.other, seen, out);
        collectBuckets(r.any, seen, out);
        for (Object t : r.targets) {
            collectBuckets(t, seen, out);
        }
    }

    private static RuleSetImpl impl(RuleSet rules) {
        if (rules instanceof RuleSetImpl impl) {
            return impl;
        }
        throw new IllegalArgumentException("not a rule set built by this engine: " + rules.getClass());
    }
}
