package io.sigmaengine.engine.correlate;

/**
 * The events of one group's window, oldest first, as parallel arrays of time, caller reference and one extra long
 * (slot bits, or a value's double bits). Entries arrive in time order, so times are sorted. Grows by doubling; the
 * caller's cap bounds its size.
 */
final class EventRing {

    private long[] times;
    private long[] refs;
    private long[] extra;
    private int head;
    private int size;

    EventRing(boolean withExtra) {
        // Most groups hold one or two events: start small, a million groups at a time.
        times = new long[1];
        refs = new long[1];
        extra = withExtra ? new long[1] : null;
    }

    int size() {
        return size;
    }

    long time(int i) {
        return times[(head + i) & (times.length - 1)];
    }

    long ref(int i) {
        return refs[(head + i) & (times.length - 1)];
    }

    /** The extra long of an entry (0 for a ring kept without them). */
    long extra(int i) {
        return extra == null ? 0 : extra[(head + i) & (times.length - 1)];
    }

    /**
     * Appends an entry; if the ring already holds {@code cap} entries the oldest is dropped first.
     *
     * @return whether an entry was dropped
     */
    boolean add(long time, long ref, long x, int cap) {
        boolean dropped = false;
        if (size >= cap) {
            removeFirst();
            dropped = true;
        }
        if (size == times.length) {
            grow();
        }
        int i = (head + size) & (times.length - 1);
        times[i] = time;
        refs[i] = ref;
        if (extra != null) {
            extra[i] = x;
        }
        size++;
        return dropped;
    }

    void removeFirst() {
        head = (head + 1) & (times.length - 1);
        size--;
    }

    /** Drops the entries older than {@code from}; returns how many. */
    int removeBefore(long from) {
        int n = firstAtOrAfter(from);
        head = (head + n) & (times.length - 1);
        size -= n;
        return n;
    }

    /** Index of the first entry with a time at or after {@code from} ({@link #size()} if none). */
    int firstAtOrAfter(long from) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time(mid) < from) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void grow() {
        int n = times.length;
        times = unwrap(times, n * 2);
        refs = unwrap(refs, n * 2);
        if (extra != null) {
            extra = unwrap(extra, n * 2);
        }
        head = 0;
    }

    private long[] unwrap(long[] a, int capacity) {
        long[] out = new long[capacity];
        int first = Math.min(size, a.length - head);
        System.arraycopy(a, head, out, 0, first);
        System.arraycopy(a, 0, out, first, size - first);
        return out;
    }
}
