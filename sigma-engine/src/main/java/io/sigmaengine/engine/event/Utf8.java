package io.sigmaengine.engine.event;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation. Jackson rejects most malformed bytes but decodes overlong forms ({@code C0 AF} as
 * {@code /}), encoded surrogates and code points above U+10FFFF; a detection engine must not see text that other
 * tools would read differently, so events are checked before parsing. ASCII runs are skipped eight bytes at a time.
 */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /** The offset (from {@code offset}) of the first byte that is not part of well-formed UTF-8, or -1. */
    static int firstInvalid(byte[] b, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            if (i + 8 <= end && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += 8;
                continue;
            }
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int n;
            int min2 = 0x80; // allowed range of the second byte (narrower after E0, ED, F0, F4)
            int max2 = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) {
                n = 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                n = 3;
                if (c == 0xE0) {
                    min2 = 0xA0;
                } else if (c == 0xED) {
                    max2 = 0x9F;
                }
            } else if (c >= 0xF0 && c <= 0xF4) {
                n = 4;
                if (c == 0xF0) {
                    min2 = 0x90;
                } else if (c == 0xF4) {
                    max2 = 0x8F;
                }
            } else {
                return i - offset;
            }
            if (i + n > end) {
                return i - offset;
            }
            int c2 = b[i + 1] & 0xFF;
            if (c2 < min2 || c2 > max2) {
                return i - offset;
            }
            for (int k = 2; k < n; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i - offset;
                }
            }
            i += n;
        }
        return -1;
    }
}
