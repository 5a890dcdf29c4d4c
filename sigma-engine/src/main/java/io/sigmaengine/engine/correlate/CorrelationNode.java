package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.RuleInfo;

/**
 * One evaluated correlation rule, compiled for the detector: which fields each referenced rule's events are grouped
 * and measured by (after aliases), the condition, and how the window is kept. Immutable.
 *
 * @param index           position in the plan; inner correlations come before the correlations that use them
 * @param info            the rule's metadata
 * @param typeName        the correlation type as written, e.g. {@code event_count}
 * @param aggregate       what is computed over a window
 * @param emits           whether its firings are reported (not when only an outer correlation without
 *                        {@code generate: true} uses it)
 * @param timespan        the window length in microseconds
 * @param groupBy         the group-by names as written (alias names included), in order
 * @param groupFields     per slot (referenced rule, in {@code rules} order), the field read for each group-by name
 * @param valueFields     per slot, the fields of {@code condition.field} (empty for types without one)
 * @param innerGroupIndex per slot fed by an inner correlation, for each group-by name the position of the field in
 *                        the inner correlation's group-by ({@code -1}: it has none, so nothing is counted); null for
 *                        slots fed by detection rules
 * @param innerValueIndex the same for the value fields
 * @param condition       the condition
 * @param windowClose     whether the condition is decided when a window that starts at an event closes (absence
 *                        conditions), instead of when an event arrives
 * @param retain          most entries a group needs for an exact answer ({@code Integer.MAX_VALUE}: all in the
 *                        window); the detector's per-group cap applies on top
 * @param percentile      for {@code value_percentile}/{@code value_median}, the percentile (0 to 100)
 * @param fingerprint     a hash of everything that gives the saved state of this rule its meaning; snapshots only
 *                        restore state into a node with the same identity and fingerprint
 */
record CorrelationNode(int index, RuleInfo info, String typeName, Aggregate aggregate, boolean emits, long timespan,
                       String[] groupBy, String[][] groupFields, String[][] valueFields, int[][] innerGroupIndex,
                       int[][] innerValueIndex, WindowCondition condition, boolean windowClose, int retain,
                       double percentile, long fingerprint) {

    /** What a correlation computes over a window. */
    enum Aggregate {
        /** Number of events ({@code event_count}). */
        EVENT_COUNT,
        /** Number of distinct values or value tuples ({@code value_count}). */
        VALUE_COUNT,
        /** Referenced rules seen, in any order ({@code temporal}). */
        TEMPORAL,
        /** Referenced rules seen in the order listed ({@code temporal_ordered}). */
        TEMPORAL_ORDERED,
        /** Sum of a numeric field ({@code value_sum}). */
        VALUE_SUM,
        /** Mean of a numeric field ({@code value_avg}). */
        VALUE_AVG,
        /** Nearest-rank percentile of a numeric field ({@code value_percentile}, {@code value_median}). */
        VALUE_PERCENTILE;

        boolean isNumeric() {
            return this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }
    }

    int slotCount() {
        return groupFields.length;
    }

    /** Whether groups keep every event of the window (temporal types otherwise keep only per-rule summaries). */
    boolean keepsEntries() {
        return switch (aggregate) {
            case EVENT_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> true;
            case VALUE_COUNT, TEMPORAL -> windowClose;
            case TEMPORAL_ORDERED -> windowClose || condition.isExpression();
        };
    }

    String identity() {
        return info.identity();
    }
}
