package io.sigmaengine.engine.pipeline;

import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.SigmaValue;

/**
 * The three kinds of processing-item conditions of pySigma pipelines, and how each kind combines with
 * {@code and}, {@code or} and {@code not} (for {@code _op}, {@code _not} and {@code _expr}).
 */
public final class Conditions {

    private Conditions() {
    }

    /** Decides whether a processing item applies to a rule (detection or correlation rule). */
    @FunctionalInterface
    public interface RuleCondition {
        boolean test(WorkingRule rule);
    }

    /** Decides which detection items a detection-item or value transformation touches. */
    @FunctionalInterface
    public interface ItemCondition {
        boolean test(WorkingRule rule, DetectionItem item);
    }

    /**
     * Decides which field names a field transformation renames. pySigma asks it two questions: about a field name
     * alone (the field of a detection item, a {@code fieldref} target, a name in {@code fields} or a correlation's
     * {@code group-by}), and about a whole detection item, which by default holds when its field or any of its
     * field references holds.
     */
    public interface FieldCondition {
        /** @param field a field name, or {@code null} for a keyword item */
        boolean matchesField(WorkingRule rule, String field);

        default boolean matchesItem(WorkingRule rule, DetectionItem item) {
            if (matchesField(rule, item.field())) {
                return true;
            }
            for (SigmaValue v : item.values()) {
                if (v instanceof SigmaValue.FieldRef f && matchesField(rule, f.field())) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Boolean connectives over one condition kind. */
    interface Logic<C> {
        C and(C a, C b);

        C or(C a, C b);

        C not(C a);
    }

    static final Logic<RuleCondition> RULE = new Logic<>() {
        public RuleCondition and(RuleCondition a, RuleCondition b) {
            return r -> a.test(r) && b.test(r);
        }

        public RuleCondition or(RuleCondition a, RuleCondition b) {
            return r -> a.test(r) || b.test(r);
        }

        public RuleCondition not(RuleCondition a) {
            return r -> !a.test(r);
        }
    };

    static final Logic<ItemCondition> ITEM = new Logic<>() {
        public ItemCondition and(ItemCondition a, ItemCondition b) {
            return (r, i) -> a.test(r, i) && b.test(r, i);
        }

        public ItemCondition or(ItemCondition a, ItemCondition b) {
            return (r, i) -> a.test(r, i) || b.test(r, i);
        }

        public ItemCondition not(ItemCondition a) {
            return (r, i) -> !a.test(r, i);
        }
    };

    static final Logic<FieldCondition> FIELD = new Logic<>() {
        public FieldCondition and(FieldCondition a, FieldCondition b) {
            return new FieldCondition() {
                public boolean matchesField(WorkingRule r, String f) {
                    return a.matchesField(r, f) && b.matchesField(r, f);
                }

                public boolean matchesItem(WorkingRule r, DetectionItem i) {
                    return a.matchesItem(r, i) && b.matchesItem(r, i);
                }
            };
        }

        public FieldCondition or(FieldCondition a, FieldCondition b) {
            return new FieldCondition() {
                public boolean matchesField(WorkingRule r, String f) {
                    return a.matchesField(r, f) || b.matchesField(r, f);
                }

                public boolean matchesItem(WorkingRule r, DetectionItem i) {
                    return a.matchesItem(r, i) || b.matchesItem(r, i);
                }
            };
        }

        public FieldCondition not(FieldCondition a) {
            return new FieldCondition() {
                public boolean matchesField(WorkingRule r, String f) {
                    return !a.matchesField(r, f);
                }

                public boolean matchesItem(WorkingRule r, DetectionItem i) {
                    return !a.matchesItem(r, i);
                }
            };
        }
    };
}
