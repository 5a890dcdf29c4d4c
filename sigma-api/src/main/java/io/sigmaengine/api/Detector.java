package io.sigmaengine.api;

import java.time.Instant;
import java.util.List;

/**
 * A stateful detector over a stream of events: reports the single-event {@link Match}es of rules that produce
 * output and the {@link Alert}s of correlation rules. Obtain one with {@link RuleSet#detector(EventAdapter,
 * DetectorOptions)}; the rule set stays immutable and can back any number of detectors.
 *
 * <p><b>Not thread-safe.</b> A detector holds correlation state and must be used by one thread at a time (for
 * example one detector per partition of the stream, with events of one group always in the same partition).
 *
 * <p><b>Semantics of correlations</b> (Sigma 2.1 and the project's decisions):
 * <ul>
 *   <li>Time is event time, read from {@link DetectorOptions#timestampFields()}. Windows slide and include both
 *       ends: the window ending at event {@code e} holds the events {@code x} of the same group with
 *       {@code t(e) - timespan <= t(x) <= t(e)}; events with equal times are taken in arrival order.</li>
 *   <li>Conditions are evaluated when an event of the group arrives. A rule that fired does not fire again for the
 *       group until an evaluation finds the condition false, or until the group's window has emptied (no event of
 *       the group in a whole timespan), which starts the group afresh.</li>
 *   <li>Conditions that an empty window satisfies ({@code lt}, {@code lte}, {@code eq: 0}, {@code neq} on counts
 *       and sums) and temporal conditions with {@code not} can only be decided once a window is complete. For them
 *       each event of the group opens the window {@code [t(e), t(e) + timespan]}, which is decided when event time
 *       passes its end, or at {@link #flush}. Groups that never saw an event never fire.</li>
 *   <li>Events without a value for a {@code group-by} field are not counted; a field holding null, a list or an
 *       object has no value. Group values are compared as exact text.</li>
 *   <li>A correlation referenced by another one feeds it a synthetic event each time it fires, at the time it
 *       fired, carrying its group-by values.</li>
 * </ul>
 *
 * <p><b>Out-of-order events.</b> With {@link DetectorOptions#maxLateness()} {@code L}, events are put back in time
 * order in a buffer before they reach correlations, so any arrival order within {@code L} gives the alerts of the
 * sorted stream; correlation results are delayed by {@code L} of event time. An event older than the newest time
 * seen minus {@code L} is left out of correlations, counted and reported to
 * {@link DetectionListener#onExcluded}.
 *
 * @param <E> the event type
 */
public interface Detector<E> {

    /**
     * Processes one event: reports its single-event matches, feeds the correlations whose rules it matched and
     * reports every alert that becomes due.
     *
     * @param eventRef a number that identifies the event to the caller (a sequence number, a file offset, ...);
     *                 alerts refer to events by it
     * @throws EventException if the event cannot be read (the detector stays usable and unchanged)
     */
    void process(E event, long eventRef, DetectionListener listener);

    /**
     * Processes one event, using the number of events this detector has processed before it as its reference.
     *
     * @return the reference given to the event
     */
    long process(E event, DetectionListener listener);

    /**
     * Tells the detector that event time has reached {@code eventTime} although no event says so (for example a
     * heartbeat on a quiet stream), so that windows that end earlier can close.
     */
    void advanceTo(Instant eventTime, DetectionListener listener);

    /**
     * Ends the input: processes the buffered events and decides every window still open as if event time had moved
     * past it. The correlation state is empty afterwards; counters are kept.
     */
    void flush(DetectionListener listener);

    /** Counters and current sizes. */
    DetectorStats stats();

    /**
     * The correlation state (groups, windows, buffered events, counters) as a self-contained, versioned byte form
     * with a checksum, for example to store at a checkpoint.
     */
    byte[] snapshot();

    /**
     * Replaces this detector's state with a snapshot taken by a detector of the same or an updated rule set, so a
     * restarted process continues where it stopped. The state of a correlation rule is restored when the rule set
     * still has a correlation with the same identity and the same definition; other state is discarded.
     *
     * @return the identities of correlation rules whose saved state was discarded (removed or changed since)
     * @throws SnapshotException if the bytes are not a valid snapshot; the detector is then unchanged
     */
    List<String> restore(byte[] snapshot);
}
