package io.sigmaengine.engine.model;

import java.util.List;

/**
 * A meta filter: for every detection rule whose log source it covers and whose id or name it lists (or every
 * such rule with {@code rules: any}), the rule's condition becomes {@code (rule condition) and (filter
 * condition)}.
 *
 * @param meta       descriptive fields
 * @param logsource  which rules it may apply to (pySigma containment test)
 * @param anyRule    {@code rules: any} (or an empty list)
 * @param ruleRefs   ids or names of the rules it applies to (empty when {@code anyRule})
 * @param detections the filter's own search identifiers
 * @param condition  the filter condition, applied exactly as written
 */
public record SigmaFilter(RuleMeta meta, LogSource logsource, boolean anyRule, List<String> ruleRefs,
                          List<Detection> detections, ConditionEntry condition) {

    public SigmaFilter {
        ruleRefs = List.copyOf(ruleRefs);
        detections = List.copyOf(detections);
    }
}
