package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;
import io.sigmaengine.engine.ir.Predicate;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives, for each rule, a set of trigger predicates (decided by field scans) such that the rule can only be true
 * if at least one of them is. Within an AND the rarest operand's triggers suffice; an OR needs the union of its
 * operands'; a NOT gives nothing. Slow comparisons carry a "contains" guard from lowering, so they have triggers
 * too. Rules without any trigger are evaluated on every event of their bucket.
 */
final class TriggerPlanner {

    /** A set of trigger predicates and the estimated probability that one of them is true. */
    record Plan(Set<Predicate> atoms, double probability) {
    }

    private final Estimates estimates;
    private final Map<Node, Plan> memo;

    /** @param expectedNodes about how many nodes will be planned (sizes the memo) */
    TriggerPlanner(Estimates estimates, int expectedNodes) {
        this.estimates = estimates;
        this.memo = new IdentityHashMap<>(expectedNodes);
    }

    /** The triggers of a rule, or an empty list if it must always be evaluated. */
    List<Predicate> triggers(Node root) {
        Plan p = plan(root);
        return p == null ? List.of() : new ArrayList<>(p.atoms());
    }

    private Plan plan(Node n) {
        if (memo.containsKey(n)) {
            return memo.get(n);
        }
        Plan p = compute(n);
        memo.put(n, p);
        return p;
    }

    private Plan compute(Node n) {
        if (n instanceof Node.Leaf l) {
            Predicate p = l.predicate();
            double prob = estimates.predicate(p);
            if (prob >= 1.0) {
                return null; // routing already guarantees it, so it filters nothing
            }
            return ProgramCompiler.scanned(p) ? new Plan(Set.of(p), prob) : null;
        }
        if (n instanceof Node.And a) {
            Plan best = null;
            for (Node x : a.operands()) {
                Plan p = plan(x);
                if (p != null && (best == null || p.probability() < best.probability())) {
                    best = p;
                }
            }
            return best;
        }
        if (n instanceof Node.Or o) {
            Set<Predicate> atoms = new LinkedHashSet<>();
            double prob = 0;
            for (Node x : o.operands()) {
                Plan p = plan(x);
                if (p == null) {
                    return null;
                }
                atoms.addAll(p.atoms());
                prob += p.probability();
            }
            return new Plan(atoms, Math.min(1, prob));
        }
        if (n instanceof Node.Const c && !c.value()) {
            return new Plan(Set.of(), 0);
        }
        return null;
    }
}
