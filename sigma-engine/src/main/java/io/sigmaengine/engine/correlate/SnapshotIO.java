package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.SnapshotException;

import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Primitive encoding of detector snapshots: big-endian numbers, length-prefixed UTF-8 text, tagged keys. */
final class SnapshotIO {

    private static final byte KEY_TEXT = 1;
    private static final byte KEY_TUPLE = 2;
    private static final byte NO_VALUE = 0;

    private SnapshotIO() {
    }

    /** Writes into a growing byte array. */
    static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 12);
        private final ByteBuffer scratch = ByteBuffer.allocate(8);

        void u8(int v) {
            bytes.write(v);
        }

        void bool(boolean v) {
            bytes.write(v ? 1 : 0);
        }

        void i32(int v) {
            bytes.write(scratch.clear().putInt(v).array(), 0, 4);
        }

        void i64(long v) {
            bytes.write(scratch.clear().putLong(v).array(), 0, 8);
        }

        void f64(double v) {
            i64(Double.doubleToRawLongBits(v));
        }

        void raw(byte[] b) {
            bytes.write(b, 0, b.length);
        }

        void text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i32(b.length);
            bytes.write(b, 0, b.length);
        }

        /** A group key or a counted value ({@code null} allowed). */
        void key(Object k) {
            if (k == null) {
                u8(NO_VALUE);
            } else if (k instanceof String s) {
                u8(KEY_TEXT);
                text(s);
            } else {
                String[] parts = Keys.parts(k);
                u8(KEY_TUPLE);
                i32(parts.length);
                for (String p : parts) {
                    text(p);
                }
            }
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    /** Reads with bounds checks; every malformed input becomes a {@link SnapshotException}. */
    static final class In {
        private final ByteBuffer buf;

        In(byte[] bytes, int offset, int length) {
            this.buf = ByteBuffer.wrap(bytes, offset, length);
        }

        int u8() {
            try {
                return buf.get() & 0xff;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        boolean bool() {
            int b = u8();
            if (b > 1) {
                throw corrupt("a flag is " + b);
            }
            return b == 1;
        }

        int i32() {
            try {
                return buf.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        long i64() {
            try {
                return buf.getLong();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        double f64() {
            return Double.longBitsToDouble(i64());
        }

        /** A count of items of at least {@code minBytes} each, checked against what is left. */
        int count(String what, int minBytes) {
            int n = i32();
            if (n < 0 || (long) n * minBytes > buf.remaining()) {
                throw corrupt("the number of " + what + " (" + n + ") does not fit the data");
            }
            return n;
        }

        String text() {
            int n = count("text bytes", 1);
            byte[] b = new byte[n];
            buf.get(b);
            try {
                return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
            } catch (CharacterCodingException e) {
                throw corrupt("text is not valid UTF-8");
            }
        }

        /** A key or value written by {@link Out#key}; {@code arity} is the expected number of parts, -1 for any. */
        Object key(int arity) {
            int tag = u8();
            if (tag == NO_VALUE) {
                return null;
            }
            String[] parts;
            if (tag == KEY_TEXT) {
                parts = new String[]{text()};
            } else if (tag == KEY_TUPLE) {
                parts = new String[count("key parts", 4)];
                for (int i = 0; i < parts.length; i++) {
                    parts[i] = text();
                }
                if (parts.length == 1) {
                    throw corrupt("a one-part key is written as a tuple");
                }
            } else {
                throw corrupt("unknown key tag " + tag);
            }
            if (arity >= 0 && parts.length != arity) {
                throw corrupt("a key has " + parts.length + " parts where " + arity + " are expected");
            }
            return Keys.of(parts);
        }

        int remaining() {
            return buf.remaining();
        }

        SnapshotException truncated() {
            return new SnapshotException("detector snapshot is truncated");
        }

        SnapshotException corrupt(String why) {
            return new SnapshotException("detector snapshot is corrupt: " + why);
        }
    }
}
