package io.sigmaengine.engine.regex;

/** A set of small integers with O(1) add, membership and clear, iterated in insertion order (Briggs & Torczon). */
final class SparseSet {

    private final int[] dense;
    private final int[] sparse;
    private int size;

    SparseSet(int capacity) {
        dense = new int[capacity];
        sparse = new int[capacity];
    }

    boolean contains(int v) {
        int i = sparse[v];
        return i < size && dense[i] == v;
    }

    /** Adds {@code v}; returns {@code false} if it was already there. */
    boolean add(int v) {
        if (contains(v)) {
            return false;
        }
        sparse[v] = size;
        dense[size++] = v;
        return true;
    }

    int size() {
        return size;
    }

    int get(int i) {
        return dense[i];
    }

    void clear() {
        size = 0;
    }
}
