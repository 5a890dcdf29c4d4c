package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.SnapshotException;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The byte form of a detector's correlation state.
 *
 * <pre>
 * "SGDS" magic, format version (int), payload length (int), payload, CRC-32 of the payload (int)
 * payload: max seen time, released time, arrival counter, counters,
 *          per correlation: identity, definition fingerprint, section length, groups (least recently updated
 *          first: key, newest time, fired flag, entries),
 *          buffered events: time, arrival number, reference, hits (correlation, key, slots, value, number)
 * </pre>
 *
 * Sections are length-prefixed so that state of correlations that no longer exist (or changed) can be skipped.
 * Timers are not stored: they follow from the kept window starts.
 */
final class SnapshotCodec {

    static final int MAGIC = 0x53474453;
    static final int VERSION = 1;
    private static final int HEADER = 12;

    /** The result of reading: the arrival counter and the correlations whose state was not restored. */
    record Restored(long arrivals, List<String> discarded) {
    }

    private SnapshotCodec() {
    }

    static byte[] write(CorrelationState state, long arrivals) {
        SnapshotIO.Out p = new SnapshotIO.Out();
        p.i64(state.maxSeen);
        p.i64(state.released);
        p.i64(arrivals);
        long[] counters = state.counters.toArray();
        p.i32(counters.length);
        for (long c : counters) {
            p.i64(c);
        }
        p.i32(state.nodes.size());
        for (CorrelationNode n : state.nodes) {
            p.text(n.identity());
            p.i64(n.fingerprint());
            SnapshotIO.Out section = new SnapshotIO.Out();
            GroupTable t = state.tables[n.index()];
            section.i32(t.size());
            for (Group g = t.oldest(); g != null; g = g.newer) {
                section.key(g.key);
                section.i64(g.last);
                section.bool(g.fired);
                g.write(section);
            }
            byte[] bytes = section.toByteArray();
            p.i32(bytes.length);
            p.raw(bytes);
        }
        List<PendingEvent> pending = new ArrayList<>(state.buffer);
        pending.sort(PendingEvent.ORDER);
        p.i32(pending.size());
        for (PendingEvent e : pending) {
            p.i64(e.time());
            p.i64(e.seq());
            p.i64(e.ref());
            p.i32(e.hits().length);
            for (Hit h : e.hits()) {
                p.i32(h.node());
                p.key(h.key());
                p.i64(h.slots());
                p.key(h.value());
                p.f64(h.number());
            }
        }
        byte[] payload = p.toByteArray();
        CRC32 crc = new CRC32();
        crc.update(payload);
        return ByteBuffer.allocate(HEADER + payload.length + 4).putInt(MAGIC).putInt(VERSION).putInt(payload.length)
                .put(payload).putInt((int) crc.getValue()).array();
    }

