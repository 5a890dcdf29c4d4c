package io.sigmaengine.engine.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * Parses JSON objects into compact immutable trees ({@link JsonObject}, {@link JsonArray}) with Jackson's streaming
 * parser, and wraps them, or caller maps, as {@link Event}s: a Windows view ({@link WindowsEvent}) for documents of
 * the shape {@code {"Event": {"System": {...}}}}, the generic view otherwise.
 *
 * <p>Strict: one JSON object and nothing after it; integers exact ({@code Integer}, {@code Long},
 * {@code BigInteger}); fractions as {@code Double}, or {@code BigDecimal} when outside the double range; no NaN or
 * Infinity; no duplicate keys; well-formed UTF-8 only; size and depth within the {@link Limits}, number literals up
 * to 1,000 digits and keys up to 4,096 characters. Every failure is an {@link EventException} that says where (line
 * and column of the JSON text). Thread-safe.
 */
public final class JsonEventReader implements EventReader {

    /**
     * Longest number literal. Far above real data, and keeps {@link java.math.BigInteger} parsing (quadratic in the
     * digit count) cheap.
     */
    private static final int MAX_NUMBER_LENGTH = 1000;
    /**
     * Longest key. Jackson keeps up to a few thousand distinct keys per factory for reuse, so long keys would let
     * hostile events pin a lot of memory; real keys are far shorter.
     */
    private static final int MAX_KEY_LENGTH = 4096;

    private final Limits limits;
    private final JsonFactory factory;

    public JsonEventReader(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                // one level more than allowed, so that our own check reports the depth limit in our words
                .maxNestingDepth(limits.maxEventDepth() == Integer.MAX_VALUE ? Integer.MAX_VALUE
                        : limits.maxEventDepth() + 1)
                .maxStringLength(limits.maxEventBytes())
                .maxDocumentLength(limits.maxEventBytes())
                .maxNumberLength(Math.min(MAX_NUMBER_LENGTH, limits.maxEventBytes()))
                .maxNameLength(Math.min(MAX_KEY_LENGTH, limits.maxEventBytes()))
                .build();
        this.factory = JsonFactory.builder()
                .streamReadConstraints(constraints)
                .disable(JsonFactory.Feature.INTERN_FIELD_NAMES) // canonical instances suffice; intern() costs
                .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
                .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
                .build();
    }

    /** The limits this reader enforces. */
    public Limits limits() {
        return limits;
    }

    @Override
    public ReadSummary read(String sourceName, InputStream in, RecordListener listener) throws IOException {
        EventFileReader.Summary s = EventFileReader.read(Objects.requireNonNull(sourceName, "sourceName"), in, this,
                listener);
        return new ReadSummary(s.records(), s.events(), s.errors());
    }

    @Override
    public Event parse(String json) {
        Objects.requireNonNull(json, "json");
        int max = limits.maxEventBytes();
        // chars never outnumber UTF-8 bytes; count the bytes only when the text could be too large
        if (json.length() > max || (json.length() > max / 3 && utf8Length(json) > max)) {
            throw new EventException("event larger than " + max + " bytes (Limits.maxEventBytes)");
        }
        try (JsonParser p = factory.createParser(json)) {
            return parse(p, 1, 1);
        } catch (IOException e) {
            throw new EventException("cannot read event: " + e.getMessage(), e);
        }
    }

    @Override
    public Event parse(byte[] utf8, int offset, int length) {
        return parse(utf8, offset, length, 1, 1);
    }

    /**
     * Parses bytes that start at {@code line}, {@code column} of a larger text (an event file), so that error
     * locations refer to that text.
     */
    Event parse(byte[] utf8, int offset, int length, long line, int column) {
        Objects.checkFromIndexSize(offset, length, utf8.length);
        if (length > limits.maxEventBytes()) {
            throw new EventException("event of " + length + " bytes is larger than " + limits.maxEventBytes()
                    + " bytes (Limits.maxEventBytes)");
        }
        checkUtf8(utf8, offset, length, line, column);
        try (JsonParser p = factory.createParser(utf8, offset, length)) {
            return parse(p, line, column);
        } catch (IOException e) {
            throw new EventException("cannot read event: " + e.getMessage(), e);
        }
    }

    @Override
    public Event fromMap(Map<String, ?> map) {
        Objects.requireNonNull(map, "map");
        return wrap(map);
    }

    private Event wrap(Object root) {
        Event windows = WindowsEvent.wrapIfWindows(root, limits.maxEventDepth());
        return windows != null ? windows : new MapEvent(root, limits.maxEventDepth());
    }

    /**
     * Rejects bytes that are not strict UTF-8, and NUL bytes at the start, from which Jackson would guess UTF-16 or
     * UTF-32 (a raw NUL is never valid JSON anyway).
     */
    private static void checkUtf8(byte[] b, int offset, int length, long line, int column) {
        int bad = Utf8.firstInvalid(b, offset, length);
        for (int i = 0; i < Math.min(length, 4) && bad < 0; i++) {
            if (b[offset + i] == 0) {
                bad = i;
            }
        }
        if (bad >= 0) {
            int lineStart = 0;
            int lines = 0;
            for (int i = 0; i < bad; i++) {
                if (b[offset + i] == '\n') {
                    lines++;
                    lineStart = i + 1;
                }
            }
            throw new EventException(String.format("invalid UTF-8: byte 0x%02X at line %d, column %d",
                    b[offset + bad] & 0xFF, line + lines, (lines == 0 ? column : 1) + bad - lineStart));
        }
    }

