package io.sigmaengine.api;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link Detector}: where event time comes from, how late an event may arrive, and the caps that bound
 * its memory. Immutable; derive variants with the {@code with...} methods.
 *
 * <p><b>Memory.</b> A detector holds, per correlation rule, one group per distinct {@code group-by} value seen
 * within the rule's timespan, and per group the window entries the condition needs (at most
 * {@link #maxEventsPerGroup()}; for {@code gte}/{@code gt} conditions on counts only as many as the threshold), at
 * most {@link #maxEntries()} entries in all. Its heap is therefore bounded by about
 * {@code maxGroups × per-group overhead + maxEntries × 16 to 48 bytes + maxBufferedEvents × buffered event}, plus
 * the text of long group keys and counted values (caps count entries, not bytes); with the defaults, about 1 GB.
 * Measured on JDK 17 with compressed references, a group keyed by an 11-character string takes 170 to
 * 250 bytes with one to five events ({@code event_count}, {@code value_count}, {@code temporal_ordered}), so one
 * million groups take 170 to 250 MB.
 */
public final class DetectorOptions {

    /**
     * The fields tried for event time, in order, when none is configured: ECS/Elastic {@code @timestamp}, a plain
     * {@code timestamp}, Windows event JSON ({@code TimeCreated_SystemTime} as the built-in Windows view names the
     * {@code System/TimeCreated/@SystemTime} attribute), flat Windows/Sysmon exports ({@code TimeCreated}) and
     * Sysmon's {@code UtcTime}.
     */
    public static final List<String> DEFAULT_TIMESTAMP_FIELDS = List.of("@timestamp", "timestamp",
            "TimeCreated_SystemTime", "TimeCreated", "UtcTime");

    private static final DetectorOptions DEFAULTS = new DetectorOptions(DEFAULT_TIMESTAMP_FIELDS, Duration.ZERO,
            1_000_000, 10_000, 10_000_000, 100_000, 100, EvictionPolicy.EVICT_LEAST_RECENT);

    private final List<String> timestampFields;
    private final Duration maxLateness;
    private final int maxGroups;
    private final int maxEventsPerGroup;
    private final int maxEntries;
    private final int maxBufferedEvents;
    private final int maxEventRefs;
    private final EvictionPolicy evictionPolicy;

    /** What to do when a new group would exceed {@link #maxGroups()}. */
    public enum EvictionPolicy {
        /** Drop the group (of any correlation rule) that was updated least recently; counted as evicted. */
        EVICT_LEAST_RECENT,
        /** Keep the existing groups and do not count the event for the new group; counted as rejected. */
        REJECT_NEW
    }

    private DetectorOptions(List<String> timestampFields, Duration maxLateness, int maxGroups, int maxEventsPerGroup,
                            int maxEntries, int maxBufferedEvents, int maxEventRefs, EvictionPolicy evictionPolicy) {
        this.timestampFields = List.copyOf(timestampFields);
        if (this.timestampFields.isEmpty()) {
            throw new ConfigurationException("at least one timestamp field is needed");
        }
        this.maxLateness = Objects.requireNonNull(maxLateness, "maxLateness");
        if (maxLateness.isNegative()) {
            throw new ConfigurationException("maxLateness must not be negative, got " + maxLateness);
        }
        this.maxGroups = positive("maxGroups", maxGroups);
        this.maxEventsPerGroup = positive("maxEventsPerGroup", maxEventsPerGroup);
        this.maxEntries = positive("maxEntries", maxEntries);
        this.maxBufferedEvents = positive("maxBufferedEvents", maxBufferedEvents);
        if (maxEventRefs < 0) {
            throw new ConfigurationException("maxEventRefs must not be negative, got " + maxEventRefs);
        }
        this.maxEventRefs = maxEventRefs;
        this.evictionPolicy = Objects.requireNonNull(evictionPolicy, "evictionPolicy");
    }

    private static int positive(String name, int v) {
        if (v <= 0) {
            throw new ConfigurationException(name + " must be positive, got " + v);
        }
        return v;
    }

    /** The default options. */
    public static DetectorOptions defaults() {
        return DEFAULTS;
    }

    /**
     * The event fields read for event time, in order; the first that holds a timestamp wins. A timestamp is an
     * ISO 8601 / RFC 3339 string ({@code T} or a space between date and time, optional fraction, optional offset;
     * no offset means UTC) or a number of epoch milliseconds. Default {@link #DEFAULT_TIMESTAMP_FIELDS}.
     */
    public List<String> timestampFields() {
        return timestampFields;
    }

    /**
     * How far behind the newest event time an event may arrive and still be correlated exactly as if it had come in
     * order (default zero: events must arrive in time order). Correlation results are held back by this much event
     * time; later events are reported as {@link DetectionListener.Exclusion#LATE} and counted.
     */
    public Duration maxLateness() {
        return maxLateness;
    }

    /** Most correlation groups held at once, over all correlation rules (default 1,000,000). */
    public int maxGroups() {
        return maxGroups;
    }

    /**
     * Most window entries one group holds (default 10,000): events for counts and sums, distinct values for
     * {@code value_count}. Beyond it the oldest entries are dropped and counted, so counts saturate at this cap.
     */
    public int maxEventsPerGroup() {
        return maxEventsPerGroup;
    }

    /**
     * Most window entries held over all groups (default 10,000,000). Beyond it the least recently updated groups
     * are evicted (whatever the {@link #evictionPolicy()}, which governs the group cap) and counted.
     */
    public int maxEntries() {
        return maxEntries;
    }

    /** Most events held in the reordering buffer (default 100,000); only used with a non-zero lateness. */
    public int maxBufferedEvents() {
        return maxBufferedEvents;
    }

    /** Most event references an {@link Alert} carries (default 100; the most recent are kept). */
    public int maxEventRefs() {
        return maxEventRefs;
    }

    /** What happens when {@link #maxGroups()} is reached (default {@link EvictionPolicy#EVICT_LEAST_RECENT}). */
    public EvictionPolicy evictionPolicy() {
        return evictionPolicy;
    }

    public DetectorOptions withTimestampFields(List<String> v) {
        return new DetectorOptions(v, maxLateness, maxGroups, maxEventsPerGroup, maxEntries, maxBufferedEvents,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxLateness(Duration v) {
        return new DetectorOptions(timestampFields, v, maxGroups, maxEventsPerGroup, maxEntries, maxBufferedEvents,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxGroups(int v) {
        return new DetectorOptions(timestampFields, maxLateness, v, maxEventsPerGroup, maxEntries, maxBufferedEvents,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxEventsPerGroup(int v) {
        return new DetectorOptions(timestampFields, maxLateness, maxGroups, v, maxEntries, maxBufferedEvents,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxEntries(int v) {
        return new DetectorOptions(timestampFields, maxLateness, maxGroups, maxEventsPerGroup, v, maxBufferedEvents,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxBufferedEvents(int v) {
        return new DetectorOptions(timestampFields, maxLateness, maxGroups, maxEventsPerGroup, maxEntries, v,
                maxEventRefs, evictionPolicy);
    }

    public DetectorOptions withMaxEventRefs(int v) {
        return new DetectorOptions(timestampFields, maxLateness, maxGroups, maxEventsPerGroup, maxEntries,
                maxBufferedEvents, v, evictionPolicy);
    }

    public DetectorOptions withEvictionPolicy(EvictionPolicy v) {
        return new DetectorOptions(timestampFields, maxLateness, maxGroups, maxEventsPerGroup, maxEntries,
                maxBufferedEvents, maxEventRefs, v);
    }

    @Override
    public String toString() {
        return "DetectorOptions[timestampFields=" + timestampFields + ", maxLateness=" + maxLateness + ", maxGroups="
                + maxGroups + ", maxEventsPerGroup=" + maxEventsPerGroup + ", maxEntries=" + maxEntries
                + ", maxBufferedEvents=" + maxBufferedEvents + ", maxEventRefs=" + maxEventRefs + ", evictionPolicy="
                + evictionPolicy + "]";
    }
}
