package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Event;
import io.sigmaengine.engine.match.Scalars;

import java.util.Arrays;

/**
 * Group keys and counted values. One field gives its text as a {@link String}; several give a {@link Tuple}; none
 * (no {@code group-by}) gives {@link #GLOBAL}. Only scalars have a value: a missing field, null, a list or an object
 * has none, so the event is not counted.
 */
final class Keys {

    /** The key of the one group of a correlation without {@code group-by}. */
    static final Tuple GLOBAL = new Tuple(new String[0]);

    private Keys() {
    }

    /** Text of a scalar field value, or {@code null} if it has no value to group or count by. */
    static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v == null || v == Event.MISSING || !Scalars.isScalar(v)) {
            return null;
        }
        return Scalars.text(v).toString();
    }

    /** The key of some field texts (any {@code null} means no key). */
    static Object of(String[] parts) {
        if (parts.length == 0) {
            return GLOBAL;
        }
        for (String p : parts) {
            if (p == null) {
                return null;
            }
        }
        return parts.length == 1 ? parts[0] : new Tuple(parts);
    }

    /** The field texts of a key. */
    static String[] parts(Object key) {
        return key instanceof String s ? new String[]{s} : ((Tuple) key).parts.clone();
    }

    /** Several field texts; equal when all parts are equal. */
    static final class Tuple {
        private final String[] parts;
        private final int hash;

        Tuple(String[] parts) {
            this.parts = parts;
            this.hash = Arrays.hashCode(parts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Tuple t && t.hash == hash && Arrays.equals(t.parts, parts);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            return Arrays.toString(parts);
        }
    }
}
