package io.sigmaengine.engine.event;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Limits;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Random documents, printed by Jackson's generator, read back; random bytes never break the readers. */
class JsonEventProperties {

    private static final JsonFactory JSON = new JsonFactory();
    private final JsonEventReader reader = new JsonEventReader(Limits.defaults());

    @Property(tries = 300)
    void parsedTreesEqualTheDocumentAndEveryLeafResolvesByPath(@ForAll("objects") Map<String, Object> doc,
                                                                @ForAll boolean pretty) {
        String json = print(doc, pretty);
        Event fromText = reader.parse(json);
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        Event fromBytes = reader.parse(utf8, 0, utf8.length);
        for (Event e : List.of(fromText, fromBytes)) {
            assertEquals(doc, ((MapEvent) e).root());
            Map<String, Object> leaves = new LinkedHashMap<>();
            paths("", doc, leaves);
            leaves.forEach((path, value) -> assertEquals(value, e.get(path), path));
            assertSame(Event.MISSING, e.get("absent.path"));
            List<Object> visited = new ArrayList<>();
            e.visitValues(visited::add);
            assertEquals(scalars(doc, new ArrayList<>()), visited);
        }
    }

    @Property(tries = 300)
    void callerMapsResolveLikeParsedJson(@ForAll("objects") Map<String, Object> doc) {
        Event wrapped = reader.fromMap(doc);
        Event parsed = reader.parse(print(doc, false));
        Map<String, Object> leaves = new LinkedHashMap<>();
        paths("", doc, leaves);
        for (String path : leaves.keySet()) {
            assertEquals(parsed.get(path), wrapped.get(path), path);
        }
    }

    @Property(tries = 1000)
    void arbitraryBytesAreAnEventOrAnEventException(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            reader.parse(bytes, 0, bytes.length);
        } catch (EventException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 2000)
    void utf8CheckAgreesWithTheJdkDecoder(@ForAll("utf8ish") byte[] bytes) {
        boolean jdkAccepts;
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            jdkAccepts = true;
        } catch (CharacterCodingException e) {
            jdkAccepts = false;
        }
        assertEquals(jdkAccepts, Utf8.firstInvalid(bytes, 0, bytes.length) < 0);
    }

    /** Mostly ASCII with multi-byte lead and continuation bytes mixed in, so that edge cases are common. */
    @Provide
    Arbitrary<byte[]> utf8ish() {
        Arbitrary<Byte> b = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.bytes().between((byte) 0x20, (byte) 0x7E)),
                Tuple.of(3, Arbitraries.bytes().between((byte) 0x80, (byte) 0xBF)),
                Tuple.of(3, Arbitraries.of((byte) 0xC0, (byte) 0xC1, (byte) 0xC2, (byte) 0xDF,
                        (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF)));
        return b.array(byte[].class).ofMaxSize(24);
    }

    @Provide
    Arbitrary<Map<String, Object>> objects() {
        return objects(3, 12);
    }

    /** JSON objects up to {@code depth} levels of nested objects and lists, with up to {@code width} keys each. */
    static Arbitrary<Map<String, Object>> objects(int depth, int width) {
        return Arbitraries.maps(keys(), value(depth, width)).ofMaxSize(width).map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> value(int depth, int width) {
        if (depth == 0) {
            return scalar();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(6, scalar()),
                Tuple.of(2, Arbitraries.lazy(() -> objects(depth - 1, width)).map(o -> (Object) o)),
                Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1, width)).list().ofMaxSize(4)
                        .map(l -> (Object) l)));
    }

    /** Keys without dots, so that every path is unambiguous. */
    private static Arbitrary<String> keys() {
        return Arbitraries.strings().withCharRange('a', 'e').withChars('_', '#', ' ', '\u00e9', '\u4e2d', '"', '\\')
                .ofMinLength(1).ofMaxLength(6);
    }

    private static Arbitrary<Object> scalar() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\ud7ff').withChars('\ue000', '\uffff')
                        .ofMaxLength(12).map(s -> (Object) s),
                Arbitraries.strings().withChars("\ud83d\ude00\"\\/\n\t a".toCharArray()).ofMaxLength(6)
                        .filter(JsonEventProperties::wellFormedUtf16).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.longs().filter(l -> l != l.intValue()).map(l -> (Object) l),
                Arbitraries.bigIntegers().between(BigInteger.TWO.pow(64).negate(), BigInteger.TWO.pow(64))
                        .filter(b -> b.bitLength() > 63).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
    }

    private static boolean wellFormedUtf16(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    static String print(Object doc, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object x : l) {
                write(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long l) {
            g.writeNumber(l);
        } else if (v instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    /** Every value reachable through objects only, by its dotted path. */
    private static void paths(String prefix, Map<?, ?> object, Map<String, Object> out) {
        object.forEach((k, v) -> {
            String path = prefix + k;
            out.put(path, v);
            if (v instanceof Map<?, ?> m) {
                paths(path + ".", m, out);
            }
        });
    }

    private static List<Object> scalars(Object v, List<Object> out) {
        if (v instanceof Map<?, ?> m) {
            m.values().forEach(x -> scalars(x, out));
        } else if (v instanceof List<?> l) {
            l.forEach(x -> scalars(x, out));
        } else if (v != null) {
            out.add(v);
        }
        return out;
    }
}
