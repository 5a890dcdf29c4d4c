package io.sigmaengine.engine.model;

import java.util.List;

/**
 * The body of a search identifier: a map is an AND of its items, a list is an OR of its elements.
 */
public sealed interface DetectionNode {

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
