package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.DetectorOptions;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;

/**
 * The correlation state of one detector and the event-time clock that drives it.
 *
 * <p>Events come in through {@link #offer}; a buffer puts them in time order (events within the lateness bound may
 * arrive in any order) and releases each one once no earlier event can still come. Released events update their
 * groups and, for rules decided on arrival, evaluate the window that ends at them. Rules decided when a window
 * closes queue a timer per group for the earliest undecided window; timers run, interleaved with released events
 * in time order, once event time has passed the window's end. A firing correlation feeds the correlations that use
 * it, in plan order, after that node's own hits for the same step. Groups whose newest event has left every
 * possible window are dropped as time advances; the group cap evicts the least recently updated group.
 *
 * <p>Not thread-safe.
 */
final class CorrelationState {

    private static final Hit[] NO_HITS = new Hit[0];

    /** A queued decision of the window that starts at {@code start}. */
    private record Timer(long closeAt, long start, long seq, CorrelationNode node, Group group) {
        static final Comparator<Timer> ORDER = Comparator.comparingLong(Timer::closeAt).thenComparingLong(Timer::seq);
    }

    /** A correlation firing on its way to an outer correlation. */
    private record Chained(Hit hit, long time, long ref) {
    }

    final List<CorrelationNode> nodes;
    final GroupTable[] tables;
    final Counters counters;
    final PriorityQueue<PendingEvent> buffer = new PriorityQueue<>(PendingEvent.ORDER);
    private final CorrelationPlan plan;
    private final DetectorOptions options;
    private final long lateness;
    private final long ruleSetVersion;
    private final PriorityQueue<Timer> timers = new PriorityQueue<>(Timer.ORDER);
    private final List<ArrayDeque<Chained>> chained = new ArrayList<>();
    private final BitSet chainedNodes = new BitSet();
    private final Contributions contributions = new Contributions();

    /** Newest event time seen. */
    long maxSeen = EventTime.NONE;
    /** Time of the latest event released to the correlations. */
    long released = EventTime.NONE;
    private long timerSeq;
    private int totalGroups;
    private long totalEntries;
    private int sweepCursor;

    private DetectionListener listener;
    /** The event the caller is processing, if any: it completes alerts decided because time passed. */
    private boolean hasCallerRef;
    private long callerRef;
    /** The event that completes the alerts decided in the current step, if any. */
    private boolean hasCompleting;
    private long completing;

    CorrelationState(CorrelationPlan plan, DetectorOptions options, long ruleSetVersion, Counters counters) {
        this.plan = plan;
        this.nodes = plan.nodes();
        this.options = options;
        this.lateness = options.maxLateness().toNanos() / 1_000;
        this.ruleSetVersion = ruleSetVersion;
        this.counters = counters;
        this.tables = new GroupTable[nodes.size()];
        for (int i = 0; i < tables.length; i++) {
            tables[i] = new GroupTable();
            chained.add(new ArrayDeque<>());
        }
    }

    /** Events older than this are late: they can no longer be put in order. */
    long floor() {
        return Math.max(EventTime.minus(maxSeen, lateness), released);
    }

    int liveGroups() {
        return totalGroups;
    }

    /** Takes an event that is not late; releases and decides whatever becomes due. */
    void offer(PendingEvent p, DetectionListener l) {
        begin(true, p.ref(), l);
        maxSeen = Math.max(maxSeen, p.time());
        if (buffer.isEmpty() && p.time() <= floor()) {
            // Already in order (always so without lateness): no need to queue it.
            advance(p.time());
            release(p);
        } else {
            buffer.add(p);
            if (buffer.size() > options.maxBufferedEvents()) {
                counters.forced++;
                advance(buffer.peek().time());
            }
        }
        advance(floor());
    }

    /** Event time has reached {@code time}: an event ({@code ref}) without correlation work has that time. */
    void observe(long time, long ref, DetectionListener l) {
        begin(true, ref, l);
        maxSeen = Math.max(maxSeen, time);
        advance(floor());
    }

    /** Event time has reached {@code time}, on the caller's word. */
    void advanceTo(long time, DetectionListener l) {
        begin(false, 0, l);
        maxSeen = Math.max(maxSeen, time);
        advance(floor());
    }

    /** Releases everything, decides every open window, and empties the state. */
    void flush(DetectionListener l) {
        begin(false, 0, l);
        advance(EventTime.MAX);
        for (GroupTable t : tables) {
            while (t.oldest() != null) {
                drop(t, t.oldest());
                counters.expired++;
            }
        }
        timers.clear();
        maxSeen = EventTime.NONE;
        released = EventTime.NONE;
    }

    private void begin(boolean hasRef, long ref, DetectionListener l) {
        hasCallerRef = hasRef;
        callerRef = ref;
        listener = l;
    }

