package io.sigmaengine.engine.model;

import java.util.List;

/**
 * A detection rule: metadata, log source, named search identifiers and one or more conditions over them.
 * Immutable; pipelines produce modified copies.
 *
 * @param meta        descriptive fields
 * @param logsource   the log source (as rewritten by pipelines, if any)
 * @param detections  the search identifiers in document order
 * @param conditions  the conditions (at least one); the rule matches if any of them is true
 */
public record SigmaRule(RuleMeta meta, LogSource logsource, List<Detection> detections,
                        List<ConditionEntry> conditions) {

    public SigmaRule {
        detections = List.copyOf(detections);
        conditions = List.copyOf(conditions);
    }

    public Detection detection(String name) {
        for (Detection d : detections) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    public SigmaRule withLogsource(LogSource ls) {
        return new SigmaRule(meta, ls, detections, conditions);
    }

    public SigmaRule withDetections(List<Detection> ds) {
        return new SigmaRule(meta, logsource, ds, conditions);
    }

    public SigmaRule withConditions(List<ConditionEntry> cs) {
        return new SigmaRule(meta, logsource, detections, cs);
    }

    public SigmaRule withMeta(RuleMeta m) {
        return new SigmaRule(m, logsource, detections, conditions);
    }
}
