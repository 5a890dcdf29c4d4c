package io.sigmaengine.engine.event;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * An immutable JSON object with unique keys in document order: parallel key and value arrays, looked up by a
 * linear scan when small and through an open-addressing hash index otherwise. Cheaper to build and to query than
 * a {@link java.util.LinkedHashMap}, and still a {@link Map} for callers that receive nested objects.
 */
final class JsonObject extends AbstractMap<String, Object> {

    static final JsonObject EMPTY = new JsonObject(new String[0], new Object[0]);

    /** Up to this many keys a linear scan beats hashing (keys are usually canonical instances, so equals is ==). */
    private static final int LINEAR_MAX = 8;
    /** Average probes per key beyond which the keys are treated as a hash-flooding attempt. */
    private static final int MAX_AVERAGE_PROBES = 16;

    private final String[] keys;
    private final Object[] values;
    /** Hash slots holding key index + 1 (0 = empty); {@code null} for small objects or when {@link #sorted} is used. */
    private final int[] table;
    /** Key indexes in key order; only for objects whose keys collide too much to hash (crafted input). */
    private final int[] sorted;
    private final boolean flat;

    private JsonObject(String[] keys, Object[] values) {
        this(keys, values, null, null);
    }

    private JsonObject(String[] keys, Object[] values, int[] table, int[] sorted) {
        this.keys = keys;
        this.values = values;
        this.table = table;
        this.sorted = sorted;
        boolean f = true;
        for (Object v : values) {
            if (v instanceof JsonObject || v instanceof JsonArray) {
                f = false;
                break;
            }
        }
        this.flat = f;
    }

    /**
     * Whether no value is an object or array: then every value is a scalar or null, and a walk over all values
     * is a plain loop (the common shape of log events).
     */
    boolean isFlat() {
        return flat;
    }

    /**
     * Builds an object, taking ownership of both arrays.
     *
     * @throws DuplicateKeyException if a key occurs twice
     */
    static JsonObject of(String[] keys, Object[] values) {
        int n = keys.length;
        if (n <= LINEAR_MAX) {
            for (int i = 1; i < n; i++) {
                for (int j = 0; j < i; j++) {
                    if (keys[i].equals(keys[j])) {
                        throw new DuplicateKeyException(keys[i]);
                    }
                }
            }
            return n == 0 ? EMPTY : new JsonObject(keys, values);
        }
        int[] table = new int[Integer.highestOneBit(n) << 2];
        int mask = table.length - 1;
        long probes = 0;
        long maxProbes = (long) MAX_AVERAGE_PROBES * n;
        for (int i = 0; i < n; i++) {
            String key = keys[i];
            int h = key.hashCode();
            int slot = spread(h) & mask;
            while (table[slot] != 0) {
                String other = keys[table[slot] - 1];
                if (other.hashCode() == h && other.equals(key)) {
                    throw new DuplicateKeyException(key);
                }
                slot = (slot + 1) & mask;
                if (++probes > maxProbes) {
                    return sortedObject(keys, values);
                }
            }
            table[slot] = i + 1;
        }
        return new JsonObject(keys, values, table, null);
    }

    /** Fallback for keys crafted to share hash codes: O(n log n) to build, O(log n) to query. */
    private static JsonObject sortedObject(String[] keys, Object[] values) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> keys[a].compareTo(keys[b]));
        int[] sorted = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = order[i];
            if (i > 0 && keys[sorted[i]].equals(keys[sorted[i - 1]])) {
                throw new DuplicateKeyException(keys[sorted[i]]);
            }
        }
        return new JsonObject(keys, values, null, sorted);
    }

    private static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /** The index of {@code key}, or -1. */
    int indexOf(String key) {
        String[] ks = keys;
        if (table != null) {
            int h = key.hashCode();
            int mask = table.length - 1;
            for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot];
                if (e == 0) {
                    return -1;
                }
                String k = ks[e - 1];
                if (k == key || (k.hashCode() == h && k.equals(key))) {
                    return e - 1;
                }
            }
        }
        if (sorted != null) {
            return binarySearch(key);
        }
        for (int i = 0; i < ks.length; i++) {
            if (ks[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the key equal to {@code name.substring(from, to)}, or -1; avoids creating the substring. */
    int indexOf(String name, int from, int to) {
        int len = to - from;
        String[] ks = keys;
        if (table != null) {
            int h = 0;
            for (int i = from; i < to; i++) {
                h = 31 * h + name.charAt(i); // String.hashCode of the region
            }
            int mask = table.length - 1;
            for (int slot = spread(h) & mask; ; slot = (slot + 1) & mask) {
                int e = table[slot];
                if (e == 0) {
                    return -1;
                }
                String k = ks[e - 1];
                if (k.length() == len && k.hashCode() == h && name.regionMatches(from, k, 0, len)) {
                    return e - 1;
                }
            }
        }
        if (sorted != null) {
            return binarySearch(name.substring(from, to));
        }
        for (int i = 0; i < ks.length; i++) {
            String k = ks[i];
            if (k.length() == len && name.regionMatches(from, k, 0, len)) {
                return i;
            }
        }
        return -1;
    }

    private int binarySearch(String key) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = keys[sorted[mid]].compareTo(key);
            if (c < 0) {
                lo = mid + 1;
            } else if (c > 0) {
                hi = mid - 1;
            } else {
                return sorted[mid];
            }
        }
        return -1;
    }

    String keyAt(int index) {
        return keys[index];
    }

    Object valueAt(int index) {
        return values[index];
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean containsKey(Object key) {
        return key instanceof String s && indexOf(s) >= 0;
    }

    @Override
    public Object get(Object key) {
        if (!(key instanceof String s)) {
            return null;
        }
        int i = indexOf(s);
        return i < 0 ? null : values[i];
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < keys.length; i++) {
            action.accept(keys[i], values[i]);
        }
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, Object> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    /** A key occurs twice in one object; carries the key, not a stack trace (it is reported, not debugged). */
    static final class DuplicateKeyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DuplicateKeyException(String key) {
            super(key, null, false, false);
        }

        String key() {
            return getMessage();
        }
    }
}
