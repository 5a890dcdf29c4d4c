package io.sigmaengine.engine.correlate;

/** {@code event_count}: the times and references of the window's events. */
final class CountGroup extends Group {

    private final EventRing ring = new EventRing(false);

    CountGroup(Object key) {
        super(key);
    }

    @Override
    boolean add(long time, long ref, long slots, Object value, double number, int cap) {
        return ring.add(time, ref, 0, cap);
    }

    @Override
    int entries() {
        return ring.size();
    }

    @Override
    void expire(long from) {
        ring.removeBefore(from);
    }

    @Override
    double value(long from, CorrelationNode node) {
        return ring.size() - ring.firstAtOrAfter(from);
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
    }
}
