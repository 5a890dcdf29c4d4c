package io.sigmaengine.engine.correlate;

/**
 * The state of one correlation rule for one group key: the window's entries in a form suited to the aggregate,
 * the suppression flag, and the links of the {@link GroupTable} it lives in. Subclasses keep the entries.
 */
abstract class Group {

    final Object key;
    final int hash;
    Group bucketNext;
    Group older;
    Group newer;

    /** Time of the newest event counted. */
    long last = EventTime.NONE;
    /** Whether the rule fired and its condition has held at every evaluation since (no re-firing meanwhile). */
    boolean fired;
    /**
     * Window-close rules: a timer for the next undecided window is queued. The undecided windows are those that
     * start at the kept events ({@link #events()}); deciding one drops the events up to its start.
     */
    boolean timerPending;
    /** Dropped from its table (timers still queued for it are ignored). */
    boolean removed;

    Group(Object key) {
        this.key = key;
        this.hash = spread(key.hashCode());
    }

    static int spread(int h) {
        return h ^ (h >>> 16);
    }

    /**
     * Counts one event (entries arrive in time order).
     *
     * @param slots  the referenced rules it matched, a bit per slot
     * @param value  the counted value ({@code value_count})
     * @param number the numeric value (value_sum/avg/percentile)
     * @param cap    most entries to keep
     * @return whether an entry was dropped because of {@code cap}
     */
    abstract boolean add(long time, long ref, long slots, Object value, double number, int cap);

    /** How many window entries the group holds (what {@code maxEntries} counts). */
    abstract int entries();

    /** Forgets what no window starting at or after {@code from} needs. */
    abstract void expire(long from);

    /** The aggregate over the entries at or after {@code from} (all entries kept are at or before now). */
    abstract double value(long from, CorrelationNode node);

    /** Temporal types: the slots with an event at or after {@code from}. */
    long presence(long from) {
        throw new UnsupportedOperationException();
    }

    /** {@code temporal_ordered} with an expression: whether {@code slots} occur in slot order at or after from. */
    boolean orderedChain(long from, long slots) {
        throw new UnsupportedOperationException();
    }

    /** The entries holding every counted event in time order (window starts), or {@code null} if none are kept. */
    abstract EventRing events();

    /** Adds the counted events at or after {@code from}. */
    abstract void contributions(long from, Contributions out);

    /** Writes the entries (the base fields are written by the codec). */
    abstract void write(SnapshotIO.Out out);

    /** Reads what {@link #write} wrote, validating it against the node. */
    abstract void read(SnapshotIO.In in, CorrelationNode node);

    static void writeRing(SnapshotIO.Out out, EventRing r) {
        out.i32(r.size());
        for (int i = 0; i < r.size(); i++) {
            out.i64(r.time(i));
            out.i64(r.ref(i));
            out.i64(r.extra(i));
        }
    }

    /** Reads ring entries in time order; {@code slotLimit} bounds the extra long when it holds slot bits. */
    static void readRing(SnapshotIO.In in, EventRing r, long slotLimit) {
        int n = in.count("window entries", 24);
        long prev = EventTime.NONE;
        for (int i = 0; i < n; i++) {
            long t = in.i64();
            long ref = in.i64();
            long x = in.i64();
            if (t < prev) {
                throw in.corrupt("window entries are not in time order");
            }
            if (slotLimit != 0 && (x & ~slotLimit) != 0) {
                throw in.corrupt("an entry names a rule the correlation does not reference");
            }
            prev = t;
            r.add(t, ref, x, Integer.MAX_VALUE);
        }
    }

    static long slotMask(CorrelationNode node) {
        int n = node.slotCount();
        return n == 64 ? -1L : (1L << n) - 1;
    }
}