    private Event parse(JsonParser p, long line, int column) throws IOException {
        try {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new EventException(first == null ? "empty input, expected a JSON object"
                        : "expected a JSON object, found " + describe(first) + at(p.currentTokenLocation(), line, column));
            }
            JsonObject root = new TreeBuilder(p, limits.maxEventDepth()).build(line, column);
            JsonToken extra = p.nextToken();
            if (extra != null) {
                throw new EventException("found " + describe(extra) + " after the end of the JSON object"
                        + at(p.currentTokenLocation(), line, column));
            }
            return wrap(root);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation() != null ? e.getLocation() : p.currentLocation();
            throw new EventException("malformed JSON: " + clean(e.getOriginalMessage()) + at(loc, line, column), e);
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "another JSON object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : "'" + t.asString() + "'";
        };
    }

    /** Jackson messages embed their own source locations, relative to the event; the caller adds ours. */
    private static String clean(String message) {
        return message == null ? "" : message
                .replaceAll("\\s*\\(start marker at \\[[^]]*]\\)", "")
                .replaceAll("\\s*\\n at \\[[^]]*]", "")
                .replace('\n', ' ');
    }

    /** " at line L, column C" in the coordinates of the enclosing text. */
    private static String at(JsonLocation loc, long firstLine, int firstColumn) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        long line = firstLine + loc.getLineNr() - 1;
        long col = loc.getLineNr() == 1 ? firstColumn + loc.getColumnNr() - 1L : loc.getColumnNr();
        return " at line " + line + ", column " + col;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0, len = s.length(); i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
            if (n < 0) {
                return Integer.MAX_VALUE;
            }
        }
        return n;
    }

    /**
     * Builds the tree of one object without recursion: members of all open containers share one value stack, and a
     * container becomes a node when it closes.
     */
    private static final class TreeBuilder {
        private final JsonParser p;
        private final int maxDepth;
        private String[] keys = new String[64];
        private Object[] values = new Object[64];
        private int top;
        /** Per open container: where its members start on the value stack, and the key it is stored under. */
        private int[] starts = new int[16];
        private String[] containerKeys = new String[16];
        private int depth;

        TreeBuilder(JsonParser p, int maxDepth) {
            this.p = p;
            this.maxDepth = maxDepth;
        }

        /** Reads from just after the root START_OBJECT to its END_OBJECT. */
        JsonObject build(long line, int column) throws IOException {
            open(null);
            String key = null;
            while (true) {
                JsonToken t = p.nextToken();
                if (t == null) {
                    throw new EventException("malformed JSON: unexpected end of input"
                            + at(p.currentLocation(), line, column));
                }
                switch (t) {
                    case FIELD_NAME -> key = p.currentName();
                    case START_OBJECT, START_ARRAY -> {
                        if (depth == maxDepth) {
                            throw new EventException(
                                    "event nested deeper than " + maxDepth + " levels (Limits.maxEventDepth)"
                                            + at(p.currentTokenLocation(), line, column));
                        }
                        open(key);
                        key = null;
                    }
                    case END_OBJECT -> {
                        JsonObject o = closeObject(line, column);
                        if (depth == 0) {
                            return o;
                        }
                        key = push(containerKeys[depth], o);
                    }
                    case END_ARRAY -> {
                        JsonArray a = closeArray();
                        key = push(containerKeys[depth], a);
                    }
                    case VALUE_STRING -> key = push(key, p.getText());
                    case VALUE_NUMBER_INT -> key = push(key, integer());
                    case VALUE_NUMBER_FLOAT -> key = push(key, fraction());
                    case VALUE_TRUE -> key = push(key, Boolean.TRUE);
                    case VALUE_FALSE -> key = push(key, Boolean.FALSE);
                    case VALUE_NULL -> key = push(key, null);
                    default -> throw new EventException("malformed JSON: unexpected token " + t
                            + at(p.currentTokenLocation(), line, column));
                }
            }
        }

        private Number integer() throws IOException {
            return switch (p.getNumberType()) {
                case INT -> p.getIntValue();
                case LONG -> p.getLongValue();
                default -> p.getBigIntegerValue();
            };
        }

        private Number fraction() throws IOException {
            double d = p.getDoubleValue();
            return Double.isInfinite(d) ? p.getDecimalValue() : (Number) d; // e.g. 1e400: keep it exact
        }

        private void open(String key) {
            if (depth == starts.length) {
                starts = Arrays.copyOf(starts, depth * 2);
                containerKeys = Arrays.copyOf(containerKeys, depth * 2);
            }
            starts[depth] = top;
            containerKeys[depth] = key;
            depth++;
        }

        /** Pushes a member (key null inside arrays) and returns the next pending key (none). */
        private String push(String key, Object value) {
            if (top == values.length) {
                keys = Arrays.copyOf(keys, top * 2);
                values = Arrays.copyOf(values, top * 2);
            }
            keys[top] = key;
            values[top] = value;
            top++;
            return null;
        }

        private JsonObject closeObject(long line, int column) {
            int start = starts[--depth];
            int n = top - start;
            String[] ks = Arrays.copyOfRange(keys, start, top);
            Object[] vs = Arrays.copyOfRange(values, start, top);
            top = start;
            try {
                return JsonObject.of(ks, vs);
            } catch (JsonObject.DuplicateKeyException e) {
                throw new EventException("duplicate key \"" + e.key() + "\" in the object (" + n + " keys) ending"
                        + at(p.currentTokenLocation(), line, column));
            }
        }

        private JsonArray closeArray() {
            int start = starts[--depth];
            if (start == top) {
                return JsonArray.EMPTY;
            }
            Object[] vs = Arrays.copyOfRange(values, start, top);
            top = start;
            return new JsonArray(vs);
        }
    }
}