    /** Reads a snapshot into {@code state}, which must be new; throws before touching anything the caller uses. */
    static Restored read(byte[] bytes, CorrelationState state) {
        if (bytes.length < HEADER + 4) {
            throw new SnapshotException("not a detector snapshot: " + bytes.length + " bytes is too short");
        }
        ByteBuffer head = ByteBuffer.wrap(bytes);
        if (head.getInt() != MAGIC) {
            throw new SnapshotException("not a detector snapshot (wrong magic number)");
        }
        int version = head.getInt();
        if (version != VERSION) {
            throw new SnapshotException("detector snapshot format version " + version + " is not supported (this "
                    + "engine reads version " + VERSION + ")");
        }
        int length = head.getInt();
        if (length < 0 || length != bytes.length - HEADER - 4) {
            throw new SnapshotException("detector snapshot is truncated or has trailing data (payload length "
                    + length + ", " + (bytes.length - HEADER - 4) + " bytes present)");
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, HEADER, length);
        if ((int) crc.getValue() != ByteBuffer.wrap(bytes, HEADER + length, 4).getInt()) {
            throw new SnapshotException("detector snapshot is corrupt (checksum mismatch)");
        }
        SnapshotIO.In in = new SnapshotIO.In(bytes, HEADER, length);
        state.maxSeen = in.i64();
        state.released = in.i64();
        long arrivals = in.i64();
        if (in.i32() != Counters.SIZE) {
            throw in.corrupt("unexpected number of counters");
        }
        long[] counters = new long[Counters.SIZE];
        for (int i = 0; i < counters.length; i++) {
            counters[i] = in.i64();
        }
        state.counters.set(counters);

        Map<String, CorrelationNode> current = new HashMap<>();
        for (CorrelationNode n : state.nodes) {
            current.put(n.identity() + "\u0000" + n.fingerprint(), n);
        }
        List<String> discarded = new ArrayList<>();
        int nodeCount = in.count("correlations", 16);
        CorrelationNode[] byIndex = new CorrelationNode[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            String identity = in.text();
            long fingerprint = in.i64();
            int sectionLength = in.count("section bytes", 1);
            CorrelationNode n = current.remove(identity + "\u0000" + fingerprint);
            if (n == null) {
                discarded.add(identity);
                for (int b = 0; b < sectionLength; b++) {
                    in.u8();
                }
                continue;
            }
            byIndex[i] = n;
            int before = in.remaining();
            readGroups(in, state, n);
            if (before - in.remaining() != sectionLength) {
                throw in.corrupt("the state of correlation '" + identity + "' has the wrong length");
            }
        }
        int pendingCount = in.count("buffered events", 28);
        for (int i = 0; i < pendingCount; i++) {
            PendingEvent p = readPending(in, byIndex);
            if (p != null) {
                state.buffer.add(p);
            }
        }
        if (in.remaining() != 0) {
            throw in.corrupt(in.remaining() + " unread bytes at the end");
        }
        return new Restored(arrivals, discarded);
    }

    private static void readGroups(SnapshotIO.In in, CorrelationState state, CorrelationNode n) {
        int groups = in.count("groups", 10);
        Map<Object, Boolean> seen = new HashMap<>();
        for (int g = 0; g < groups; g++) {
            Object key = in.key(n.groupBy().length);
            if (key == null || seen.put(key, Boolean.TRUE) != null) {
                throw in.corrupt("a group key of correlation '" + n.identity() + "' is missing or repeated");
            }
            Group group = CorrelationState.newGroup(n, key);
            group.last = in.i64();
            group.fired = in.bool();
            group.read(in, n);
            state.restoreGroup(n, group);
        }
    }

    private static PendingEvent readPending(SnapshotIO.In in, CorrelationNode[] byIndex) {
        long time = in.i64();
        long seq = in.i64();
        long ref = in.i64();
        int hitCount = in.count("hits", 22);
        List<Hit> hits = new ArrayList<>(hitCount);
        for (int h = 0; h < hitCount; h++) {
            int node = in.i32();
            if (node < 0 || node >= byIndex.length) {
                throw in.corrupt("a buffered event names correlation " + node);
            }
            CorrelationNode n = byIndex[node];
            Object key = in.key(n == null ? -1 : n.groupBy().length);
            long slots = in.i64();
            Object value = in.key(-1);
            double number = in.f64();
            if (n == null) {
                continue;
            }
            if (key == null || slots == 0 || (slots & ~Group.slotMask(n)) != 0 || Double.isNaN(number)
                    || Double.isInfinite(number)
                    || (n.aggregate() == CorrelationNode.Aggregate.VALUE_COUNT) != (value != null)) {
                throw in.corrupt("a buffered event of correlation '" + n.identity() + "' is malformed");
            }
            hits.add(new Hit(n.index(), key, slots, value, number));
        }
        hits.sort(Comparator.comparingInt(Hit::node));
        return new PendingEvent(time, seq, ref, hits.toArray(new Hit[0]));
    }
}
