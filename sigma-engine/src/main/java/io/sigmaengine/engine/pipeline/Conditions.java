package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;

/** The three kinds of processing-item conditions of pySigma pipelines. */
public final class Conditions {

    private Conditions() {
    }

    /** Decides whether a processing item applies to a rule. */
    @FunctionalInterface
    public interface RuleCondition {
        boolean test(WorkingRule rule);
    }

    /** Decides which detection items a detection-item or value transformation touches. */
    @FunctionalInterface
    public interface ItemCondition {
        boolean test(WorkingRule rule, DetectionItem item);
    }

    /** Decides which field names a field-name transformation renames. */
    @FunctionalInterface
    public interface FieldCondition {
        boolean test(WorkingRule rule, String field, DetectionItem item);
    }
}