    /** Releases events up to {@code until} and decides windows that end before it, in time order. */
    private void advance(long until) {
        while (true) {
            PendingEvent p = buffer.peek();
            Timer tm = timers.peek();
            boolean release = p != null && p.time() <= until;
            // A window ending at t includes events at t, so those are released before it is decided.
            boolean close = tm != null && tm.closeAt() < until && (!release || tm.closeAt() < p.time());
            if (close) {
                timers.poll();
                close(tm);
                run(NO_HITS, tm.closeAt(), 0);
            } else if (release) {
                release(buffer.poll());
            } else {
                break;
            }
        }
        sweep(until);
    }

    private void release(PendingEvent p) {
        released = Math.max(released, p.time());
        run(p.hits(), p.time(), p.ref());
    }

    /** Applies raw hits (sorted by node) and chained firings, node by node in plan order. */
    private void run(Hit[] hits, long time, long ref) {
        hasCompleting = hits.length > 0 || hasCallerRef;
        completing = hits.length > 0 ? ref : callerRef;
        int r = 0;
        while (true) {
            int nextRaw = r < hits.length ? hits[r].node() : Integer.MAX_VALUE;
            int nextChained = chainedNodes.nextSetBit(0);
            int node = Math.min(nextRaw, nextChained < 0 ? Integer.MAX_VALUE : nextChained);
            if (node == Integer.MAX_VALUE) {
                return;
            }
            while (r < hits.length && hits[r].node() == node) {
                apply(nodes.get(node), hits[r++], time, ref);
            }
            ArrayDeque<Chained> q = chained.get(node);
            while (!q.isEmpty()) {
                Chained c = q.poll();
                apply(nodes.get(node), c.hit(), c.time(), c.ref());
            }
            chainedNodes.clear(node);
        }
    }

    private void apply(CorrelationNode n, Hit h, long time, long ref) {
        GroupTable table = tables[n.index()];
        Group g = table.get(h.key());
        if (g != null && g.last < EventTime.minus(time, n.timespan()) && !g.timerPending) {
            // No event of the group in a whole timespan: it starts afresh (this also ends its suppression).
            drop(table, g);
            counters.expired++;
            g = null;
        }
        if (g == null) {
            g = create(n, h.key());
            if (g == null) {
                counters.rejected++;
                return;
            }
        } else {
            table.touch(g);
        }
        int entriesBefore = g.entries();
        long from = EventTime.minus(time, n.timespan());
        if (!n.windowClose()) {
            g.expire(from);
        }
        int cap = Math.min(n.retain(), options.maxEventsPerGroup());
        if (g.add(time, ref, h.slots(), h.value(), h.number(), cap) && cap < n.retain()) {
            counters.dropped++;
        }
        totalEntries += g.entries() - entriesBefore;
        g.last = time;
        if (n.windowClose()) {
            if (!g.timerPending) {
                schedule(n, g, time);
            }
        } else {
            decide(n, g, from, time);
        }
        while (totalEntries > options.maxEntries() && evictLeastRecent(g)) {
            counters.evicted++;
        }
    }

    private void schedule(CorrelationNode n, Group g, long start) {
        timers.add(new Timer(EventTime.plus(start, n.timespan()), start, timerSeq++, n, g));
        g.timerPending = true;
    }

    private void close(Timer tm) {
        Group g = tm.group();
        if (g.removed) {
            return;
        }
        hasCompleting = hasCallerRef;
        completing = callerRef;
        decide(tm.node(), g, tm.start(), tm.closeAt());
        int entriesBefore = g.entries();
        g.expire(tm.start() + 1);
        totalEntries += g.entries() - entriesBefore;
        EventRing starts = g.events();
        if (starts.size() > 0) {
            schedule(tm.node(), g, starts.time(0));
        } else {
            g.timerPending = false;
        }
    }

    /** Evaluates the window [from, end] of a group; fires on a change to true (decision 22). */
    private void decide(CorrelationNode n, Group g, long from, long end) {
        WindowCondition c = n.condition();
        boolean holds;
        double value;
        if (c.isExpression()) {
            long present = g.presence(from);
            value = Long.bitCount(present);
            holds = c.testPresence(present) && (n.aggregate() != CorrelationNode.Aggregate.TEMPORAL_ORDERED
                    || g.orderedChain(from, present & c.positiveSlots()));
        } else {
            value = g.value(from, n);
            holds = c.test(value);
        }
        if (!holds) {
            g.fired = false;
        } else if (!g.fired) {
            g.fired = true;
            fire(n, g, value, from, end);
        }
    }

    private void fire(CorrelationNode n, Group g, double value, long from, long end) {
        contributions.clear();
        g.contributions(from, contributions);
        contributions.sort();
        long chainRef = hasCompleting || contributions.isEmpty() ? completing : contributions.lastRef();
        if (n.emits()) {
            counters.alerts++;
            String[] parts = Keys.parts(g.key);
            Map<String, String> group = new LinkedHashMap<>();
            for (int i = 0; i < parts.length; i++) {
                group.put(n.groupBy()[i], parts[i]);
            }
            listener.onAlert(new Alert(n.info(), ruleSetVersion, n.typeName(), group, value,
                    EventTime.instant(from), EventTime.instant(end),
                    EventTime.instant(contributions.isEmpty() ? from : contributions.first()),
                    EventTime.instant(contributions.isEmpty() ? end : contributions.last()),
                    hasCompleting ? OptionalLong.of(completing) : OptionalLong.empty(),
                    contributions.latestRefs(options.maxEventRefs())));
        }
        int[] outs = plan.outputNodes(n.index());
        long[] outSlots = plan.outputSlots(n.index());
        String[] parts = Keys.parts(g.key);
        for (int i = 0; i < outs.length; i++) {
            CorrelationNode outer = nodes.get(outs[i]);
            for (Hit h : chainedHits(outer, outSlots[i], parts)) {
                chained.get(outer.index()).add(new Chained(h, end, chainRef));
                chainedNodes.set(outer.index());
            }
        }
    }

