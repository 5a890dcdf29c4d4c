package io.sigmaengine.engine.correlate;

import java.util.Comparator;

/**
 * An event on its way to the correlations: its time, arrival number, the caller's reference and what it counts
 * for, sorted by node. Holds no event object.
 */
record PendingEvent(long time, long seq, long ref, Hit[] hits) {

    /** Time order; equal times keep arrival order. */
    static final Comparator<PendingEvent> ORDER = Comparator.comparingLong(PendingEvent::time)
            .thenComparingLong(PendingEvent::seq);
}
