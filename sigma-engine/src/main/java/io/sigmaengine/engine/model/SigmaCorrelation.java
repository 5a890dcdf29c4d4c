package io.sigmaengine.engine.model;

import io.sigmaengine.engine.condition.ConditionExpr;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A correlation rule over the matches of other rules (Sigma 2.1 correlation specification).
 *
 * @param meta            descriptive fields
 * @param type            the correlation type
 * @param ruleRefs        ids or names of the referenced rules (detections or correlations), in order
 * @param groupBy         group-by fields (possibly alias names); empty means one global group
 * @param timespan        the window length
 * @param thresholds      the condition operators, all of which must hold (empty for temporal types without a
 *                        condition, meaning "all referenced rules")
 * @param valueFields     {@code condition.field}: one field, or several for a value_count over tuples
 * @param percentile      {@code condition.percentile} for value_percentile, else {@code null}
 * @param extendedCondition a boolean expression over rule names for temporal types, else {@code null}
 * @param aliases         alias name to (rule reference to field)
 * @param generate        whether referenced rules also produce their own matches
 */
public record SigmaCorrelation(RuleMeta meta, CorrelationType type, List<String> ruleRefs, List<String> groupBy,
                               Duration timespan, List<Threshold> thresholds, List<String> valueFields,
                               Double percentile, ConditionExpr extendedCondition,
                               Map<String, Map<String, String>> aliases, boolean generate) {

    public SigmaCorrelation {
        ruleRefs = List.copyOf(ruleRefs);
        groupBy = List.copyOf(groupBy);
        thresholds = List.copyOf(thresholds);
        valueFields = List.copyOf(valueFields);
        aliases = Map.copyOf(aliases);
    }

    /** This correlation with its field names replaced (processing pipelines rename fields). */
    public SigmaCorrelation withFields(RuleMeta newMeta, List<String> newGroupBy, List<String> newValueFields,
                                       Map<String, Map<String, String>> newAliases) {
        return new SigmaCorrelation(newMeta, type, ruleRefs, newGroupBy, timespan, thresholds, newValueFields,
                percentile, extendedCondition, newAliases, generate);
    }

    /** Correlation types. */
    public enum CorrelationType {
        EVENT_COUNT("event_count"),
        VALUE_COUNT("value_count"),
        TEMPORAL("temporal"),
        TEMPORAL_ORDERED("temporal_ordered"),
        VALUE_SUM("value_sum"),
        VALUE_AVG("value_avg"),
        VALUE_PERCENTILE("value_percentile"),
        VALUE_MEDIAN("value_median");

        private final String yamlName;

        CorrelationType(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }

        public static CorrelationType byName(String name) {
            for (CorrelationType t : values()) {
                if (t.yamlName.equalsIgnoreCase(name)) {
                    return t;
                }
            }
            return null;
        }

        public boolean isTemporal() {
            return this == TEMPORAL || this == TEMPORAL_ORDERED;
        }

        /** Whether {@code condition.field} is required. */
        public boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE
                    || this == VALUE_MEDIAN;
        }
    }

    /** One condition operator and its bound, e.g. {@code gte: 10}. */
    public record Threshold(Op op, SigmaNumber bound) {
        public boolean test(SigmaNumber value) {
            int c = value.compareTo(bound);
            return switch (op) {
                case GT -> c > 0;
                case GTE -> c >= 0;
                case LT -> c < 0;
                case LTE -> c <= 0;
                case EQ -> c == 0;
                case NEQ -> c != 0;
            };
        }
    }

    /** Correlation condition operators. */
    public enum Op {
        GT, GTE, LT, LTE, EQ, NEQ;

        public static Op byName(String s) {
            for (Op o : values()) {
                if (o.name().equalsIgnoreCase(s)) {
                    return o;
                }
            }
            return null;
        }
    }
}
