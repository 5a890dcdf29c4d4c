package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.DetectorStats;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Match;
import io.sigmaengine.engine.eval.RuleMatcher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * The {@link Detector} of the engine: one matcher pass per event gives both the stand-alone matches and the
 * correlation slots the event fills; only correlations whose rules matched read anything more from the event. Event
 * time is read from every event of a rule set with correlations, so time advances (and windows close) with the
 * whole stream. Not thread-safe.
 *
 * @param <E> the event type
 */
public final class StreamDetector<E> implements Detector<E> {

    /** Builds the public match of an evaluated rule that matched an event. */
    @FunctionalInterface
    public interface MatchFactory<E> {
        Match match(int ruleIndex, E event);
    }

    private final CorrelationPlan plan;
    private final RuleMatcher.Bound<E> matcher;
    private final IntPredicate emits;
    private final MatchFactory<E> matches;
    private final HitReader<E> hitReader;
    private final EventAdapter.FieldGetter<E>[] timeGetters;
    private final DetectorOptions options;
    private final long ruleSetVersion;
    private Counters counters = new Counters();
    private CorrelationState state;
    /** Arrival number of the next event offered to the correlations (orders equal times). */
    private long arrivals;

    private int[] matched = new int[8];
    private int matchedCount;
    private final long[] nodeSlots;
    private final int[] touched;
    private final List<Hit> hits = new ArrayList<>();

    /**
     * @param plan           the rule set's correlations
     * @param matcher        the rule set's matcher bound to the event type
     * @param emits          whether an evaluated rule produces stand-alone matches
     * @param matches        makes the match of a rule for an event
     * @param adapter        reads the event type
     * @param options        the detector's settings
     * @param ruleSetVersion carried by alerts
     */
    @SuppressWarnings("unchecked")
    public StreamDetector(CorrelationPlan plan, RuleMatcher.Bound<E> matcher, IntPredicate emits,
                          MatchFactory<E> matches, EventAdapter<E> adapter, DetectorOptions options,
                          long ruleSetVersion) {
        this.plan = Objects.requireNonNull(plan, "plan");
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.emits = emits;
        this.matches = matches;
        this.options = Objects.requireNonNull(options, "options");
        this.ruleSetVersion = ruleSetVersion;
        this.hitReader = new HitReader<>(plan.nodes(), adapter);
        this.timeGetters = options.timestampFields().stream().map(adapter::bind)
                .toArray(EventAdapter.FieldGetter[]::new);
        this.state = new CorrelationState(plan, options, ruleSetVersion, counters);
        this.nodeSlots = new long[plan.nodes().size()];
        this.touched = new int[plan.nodes().size()];
    }

    @Override
    public long process(E event, DetectionListener listener) {
        long ref = counters.events;
        process(event, ref, listener);
        return ref;
    }

    @Override
    public void process(E event, long eventRef, DetectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        matchedCount = 0;
        try {
            matcher.match(event, this::collect);
        } catch (EventException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new EventException("event could not be evaluated: " + e, e);
        }
        counters.events++;
        int touchedCount = 0;
        for (int k = 0; k < matchedCount; k++) {
            int[] ns = plan.ruleNodes(matched[k]);
            long[] ss = plan.ruleSlots(matched[k]);
            for (int j = 0; j < ns.length; j++) {
                if (nodeSlots[ns[j]] == 0) {
                    touched[touchedCount++] = ns[j];
                }
                nodeSlots[ns[j]] |= ss[j];
            }
        }
        long time = EventTime.NONE;
        PendingEvent pending = null;
        try {
            for (int k = 0; k < matchedCount; k++) {
                if (emits.test(matched[k])) {
                    counters.matches++;
                    listener.onMatch(matches.match(matched[k], event));
                }
            }
            if (plan.isEmpty()) {
                return;
            }
            try {
                time = time(event);
                if (touchedCount > 0 && time != EventTime.NONE && time >= state.floor()) {
                    pending = pending(event, eventRef, time, touchedCount);
                }
            } catch (RuntimeException e) {
                throw new EventException("event could not be read for correlations: " + e, e);
            }
        } finally {
            // Scratch state for the next event, whatever a listener or the adapter threw.
            for (int j = 0; j < touchedCount; j++) {
                nodeSlots[touched[j]] = 0;
            }
        }
        if (touchedCount > 0 && time == EventTime.NONE) {
            counters.untimed++;
            listener.onExcluded(eventRef, DetectionListener.Exclusion.NO_TIMESTAMP);
        } else if (touchedCount > 0 && pending == null) {
            counters.late++;
            listener.onExcluded(eventRef, DetectionListener.Exclusion.LATE);
        }
        if (pending != null) {
            state.offer(pending, listener);
        } else if (time != EventTime.NONE) {
            state.observe(time, eventRef, listener);
        }
    }

    private void collect(int ruleIndex) {
        if (matchedCount == matched.length) {
            matched = Arrays.copyOf(matched, matchedCount * 2);
        }
        matched[matchedCount++] = ruleIndex;
    }

    private long time(E event) {
        for (EventAdapter.FieldGetter<E> g : timeGetters) {
            long t = EventTime.of(g.get(event));
            if (t != EventTime.NONE) {
                return t;
            }
        }
        return EventTime.NONE;
    }

    private PendingEvent pending(E event, long ref, long time, int touchedCount) {
        Arrays.sort(touched, 0, touchedCount);
        hits.clear();
        for (int j = 0; j < touchedCount; j++) {
            hitReader.read(touched[j], nodeSlots[touched[j]], event, hits);
        }
        // An event without any group value still moves time on, but counts for nothing.
        return new PendingEvent(time, arrivals++, ref, hits.toArray(new Hit[0]));
    }

    @Override
    public void advanceTo(Instant eventTime, DetectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        state.advanceTo(EventTime.micros(eventTime), listener);
    }

    @Override
    public void flush(DetectionListener listener) {
        Objects.requireNonNull(listener, "listener");
        state.flush(listener);
    }

    @Override
    public DetectorStats stats() {
        return counters.stats(state.liveGroups(), state.buffer.size());
    }

    @Override
    public byte[] snapshot() {
        return SnapshotCodec.write(state, arrivals);
    }

    @Override
    public List<String> restore(byte[] snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        // Read into fresh state first, so a bad snapshot leaves this detector unchanged.
        Counters restoredCounters = new Counters();
        CorrelationState fresh = new CorrelationState(plan, options, ruleSetVersion, restoredCounters);
        SnapshotCodec.Restored r = SnapshotCodec.read(snapshot, fresh);
        counters = restoredCounters;
        state = fresh;
        arrivals = r.arrivals();
        return r.discarded();
    }
}
