package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;

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

    public boolean appliesTo(WorkingRule rule) {
        return ruleCondition == null || ruleCondition.test(rule);
    }

    public boolean touches(WorkingRule rule, DetectionItem item) {
        return itemCondition == null || itemCondition.test(rule, item);
    }

    public boolean touchesField(WorkingRule rule, String field, DetectionItem item) {
        return fieldCondition == null || fieldCondition.test(rule, field, item);
    }
}
