package io.sigmaengine.api;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * Receives what a {@link Detector} finds, on the calling thread, before the detector's method returns. An exception
 * thrown by a listener propagates to the caller of the detector; the event being processed may then have updated
 * only part of the correlation state.
 */
public interface DetectionListener {

    /** A detection rule that produces stand-alone output matched the event being processed. */
    void onMatch(Match match);

    /** A correlation rule fired. */
    void onAlert(Alert alert);

    /**
     * An event that matched a rule referenced by a correlation was left out of correlations. Its single-event
     * matches were still reported. The default ignores it (the detector counts it in {@link DetectorStats}).
     *
     * @param eventRef the reference the caller gave the event
     * @param reason   why
     */
    default void onExcluded(long eventRef, Exclusion reason) {
    }

    /** Why an event was left out of correlations. */
    enum Exclusion {
        /** Its time is older than the newest event time seen minus {@link DetectorOptions#maxLateness()}. */
        LATE,
        /** None of the {@link DetectorOptions#timestampFields()} holds a timestamp. */
        NO_TIMESTAMP
    }

    /** A listener made of two callbacks; exclusions are ignored. */
    static DetectionListener of(MatchListener matches, Consumer<Alert> alerts) {
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(alerts, "alerts");
        return new DetectionListener() {
            @Override
            public void onMatch(Match match) {
                matches.onMatch(match);
            }

            @Override
            public void onAlert(Alert alert) {
                alerts.accept(alert);
            }
        };
    }
}