    /** The hits a firing with group values {@code parts} makes in an outer correlation (one per distinct key). */
    private static List<Hit> chainedHits(CorrelationNode outer, long slots, String[] parts) {
        List<Hit> out = new ArrayList<>(1);
        for (long rest = slots; rest != 0; rest &= rest - 1) {
            int s = Long.numberOfTrailingZeros(rest);
            Object key = Keys.of(pick(parts, outer.innerGroupIndex()[s]));
            String[] values = pick(parts, outer.innerValueIndex()[s]);
            Object value = outer.aggregate() == CorrelationNode.Aggregate.VALUE_COUNT ? Keys.of(values) : null;
            double number = outer.aggregate().isNumeric() ? HitReader.number(values.length == 1 ? values[0] : null)
                    : 0;
            if (key == null || (outer.aggregate() == CorrelationNode.Aggregate.VALUE_COUNT && value == null)
                    || Double.isNaN(number)) {
                continue;
            }
            Hit last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.key().equals(key) && java.util.Objects.equals(last.value(), value)
                    && Double.compare(last.number(), number) == 0) {
                out.set(out.size() - 1, new Hit(outer.index(), key, last.slots() | (1L << s), value, number));
            } else {
                out.add(new Hit(outer.index(), key, 1L << s, value, number));
            }
        }
        return out;
    }

    private static String[] pick(String[] parts, int[] positions) {
        String[] out = new String[positions.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = positions[i] < 0 ? null : parts[positions[i]];
        }
        return out;
    }

    /** A new group, evicting the least recently updated one if the cap is reached; {@code null} if refused. */
    private Group create(CorrelationNode n, Object key) {
        if (!makeRoom()) {
            return null;
        }
        Group g = newGroup(n, key);
        tables[n.index()].add(g);
        totalGroups++;
        return g;
    }

    /** Whether one more group may be held, after evicting one if the policy says so. */
    private boolean makeRoom() {
        if (totalGroups < options.maxGroups()) {
            return true;
        }
        if (options.evictionPolicy() == DetectorOptions.EvictionPolicy.REJECT_NEW) {
            return false;
        }
        if (evictLeastRecent(null)) {
            counters.evicted++;
        }
        return true;
    }

    static Group newGroup(CorrelationNode n, Object key) {
        return switch (n.aggregate()) {
            case EVENT_COUNT -> new CountGroup(key);
            case VALUE_COUNT -> new DistinctGroup(key, n.windowClose());
            case TEMPORAL, TEMPORAL_ORDERED -> new TemporalGroup(key, n.slotCount(),
                    n.aggregate() == CorrelationNode.Aggregate.TEMPORAL_ORDERED, n.keepsEntries());
            case VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> new NumericGroup(key);
        };
    }

    /** Drops the least recently updated group of any rule other than {@code keep}; false if there is none. */
    private boolean evictLeastRecent(Group keep) {
        GroupTable victimTable = null;
        for (GroupTable t : tables) {
            Group o = t.oldest();
            if (o != null && o != keep && (victimTable == null || o.last < victimTable.oldest().last)) {
                victimTable = t;
            }
        }
        if (victimTable == null) {
            return false;
        }
        drop(victimTable, victimTable.oldest());
        return true;
    }

    private void drop(GroupTable t, Group g) {
        t.remove(g);
        totalGroups--;
        totalEntries -= g.entries();
    }

    /** Drops, in one rule per call (round robin), the groups no window from {@code until} on can contain. */
    private void sweep(long until) {
        if (tables.length == 0) {
            return;
        }
        int i = sweepCursor;
        sweepCursor = (sweepCursor + 1) % tables.length;
        GroupTable t = tables[i];
        long span = nodes.get(i).timespan();
        for (Group g = t.oldest(); g != null && EventTime.plus(g.last, span) < until && !g.timerPending;
             g = t.oldest()) {
            drop(t, g);
            counters.expired++;
        }
    }

    /** Puts a restored group back (in least-to-most recently updated order) and re-queues its timer. */
    void restoreGroup(CorrelationNode n, Group g) {
        if (!makeRoom()) {
            counters.rejected++;
            return;
        }
        tables[n.index()].add(g);
        totalGroups++;
        totalEntries += g.entries();
        if (n.windowClose() && g.events().size() > 0) {
            schedule(n, g, g.events().time(0));
        }
        while (totalEntries > options.maxEntries() && evictLeastRecent(g)) {
            counters.evicted++;
        }
    }
}
