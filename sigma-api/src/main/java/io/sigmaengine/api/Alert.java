package io.sigmaengine.api;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A correlation rule firing for one group: its condition became true for a window of events.
 *
 * <p>Events are referred to by the {@code eventRef} numbers the caller passed to
 * {@link Detector#process(Object, long, DetectionListener)}; a detector never keeps event objects.
 *
 * @param rule            the correlation rule that fired
 * @param ruleSetVersion  the {@link RuleSet#version()} of the rule set it belongs to
 * @param correlationType the correlation type as written in rules, e.g. {@code event_count}
 * @param group           the group-by field names (alias names where the rule uses aliases) and the group's values,
 *                        in {@code group-by} order; empty when the rule has no {@code group-by}
 * @param value           the aggregate that met the condition: the event count, the number of distinct values, the
 *                        sum, average, percentile or median, or for temporal types the number of referenced rules
 *                        seen (in order, for {@code temporal_ordered})
 * @param windowStart     the start of the window the condition was evaluated over (inclusive)
 * @param windowEnd       its end (inclusive): the time of the completing event, or for conditions decided when a
 *                        window closes (such as {@code lt}) the time the window closed
 * @param firstEvent      the time of the earliest event counted in the window
 * @param lastEvent       the time of the latest event counted in the window
 * @param completedBy     the reference of the event whose processing completed the alert; empty when the alert was
 *                        raised by {@link Detector#advanceTo} or {@link Detector#flush}
 * @param events          references of the counted events (for temporal types, the latest event of each rule seen),
 *                        oldest first; at most {@link DetectorOptions#maxEventRefs()} of them, the most recent ones
 */
public record Alert(RuleInfo rule, long ruleSetVersion, String correlationType, Map<String, String> group,
                    double value, Instant windowStart, Instant windowEnd, Instant firstEvent, Instant lastEvent,
                    OptionalLong completedBy, List<Long> events) {

    public Alert {
        Objects.requireNonNull(rule, "rule");
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        events = List.copyOf(events);
    }

    /** Shortcut for {@code rule().identity()}. */
    public String ruleIdentity() {
        return rule.identity();
    }
}
