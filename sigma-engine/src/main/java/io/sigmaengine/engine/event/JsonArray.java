package io.sigmaengine.engine.event;

import java.util.AbstractList;
import java.util.RandomAccess;

/** An immutable JSON array: a plain {@link java.util.List} view over the parsed elements. */
final class JsonArray extends AbstractList<Object> implements RandomAccess {

    static final JsonArray EMPTY = new JsonArray(new Object[0]);

    private final Object[] elements;

    /** Takes ownership of {@code elements}. */
    JsonArray(Object[] elements) {
        this.elements = elements;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
