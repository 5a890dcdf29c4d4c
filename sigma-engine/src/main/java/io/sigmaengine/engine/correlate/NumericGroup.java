package io.sigmaengine.engine.correlate;

import java.util.Arrays;

/**
 * {@code value_sum}, {@code value_avg}, {@code value_percentile}, {@code value_median}: the window's events with
 * their numeric values. The running sum is always the left-to-right sum of the kept entries (recomputed when
 * entries leave), so it is exactly what summing the window from scratch gives.
 */
final class NumericGroup extends Group {

    private final EventRing ring = new EventRing(true);
    private double sum;

    NumericGroup(Object key) {
        super(key);
    }

    @Override
    boolean add(long time, long ref, long slots, Object value, double number, int cap) {
        boolean dropped = ring.add(time, ref, Double.doubleToRawLongBits(number), cap);
        if (dropped) {
            sum = sumFrom(0);
        } else {
            sum += number;
        }
        return dropped;
    }

    @Override
    int entries() {
        return ring.size();
    }

    @Override
    void expire(long from) {
        if (ring.removeBefore(from) > 0) {
            sum = sumFrom(0);
        }
    }

    private double sumFrom(int first) {
        double s = 0;
        for (int i = first; i < ring.size(); i++) {
            s += Double.longBitsToDouble(ring.extra(i));
        }
        return s;
    }

    @Override
    double value(long from, CorrelationNode node) {
        int first = ring.firstAtOrAfter(from);
        int count = ring.size() - first;
        if (count == 0) {
            return node.aggregate() == CorrelationNode.Aggregate.VALUE_SUM ? 0 : Double.NaN;
        }
        return switch (node.aggregate()) {
            case VALUE_SUM -> first == 0 ? sum : sumFrom(first);
            case VALUE_AVG -> (first == 0 ? sum : sumFrom(first)) / count;
            default -> percentile(first, count, node.percentile());
        };
    }

    /** Nearest rank: the smallest value with at least {@code p}% of the values at or below it. */
    private double percentile(int first, int count, double p) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = Double.longBitsToDouble(ring.extra(first + i));
        }
        Arrays.sort(v);
        int rank = (int) Math.ceil(p / 100.0 * count);
        return v[Math.max(1, Math.min(count, rank)) - 1];
    }

    @Override
    EventRing events() {
        return ring;
    }

    @Override
    void contributions(long from, Contributions out) {
        for (int i = ring.firstAtOrAfter(from); i < ring.size(); i++) {
            out.add(ring.time(i), ring.ref(i));
        }
    }

    @Override
    void write(SnapshotIO.Out out) {
        writeRing(out, ring);
    }

    @Override
    void read(SnapshotIO.In in, CorrelationNode node) {
        readRing(in, ring, 0);
        for (int i = 0; i < ring.size(); i++) {
            double d = Double.longBitsToDouble(ring.extra(i));
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw in.corrupt("a window value is not a finite number");
            }
        }
        sum = sumFrom(0);
    }
}
