package io.sigmaengine.engine.model;

import java.util.List;

/**
 * The body of a search identifier: a map is an AND of its items, a list is an OR of its elements.
 */
public sealed interface DetectionNode {

    /** How many values the node compares, each expansion alternative counted. */
    default long valueCount() {
        if (this instanceof Item it) {
            long n = 0;
            for (SigmaValue v : it.item().values()) {
                n += SigmaValue.count(v);
            }
            return n;
        }
        long n = 0;
        for (DetectionNode c : this instanceof AllOf a ? a.children() : ((AnyOf) this).children()) {
            n += c.valueCount();
        }
        return n;
    }

    /** All children must match (a YAML map). */
    record AllOf(List<DetectionNode> children) implements DetectionNode {
        public AllOf {
            children = List.copyOf(children);
        }
    }

    /** At least one child must match (a YAML list). */
    record AnyOf(List<DetectionNode> children) implements DetectionNode {
        public AnyOf {
            children = List.copyOf(children);
        }
    }

    /** One field comparison. */
    record Item(DetectionItem item) implements DetectionNode {
    }
}
