package io.sigmaengine.engine.correlate;

import java.util.HashMap;

/**
 * {@code value_count}: each distinct value with the time and reference of its latest event, in a list ordered by
 * that time, so a value is in the window exactly when its latest event is. Small groups search the list; a hash
 * index is added once a group holds more than a few values. Window-close rules also keep every event (window
 * starts).
 */
final class DistinctGroup extends Group {

    private static final int INDEX_FROM = 8;

    private Entry oldest;
    private Entry newest;
    private int size;
    private HashMap<Object, Entry> index;
    private final EventRing starts;

    private static final class Entry {
        final Object value;
        long time;
        long ref;
        Entry older;
        Entry newer;

        Entry(Object value) {
            this.value = value;
        }
    }

    DistinctGroup(Object key, boolean keepStarts) {
        super(key);
        this.starts = keepStarts ? new EventRing(false) : null;
    }

    @Override
    boolean add(long time, long ref, long slots, Object value, double number, int cap) {
        boolean dropped = starts != null && starts.add(time, ref, 0, cap);
        return put(value, time, ref, cap) || dropped;
    }

    /** Makes {@code value} the newest, with its latest event; drops the oldest value beyond {@code cap}. */
    private boolean put(Object value, long time, long ref, int cap) {
        boolean dropped = false;
        Entry e = find(value);
        if (e != null) {
            unlink(e);
        } else {
            e = new Entry(value);
            size++;
            if (index != null) {
                index.put(value, e);
            }
        }
        e.time = time;
        e.ref = ref;
        e.older = newest;
        if (newest != null) {
            newest.newer = e;
        } else {
            oldest = e;
        }
        newest = e;
        if (size > cap) {
            removeOldest();
            dropped = true;
        }
        if (index == null && size > INDEX_FROM) {
            index = new HashMap<>();
            for (Entry x = oldest; x != null; x = x.newer) {
                index.put(x.value, x);
            }
        }
        return dropped;
    }

    private Entry find(Object value) {
        if (index != null) {
            return index.get(value);
        }
        for (Entry x = newest; x != null; x = x.older) {
            if (x.value.equals(value)) {
                return x;
            }
        }
        return null;
    }

    private void unlink(Entry e) {
        if (e.older != null) {
            e.older.newer = e.newer;
        } else {
            oldest = e.newer;
        }
        if (e.newer != null) {
            e.newer.older = e.older;
        } else {
            newest = e.older;
        }
        e.older = null;
        e.newer = null;
    }

    private void removeOldest() {
        Entry e = oldest;
        unlink(e);
        size--;
        if (index != null) {
            index.remove(e.value);
        }
    }

    @Override
    int entries() {
        return size + (starts == null ? 0 : starts.size());
    }

    @Override
    void expire(long from) {
        while (oldest != null && oldest.time < from) {
            removeOldest();
        }
        if (starts != null) {
            starts.removeBefore(from);
        }
    }

    @Override
    double value(long from, CorrelationNode node) {
        if (oldest == null || oldest.time >= from) {
            return size;
        }
        int n = 0;
        for (Entry x = newest; x != null && x.time >= from; x = x.older) {
            n++;
        }
        return n;
    }

    @Override
    EventRing events() {
        return starts;
    }

    @Override
    void contributions(long from, Contributions out) {
        Entry first = newest;
        while (first != null && first.older != null && first.older.time >= from) {
            first = first.older;
        }
        for (Entry x = first; x != null; x = x.newer) {
            if (x.time >= from) {
                out.add(x.time, x.ref);
            }
        }
    }

    @Override
    void write(SnapshotIO.Out out) {
        out.i32(size);
        for (Entry x = oldest; x != null; x = x.newer) {
            out.key(x.value);
            out.i64(x.time);
            out.i64(x.ref);
        }
        out.bool(starts != null);
        if (starts != null) {
            writeRing(out, starts);
        }
    }

    @Override
    void read(SnapshotIO.In in, CorrelationNode node) {
        int n = in.count("distinct values", 17);
        int arity = node.valueFields().length == 0 ? -1 : node.valueFields()[0].length;
        long prev = EventTime.NONE;
        for (int i = 0; i < n; i++) {
            Object v = in.key(arity);
            long t = in.i64();
            long ref = in.i64();
            if (v == null || t < prev || find(v) != null) {
                throw in.corrupt("the distinct values of a group are malformed");
            }
            prev = t;
            put(v, t, ref, Integer.MAX_VALUE);
        }
        if (in.bool() != (starts != null)) {
            throw in.corrupt("window starts kept for a rule that does not need them, or missing");
        }
        if (starts != null) {
            readRing(in, starts, 0);
        }
    }
}
