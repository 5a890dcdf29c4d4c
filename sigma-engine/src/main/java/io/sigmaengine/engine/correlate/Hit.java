package io.sigmaengine.engine.correlate;

/**
 * One event counted by one correlation rule for one group: the slots (referenced rules) it fills, and the counted
 * value ({@code value_count}) or number (value_sum/avg/percentile) where the rule needs one.
 */
record Hit(int node, Object key, long slots, Object value, double number) {
}
