package io.sigmaengine.engine.correlate;

import java.util.Arrays;

/**
 * {@code temporal} and {@code temporal_ordered}: per referenced rule (slot) the time and reference of its latest
 * event, so a rule occurs in a window exactly when its latest event does.
 *
 * <p>For {@code temporal_ordered}, {@code chains} holds for every slot {@code s} and length {@code m} the latest
 * start time of a chain of {@code m} events that fill increasing slots and ends in slot {@code s}, each event filling
 * one slot and following the previous one in processing order (time, then arrival). The longest chain inside a
 * window is then the largest {@code m} with a start at or after the window's start. Window-close rules and
 * ordered expressions also keep every event with its slots.
 */
final class TemporalGroup extends Group {

    private final long[] latest;
    private final long[] latestRef;
    private final long[] chains;
    private final EventRing events;

    TemporalGroup(Object key, int slots, boolean ordered, boolean keepEvents) {
        super(key);
        latest = new long[slots];
        Arrays.fill(latest, EventTime.NONE);
        latestRef = new long[slots];
        chains = ordered ? new long[slots * (slots + 1) / 2] : null;
        if (chains != null) {
            Arrays.fill(chains, EventTime.NONE);
        }
        events = keepEvents ? new EventRing(true) : null;
    }

    private static int cell(int slot, int length) {
        return slot * (slot + 1) / 2 + length - 1;
    }

    @Override
    boolean add(long time, long ref, long slots, Object value, double number, int cap) {
        // Highest slot first, so an event never extends a chain it has itself just ended (one slot per event).
        for (long rest = slots; rest != 0; rest &= ~Long.highestOneBit(rest)) {
            int s = 63 - Long.numberOfLeadingZeros(rest);
            latest[s] = time;
            latestRef[s] = ref;
            if (chains != null) {
                for (int m = s + 1; m >= 2; m--) {
                    long best = EventTime.NONE;
                    for (int p = m - 2; p < s; p++) {
                        best = Math.max(best, chains[cell(p, m - 1)]);
                    }
                    if (best > chains[cell(s, m)]) {
                        chains[cell(s, m)] = best;
                    }
                }
                chains[cell(s, 1)] = time;
            }
        }
        return events != null && events.add(time, ref, slots, cap);
    }

    @Override
    int entries() {
        return events == null ? 0 : events.size();
    }

    @Override
    void expire(long from) {
        if (events != null) {
            events.removeBefore(from);
        }
    }

    @Override
    long presence(long from) {
        long present = 0;
        for (int s = 0; s < latest.length; s++) {
            if (latest[s] >= from) {
                present |= 1L << s;
            }
        }
        return present;
    }

    @Override
    double value(long from, CorrelationNode node) {
        if (chains == null) {
            return Long.bitCount(presence(from));
        }
        for (int m = latest.length; m >= 1; m--) {
            for (int s = m - 1; s < latest.length; s++) {
                if (chains[cell(s, m)] >= from) {
                    return m;
                }
            }
        }
        return 0;
    }

    @Override
    boolean orderedChain(long from, long slots) {
        long need = slots;
        for (int i = events.firstAtOrAfter(from); i < events.size() && need != 0; i++) {
            long next = Long.lowestOneBit(need);
            if ((events.extra(i) & next) != 0) {
                need &= ~next;
            }
        }
        return need == 0;
    }

    @Override
    EventRing events() {
        return events;
    }

    @Override
    void contributions(long from, Contributions out) {
        for (int s = 0; s < latest.length; s++) {
            if (latest[s] >= from && !sameEventInEarlierSlot(s)) {
                out.add(latest[s], latestRef[s]);
            }
        }
    }

    /** Whether the latest event of slot {@code s} is also that of a lower slot (one event filling both). */
    private boolean sameEventInEarlierSlot(int s) {
        for (int p = 0; p < s; p++) {
            if (latest[p] == latest[s] && latestRef[p] == latestRef[s]) {
                return true;
            }
        }
        return false;
    }

    @Override
    void write(SnapshotIO.Out out) {
        for (int s = 0; s < latest.length; s++) {
            out.i64(latest[s]);
            out.i64(latestRef[s]);
        }
        if (chains != null) {
            for (long c : chains) {
                out.i64(c);
            }
        }
        out.bool(events != null);
        if (events != null) {
            writeRing(out, events);
        }
    }

    @Override
    void read(SnapshotIO.In in, CorrelationNode node) {
        for (int s = 0; s < latest.length; s++) {
            latest[s] = in.i64();
            latestRef[s] = in.i64();
        }
        if (chains != null) {
            for (int i = 0; i < chains.length; i++) {
                chains[i] = in.i64();
            }
        }
        if (in.bool() != (events != null)) {
            throw in.corrupt("events kept for a rule that does not need them, or missing");
        }
        if (events != null) {
            readRing(in, events, slotMask(node));
        }
    }
}
