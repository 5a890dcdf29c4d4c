package io.sigmaengine.engine.correlate;

import java.util.List;

/**
 * The evaluated correlation rules of a rule set and how matches flow into them: from each evaluated detection rule
 * (by the index the {@link io.sigmaengine.engine.eval.RuleMatcher} reports) and from each correlation to the
 * correlations that use it. Immutable and shared by every detector of the rule set. Built by
 * {@link CorrelationPlanner}.
 */
public final class CorrelationPlan {

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
