package io.sigmaengine.engine.resolve;

import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.engine.model.Detection;

import java.util.List;

/**
 * A detection rule ready for evaluation: its detections (the rule's own, then those of the filters that apply to
 * it, renamed with a {@code _filter<n>_} prefix) and its conditions over them, each already ANDed with every
 * applicable filter's condition.
 *
 * @param info       the metadata reported with matches
 * @param detections detections, addressed by {@link RuleExpr.Ref#index()}
 * @param conditions the rule's conditions; the rule matches if any is true
 */
public record ResolvedRule(RuleInfo info, List<Detection> detections, List<RuleExpr> conditions) {

    public ResolvedRule {
        detections = List.copyOf(detections);
        conditions = List.copyOf(conditions);
    }
}
