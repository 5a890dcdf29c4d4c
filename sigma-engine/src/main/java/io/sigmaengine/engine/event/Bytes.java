package io.sigmaengine.engine.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the next occurrence of any of a few byte values, eight bytes per step (SWAR): the event file splitter spends
 * most of its time skipping string contents and indentation to the next quote, brace or line break.
 */
final class Bytes {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private Bytes() {
    }

    /** A byte value repeated in every byte of a long, the form the {@code find} methods take. */
    static long pattern(char c) {
        return ONES * (c & 0xFF);
    }

    /**
     * Marks the zero bytes of {@code v} with their high bit. Borrows can also mark bytes above a real zero byte,
     * never below one, so the lowest mark (the first byte in little-endian order) is always exact.
     */
    private static long zeros(long v) {
        return (v - ONES) & ~v & HIGHS;
    }

    private static int firstMarked(long marks) {
        return Long.numberOfTrailingZeros(marks) >>> 3;
    }

    /** The index of the first byte in {@code b[i, end)} equal to {@code p}, or {@code end}. */
    static int find(byte[] b, int i, int end, long p) {
        for (; i + 8 <= end; i += 8) {
            long m = zeros((long) LONGS.get(b, i) ^ p);
            if (m != 0) {
                return i + firstMarked(m);
            }
        }
        for (byte x = (byte) p; i < end && b[i] != x; i++) {
            // tail
        }
        return i;
    }

    /** The index of the first byte in {@code b[i, end)} equal to any of the patterns, or {@code end}. */
    static int find(byte[] b, int i, int end, long p1, long p2, long p3) {
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long m = zeros(w ^ p1) | zeros(w ^ p2) | zeros(w ^ p3);
            if (m != 0) {
                return i + firstMarked(m);
            }
        }
        for (; i < end; i++) {
            byte x = b[i];
            if (x == (byte) p1 || x == (byte) p2 || x == (byte) p3) {
                return i;
            }
        }
        return i;
    }

    /** The index of the first byte in {@code b[i, end)} equal to any of the patterns, or {@code end}. */
    static int find(byte[] b, int i, int end, long p1, long p2, long p3, long p4) {
        for (; i + 8 <= end; i += 8) {
            long w = (long) LONGS.get(b, i);
            long m = zeros(w ^ p1) | zeros(w ^ p2) | zeros(w ^ p3) | zeros(w ^ p4);
            if (m != 0) {
                return i + firstMarked(m);
            }
        }
        for (; i < end; i++) {
            byte x = b[i];
            if (x == (byte) p1 || x == (byte) p2 || x == (byte) p3 || x == (byte) p4) {
                return i;
            }
        }
        return i;
    }
}
