package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.EventReader;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the events of a file or stream: JSON objects one per line (JSON Lines) or one after another over several
 * lines (pretty-printed), optionally gzip-compressed (recognised by its magic bytes, whatever the file name).
 *
 * <p>Every record is reported, with the 1-based line where it starts, either as an event or as an error, so
 * {@code records == events + errors}; nothing is thrown for bad data. How the input is cut into records:
 * <ul>
 *   <li>A record is a top-level JSON object, from its <code>{</code> to the matching <code>}</code>; braces are
 *       matched outside strings only. Blank lines are not records.</li>
 *   <li>Several objects on one line ({@code {"a":1}{"b":2}}) are several records, all reported at that line.</li>
 *   <li>Text that does not start an object (garbage, {@code [1,2]}, {@code "str"}, {@code NaN}, text after an
 *       object) is one error record up to the end of its line.</li>
 *   <li>An object that is not closed at the end of its line continues on the next lines (pretty-printed input)
 *       unless the next line starts with <code>{</code> in its first column: then the unclosed object is an error
 *       and the new line starts a new record, so a truncated line never takes the following line with it. A line
 *       break inside a string (never valid JSON) also ends the record as an error.</li>
 *   <li>A record larger than {@code Limits.maxEventBytes} is an error and is skipped without being buffered; memory
 *       stays bounded by that limit.</li>
 *   <li>A truncated or corrupt gzip stream ends the input with one error record (for the incomplete event, if any).</li>
 * </ul>
 * A UTF-8 byte-order mark at the start is skipped.
 */
public final class EventFileReader {

    private static final int CHUNK = 64 << 10;
    private static final long QUOTE = Bytes.pattern('"');
    private static final long BACKSLASH = Bytes.pattern('\\');
    private static final long NEWLINE = Bytes.pattern('\n');
    private static final long OPEN = Bytes.pattern('{');
    private static final long CLOSE = Bytes.pattern('}');

    private EventFileReader() {
    }

    /** Counts for one input: {@code records == events + errors}. */
    public record Summary(String source, long records, long events, long errors) {
    }

    /** Reads a file (plain or gzip). */
    public static Summary read(Path file, JsonEventReader reader, EventReader.RecordListener sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(file.toString(), in, reader, sink);
        }
    }

    /**
     * Reads a stream (plain or gzip) to its end. The stream is not closed.
     *
     * @param sourceName a name for the input (file name, {@code -} for stdin), returned in the summary
     * @throws IOException only if reading the underlying stream fails, never for bad content
     */
    public static Summary read(String sourceName, InputStream in, JsonEventReader reader,
                               EventReader.RecordListener sink)
            throws IOException {
        Objects.requireNonNull(in, "in");
        Splitter splitter = new Splitter(Objects.requireNonNull(reader, "reader"), Objects.requireNonNull(sink, "sink"));
        PushbackInputStream raw = new PushbackInputStream(new NonClosing(in), 2);
        InputStream data = raw;
        try {
            byte[] magic = peek(raw, 2);
            if (magic.length == 2 && magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b) {
                data = new GZIPInputStream(raw, CHUNK);
            }
            PushbackInputStream text = new PushbackInputStream(data, 3);
            byte[] bom = peek(text, 3);
            if (bom.length == 3 && bom[0] == (byte) 0xEF && bom[1] == (byte) 0xBB && bom[2] == (byte) 0xBF) {
                text.readNBytes(3);
            }
            byte[] chunk = new byte[CHUNK];
            for (int n; (n = text.read(chunk, 0, CHUNK)) >= 0; ) {
                splitter.feed(chunk, n);
            }
            splitter.finish();
        } catch (EOFException | ZipException e) {
            splitter.streamFailed("compressed input truncated or corrupt: " + e.getMessage());
        } finally {
            data.close(); // releases the inflater; the caller's stream stays open
        }
        return new Summary(sourceName, splitter.records, splitter.events, splitter.errors);
    }

    private static byte[] peek(PushbackInputStream in, int n) throws IOException {
        byte[] head = in.readNBytes(n);
        in.unread(head);
        return head;
    }

    /** Cuts bytes into records and hands them to the reader; see the class comment for the rules. */
    private static final class Splitter {
        private static final int OUTSIDE = 0;
        private static final int OBJECT = 1;
        private static final int TEXT = 2;

        private final JsonEventReader reader;
        private final EventReader.RecordListener sink;
        private final int maxBytes;

        long records;
        long events;
        long errors;

        private int state = OUTSIDE;
        private int depth;
        private boolean inString;
        private boolean escape;
        /** Inside an object, the previous byte was a line break. */
        private boolean lineStart;

        private long line = 1;
        /** Stream offset of the first byte of the current chunk, and of the current line. */
        private long chunkBase;
        private long lineBase;

        private long recordLine;
        private int recordColumn;
        /** Bytes of the current record in earlier chunks (buffered unless {@link #tooLarge}, counted anyway). */
        private long carried;
        private boolean tooLarge;
        private byte[] buffer = new byte[0];
        private int buffered;

        Splitter(JsonEventReader reader, EventReader.RecordListener sink) {
            this.reader = reader;
            this.sink = sink;
            this.maxBytes = reader.limits().maxEventBytes();
        }

        void feed(byte[] c, int end) {
            int start = state == OUTSIDE ? -1 : 0; // first byte of the current record in this chunk
            int i = 0;
            while (i < end) {
                if (state == OUTSIDE) {
                    byte b = c[i];
                    if (b == '\n') {
                        newLine(i);
                    } else if (b == '{') {
                        int next = tryWholeLine(c, i, end);
                        if (next > i) {
                            i = next;
                            continue;
                        }
                        begin(OBJECT, i);
                        start = i;
                    } else if (b != ' ' && b != '\t' && b != '\r') {
                        begin(TEXT, i);
                        start = i;
                    }
                    i++;
                } else if (state == TEXT) {
                    i = Bytes.find(c, i, end, NEWLINE);
                    if (i < end) {
                        complete(c, start, i);
                        newLine(i);
                        i++;
                    }
                } else if (inString) {
                    i = scanString(c, i, end);
                    if (inString && i < end) { // stopped at a raw line break, never valid in a string: broken record
                        complete(c, start, i + 1);
                        newLine(i);
                        i++;
                    }
                } else {
                    if (lineStart) {
                        lineStart = false;
                        if (c[i] == '{') { // a new top-level object: the unclosed one before it is an error
                            complete(c, start, i);
                            begin(OBJECT, i);
                            start = i;
                            i++;
                            continue;
                        }
                    }
                    i = Bytes.find(c, i, end, QUOTE, OPEN, CLOSE, NEWLINE);
                    if (i == end) {
                        break;
                    }
                    switch (c[i]) {
                        case '"' -> inString = true;
                        case '{' -> depth++;
                        case '}' -> {
                            if (--depth == 0) {
                                complete(c, start, i + 1);
                            }
                        }
                        default -> { // '\n'
                            newLine(i);
                            lineStart = true;
                        }
                    }
                    i++;
                }
            }
            if (state != OUTSIDE) {
                carry(c, start, end);
            }
            chunkBase += end;
        }

        /**
         * The JSON Lines fast path: an object that ends its line is most likely one whole event, so the line goes
         * straight to the parser, skipping the structural scan. Returns the index after the line if that worked;
         * otherwise (or if the line ends in a later chunk) returns {@code i}, and the scan decides what the line
         * holds, as if this had not been tried.
         */
        private int tryWholeLine(byte[] c, int i, int end) {
            int newline = Bytes.find(c, i, end, NEWLINE);
            if (newline == end) {
                return i;
            }
            int last = newline - 1;
            while (last > i && (c[last] == '\r' || c[last] == ' ' || c[last] == '\t')) {
                last--;
            }
            if (c[last] != '}') {
                return i;
            }
            Event event;
            try {
                event = reader.parse(c, i, last + 1 - i, line, 1);
            } catch (EventException e) {
                return i;
            }
            records++;
            events++;
            sink.onEvent(event, line);
            newLine(newline);
            return newline + 1;
        }

        /** Advances through a string from {@code i}; stops after its closing quote or at a raw line break. */
        private int scanString(byte[] c, int i, int end) {
            if (escape && i < end) { // the escaped character was cut off by the previous chunk
                if (c[i] == '\n') {
                    return i;
                }
                escape = false;
                i++;
            }
            while (true) {
                i = Bytes.find(c, i, end, QUOTE, BACKSLASH, NEWLINE);
                if (i == end || c[i] == '\n') {
                    return i;
                }
                if (c[i] == '"') {
                    inString = false;
                    return i + 1;
                }
                if (i + 1 == end) { // a backslash ending the chunk
                    escape = true;
                    return end;
                }
                if (c[i + 1] == '\n') { // even after a backslash: a line break is never part of a string
                    return i + 1;
                }
                i += 2;
            }
        }

        private void newLine(int i) {
            line++;
            lineBase = chunkBase + i + 1;
        }

        private void begin(int newState, int i) {
            state = newState;
            depth = 1;
            inString = false;
            escape = false;
            lineStart = false;
            recordLine = line;
            recordColumn = (int) Math.min(Integer.MAX_VALUE, chunkBase + i - lineBase + 1);
        }

        /** Keeps the part of an unfinished record that is in this chunk, unless the record is already too large. */
        private void carry(byte[] c, int from, int to) {
            int n = to - from;
            carried += n;
            if (tooLarge || carried > maxBytes) {
                tooLarge = true;
                buffer = new byte[0];
                buffered = 0;
                return;
            }
            if (buffered + n > buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(buffered + n, 2L * buffer.length)));
            }
            System.arraycopy(c, from, buffer, buffered, n);
            buffered += n;
        }

        /** The current record ends with {@code c[from, to)}. */
        private void complete(byte[] c, int from, int to) {
            long size = carried + (to - from);
            if (tooLarge || size > maxBytes) {
                error((state == TEXT ? "line of " : "event of ") + size + " bytes is larger than " + maxBytes
                        + " bytes (Limits.maxEventBytes), skipped");
            } else if (buffered == 0) {
                deliver(c, from, to - from);
            } else {
                carry(c, from, to);
                deliver(buffer, 0, buffered);
            }
            state = OUTSIDE;
            carried = 0;
            tooLarge = false;
            buffered = 0;
        }

        private void deliver(byte[] b, int off, int len) {
            Event event;
            try {
                event = reader.parse(b, off, len, recordLine, recordColumn);
            } catch (EventException e) {
                error(e.getMessage());
                return;
            }
            records++;
            events++;
            sink.onEvent(event, recordLine);
        }

        private void error(String reason) {
            records++;
            errors++;
            sink.onError(recordLine, reason);
        }

        /** End of input: an unfinished record is parsed as it is (and fails, saying what is missing). */
        void finish() {
            if (state != OUTSIDE) {
                complete(new byte[0], 0, 0);
            }
        }

        /** The stream broke off: one error record, for the unfinished record if there is one. */
        void streamFailed(String reason) {
            if (state == OUTSIDE) {
                recordLine = line;
                error(reason);
            } else {
                error(reason + "; the event starting here is incomplete");
            }
            state = OUTSIDE;
            buffered = 0;
            carried = 0;
            tooLarge = false;
        }
    }

    /** Lets the reader close its decompressor without closing the caller's stream. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
        }
    }
}
