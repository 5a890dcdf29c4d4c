package io.sigmaengine.engine.correlate;

import java.util.ArrayList;
import java.util.List;

/** Collects the (time, reference) pairs of the events counted in a window, for an alert. Reused; not shared. */
final class Contributions {

    private long[] times = new long[16];
    private long[] refs = new long[16];
    private int size;

    void clear() {
        size = 0;
    }

    void add(long time, long ref) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            refs = java.util.Arrays.copyOf(refs, size * 2);
        }
        times[size] = time;
        refs[size] = ref;
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Puts the entries in time order (stable: insertion order for equal times). */
    void sort() {
        for (int i = 1; i < size; i++) {
            long t = times[i];
            long r = refs[i];
            int j = i - 1;
            while (j >= 0 && times[j] > t) {
                times[j + 1] = times[j];
                refs[j + 1] = refs[j];
                j--;
            }
            times[j + 1] = t;
            refs[j + 1] = r;
        }
    }

    long first() {
        return times[0];
    }

    long last() {
        return times[size - 1];
    }

    long lastRef() {
        return refs[size - 1];
    }

    /** The references of the latest {@code max} entries, oldest first. */
    List<Long> latestRefs(int max) {
        List<Long> out = new ArrayList<>(Math.min(size, max));
        for (int i = Math.max(0, size - max); i < size; i++) {
            out.add(refs[i]);
        }
        return out;
    }
}
