package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.ValueVisitor;

/** An event over a tree of maps and lists (parsed JSON or a caller's map), with the generic field resolution. */
final class MapEvent implements Event {

    private final Object root;
    private final int maxDepth;

    MapEvent(Object root, int maxDepth) {
        this.root = root;
        this.maxDepth = maxDepth;
    }

    /** The wrapped tree. */
    Object root() {
        return root;
    }

    @Override
    public Object get(String field) {
        return Fields.resolve(root, field, maxDepth);
    }

    @Override
    public boolean visitValues(ValueVisitor visitor) {
        return Fields.visit(root, visitor, maxDepth);
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
