package io.sigmaengine.engine.correlate;

/**
 * The groups of one correlation rule: a hash table whose entries are the groups themselves (no per-entry wrapper
 * objects, which matters at a million groups), threaded on a list from least to most recently updated. Groups are
 * updated in event-time order, so the list's head is also the group whose newest event is oldest: expiry and
 * least-recently-updated eviction both take from the head.
 */
final class GroupTable {

    private Group[] buckets = new Group[16];
    private int size;
    private Group oldest;
    private Group newest;

    int size() {
        return size;
    }

    /** The least recently updated group, or {@code null}. */
    Group oldest() {
        return oldest;
    }

    Group get(Object key) {
        int h = Group.spread(key.hashCode());
        for (Group g = buckets[h & (buckets.length - 1)]; g != null; g = g.bucketNext) {
            if (g.hash == h && g.key.equals(key)) {
                return g;
            }
        }
        return null;
    }

    /** Adds a group (whose key is not present) as the most recently updated. */
    void add(Group g) {
        if (size >= buckets.length - (buckets.length >>> 2)) {
            resize();
        }
        int i = g.hash & (buckets.length - 1);
        g.bucketNext = buckets[i];
        buckets[i] = g;
        size++;
        append(g);
    }

    /** Marks a group as the most recently updated. */
    void touch(Group g) {
        if (g != newest) {
            unlinkOrder(g);
            append(g);
        }
    }

    void remove(Group g) {
        int i = g.hash & (buckets.length - 1);
        Group prev = null;
        for (Group x = buckets[i]; x != null; prev = x, x = x.bucketNext) {
            if (x == g) {
                if (prev == null) {
                    buckets[i] = x.bucketNext;
                } else {
                    prev.bucketNext = x.bucketNext;
                }
                break;
            }
        }
        g.bucketNext = null;
        unlinkOrder(g);
        g.removed = true;
        size--;
    }

    private void append(Group g) {
        g.older = newest;
        g.newer = null;
        if (newest != null) {
            newest.newer = g;
        } else {
            oldest = g;
        }
        newest = g;
    }

    private void unlinkOrder(Group g) {
        if (g.older != null) {
            g.older.newer = g.newer;
        } else {
            oldest = g.newer;
        }
        if (g.newer != null) {
            g.newer.older = g.older;
        } else {
            newest = g.older;
        }
        g.older = null;
        g.newer = null;
    }

    private void resize() {
        Group[] old = buckets;
        buckets = new Group[old.length * 2];
        for (Group head : old) {
            for (Group g = head; g != null; ) {
                Group next = g.bucketNext;
                int i = g.hash & (buckets.length - 1);
                g.bucketNext = buckets[i];
                buckets[i] = g;
                g = next;
            }
        }
    }
}
