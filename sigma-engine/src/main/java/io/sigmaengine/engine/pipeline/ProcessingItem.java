package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;

import java.util.List;
import java.util.Map;

/**
 * A transformation with its conditions.
 *
 * @param id             the item's {@code id}, or {@code null}; used by {@code processing_item_applied} conditions
 * @param type           the transformation type name, for messages
 * @param transformation what it does
 * @param ruleCondition  whether it applies to a rule ({@code null}: always)
 * @param itemCondition  which detection items it touches ({@code null}: all)
 * @param fieldCondition which field names it touches ({@code null}: all)
 */
public record ProcessingItem(String id, String type, Transformation transformation,
                             Conditions.RuleCondition ruleCondition, Conditions.ItemCondition itemCondition,
                             Conditions.FieldCondition fieldCondition) {

    /**
     * Applies the transformation if the rule conditions hold, marking the rule as processed by this item first.
     *
     * @param vars the combined {@code vars} of the pipelines being run
     * @return whether the item applied
     * @throws PipelineException if the transformation refuses the rule
     */
    public boolean apply(WorkingRule rule, Map<String, List<String>> vars) throws PipelineException {
        if (ruleCondition != null && !ruleCondition.test(rule)) {
            return false;
        }
        rule.markApplied(id);
        transformation.apply(this, rule, vars);
        return true;
    }

    /** pySigma's {@code match_detection_item}: the detection-item conditions and the field-name conditions. */
    public boolean matchesItem(WorkingRule rule, DetectionItem item) {
        return (itemCondition == null || itemCondition.test(rule, item))
                && (fieldCondition == null || fieldCondition.matchesItem(rule, item));
    }

    /** pySigma's {@code match_field_name}: the field-name conditions on a field name alone. */
    public boolean matchesField(WorkingRule rule, String field) {
        return fieldCondition == null || fieldCondition.matchesField(rule, field);
    }
}
