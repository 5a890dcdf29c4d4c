package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;
import io.sigmaengine.engine.ir.Predicate;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Static estimates used to order evaluation and to choose trigger literals: how likely a predicate is to be true
 * on a random event, and how much it costs to decide once its field has been scanned. Long literals are rarer
 * than short ones; whole-value and anchored comparisons rarer than substring ones; a handful of literals found in
 * almost every Windows event are known to be poor filters.
 */
final class Estimates {

    /** Literals that occur in most process events: prefiltering on them alone would select almost everything. */
    private static final Set<String> COMMON = Set.of(".exe", "\\windows\\", "c:\\windows\\", "\\system32\\",
            "c:\\windows\\system32\\", "c:\\", "\\program files", "c:\\program files", "\\appdata\\", "\\users\\",
            "c:\\users\\", ".dll", "\\temp\\", "system32", "windows", "\\windows\\system32\\", "\\syswow64\\");

    private final Set<String> routeFields;
    private final Map<Node, Double> probability;
    private final Map<Node, Double> costs;

    /**
     * @param routeFields   fields used for routing: their comparisons are known true inside a bucket
     * @param expectedNodes about how many nodes will be estimated (sizes the memos)
     */
    Estimates(Set<String> routeFields, int expectedNodes) {
        this.routeFields = routeFields;
        this.probability = new IdentityHashMap<>(expectedNodes);
        this.costs = new IdentityHashMap<>(expectedNodes);
    }

    /** Characters that occur in most values: a literal of one of them filters nothing. */
    private static final String COMMON_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789 \\/.-_:,=";

    /** Probability that a literal occurs in a field value, from its length (and, for one char, which char). */
    static double literal(String lit) {
        if (lit == null || lit.isEmpty()) {
            return 1.0;
        }
        if (COMMON.contains(lit)) {
            return 0.9;
        }
        if (lit.length() == 1) {
            return COMMON_CHARS.indexOf(lit.charAt(0)) >= 0 ? 0.9 : 0.3;
        }
        return Math.min(0.9, Math.pow(0.7, lit.length()));
    }

    /** Probability that a predicate is true. */
    double predicate(Predicate p) {
        if (p.field() != null && routeFields.contains(p.field())) {
            return 1.0;
        }
        double keywordFactor = p.isKeyword() ? 3 : 1;
        return switch (p.kind()) {
            case EQUALS -> Math.min(1, 0.2 * literal(p.literal()) * keywordFactor);
            case STARTS_WITH, ENDS_WITH -> Math.min(1, 0.5 * literal(p.literal()) * keywordFactor);
            case CONTAINS -> Math.min(1, literal(p.literal()) * keywordFactor);
            case NUMBER_EQUALS -> 0.05;
            case OTHER -> 0.5;
        };
    }

    /** Cost of deciding a predicate once its field has been scanned (scanned predicates are free). */
    static double cost(Predicate p) {
        if (p.decidedByLiteral() || p.kind() == Predicate.Kind.NUMBER_EQUALS) {
            return 0;
        }
        return (p.isKeyword() ? 10 : 1) * (2 + p.test().cost());
    }

    /** Probability that a node is true (independence assumed). */
    double probability(Node n) {
        Double cached = probability.get(n);
        if (cached != null) {
            return cached;
        }
        double p;
        if (n instanceof Node.Leaf l) {
            p = predicate(l.predicate());
        } else if (n instanceof Node.Not not) {
            p = 1 - probability(not.operand());
        } else if (n instanceof Node.Const c) {
            p = c.value() ? 1 : 0;
        } else if (n instanceof Node.And a) {
            p = 1;
            for (Node x : a.operands()) {
                p *= probability(x);
            }
        } else {
            double none = 1;
            for (Node x : ((Node.Or) n).operands()) {
                none *= 1 - probability(x);
            }
            p = 1 - none;
        }
        probability.put(n, p);
        return p;
    }

    /** Cost of evaluating a node in the worst case. */
    double cost(Node n) {
        if (n instanceof Node.Leaf l) {
            return cost(l.predicate());
        }
        if (n instanceof Node.Not not) {
            return cost(not.operand());
        }
        if (n instanceof Node.Const) {
            return 0;
        }
        Double cached = costs.get(n);
        if (cached != null) {
            return cached;
        }
        List<Node> ops = n instanceof Node.And a ? a.operands() : ((Node.Or) n).operands();
        double c = 0;
        for (Node x : ops) {
            c += cost(x);
        }
        costs.put(n, c);
        return c;
    }
}
