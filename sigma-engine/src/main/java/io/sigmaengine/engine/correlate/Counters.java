package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.DetectorStats;

/** The running totals of a detector (part of its snapshot). */
final class Counters {
    long events;
    long matches;
    long alerts;
    long late;
    long untimed;
    long expired;
    long evicted;
    long rejected;
    long dropped;
    long forced;

    DetectorStats stats(long liveGroups, long buffered) {
        return new DetectorStats(events, matches, alerts, late, untimed, liveGroups, buffered, expired, evicted,
                rejected, dropped, forced);
    }

    long[] toArray() {
        return new long[]{events, matches, alerts, late, untimed, expired, evicted, rejected, dropped, forced};
    }

    void set(long[] v) {
        events = v[0];
        matches = v[1];
        alerts = v[2];
        late = v[3];
        untimed = v[4];
        expired = v[5];
        evicted = v[6];
        rejected = v[7];
        dropped = v[8];
        forced = v[9];
    }

    static final int SIZE = 10;
}
