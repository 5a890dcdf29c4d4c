package io.sigmaengine.engine.correlate;

import java.util.List;

/**
 * The evaluated correlation rules of a rule set and how matches flow into them: from each evaluated detection rule
 * (by the index the {@link io.sigmaengine.engine.eval.RuleMatcher} reports) and from each correlation to the
 * correlations that use it. Immutable and shared by every detector of the rule set. Built by
 * {@link CorrelationPlanner}.
 */
public final class CorrelationPlan {

    private static final int[] NO_NODES = new int[0];
    private static final long[] NO_MASKS = new long[0];

    private final List<CorrelationNode> nodes;
    private final int[][] ruleNodes;
    private final long[][] ruleSlots;
    private final int[][] outputNodes;
    private final long[][] outputSlots;

    CorrelationPlan(List<CorrelationNode> nodes, int[][] ruleNodes, long[][] ruleSlots, int[][] outputNodes,
                    long[][] outputSlots) {
        this.nodes = List.copyOf(nodes);
        this.ruleNodes = ruleNodes;
        this.ruleSlots = ruleSlots;
        this.outputNodes = outputNodes;
        this.outputSlots = outputSlots;
    }

    /** A plan without correlations. */
    public static CorrelationPlan empty(int evaluatedRules) {
        int[][] rn = new int[evaluatedRules][];
        long[][] rs = new long[evaluatedRules][];
        java.util.Arrays.fill(rn, NO_NODES);
        java.util.Arrays.fill(rs, NO_MASKS);
        return new CorrelationPlan(List.of(), rn, rs, new int[0][], new long[0][]);
    }

    /** Whether there is any correlation to evaluate. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    List<CorrelationNode> nodes() {
        return nodes;
    }

    /** The correlations fed by an evaluated detection rule, in plan order. */
    int[] ruleNodes(int ruleIndex) {
        return ruleNodes[ruleIndex];
    }

    /** For each entry of {@link #ruleNodes}, the slots of that correlation the rule fills (a bit per slot). */
    long[] ruleSlots(int ruleIndex) {
        return ruleSlots[ruleIndex];
    }

    /** The correlations that use correlation {@code node}, in plan order. */
    int[] outputNodes(int node) {
        return outputNodes[node];
    }

    /** For each entry of {@link #outputNodes}, the slots it fills there. */
    long[] outputSlots(int node) {
        return outputSlots[node];
    }
}
