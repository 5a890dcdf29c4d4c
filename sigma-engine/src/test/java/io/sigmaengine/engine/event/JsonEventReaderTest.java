package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonEventReaderTest {

    private final JsonEventReader reader = new JsonEventReader(Limits.defaults());

    private EventException rejected(String json) {
        EventException fromString = assertThrows(EventException.class, () -> reader.parse(json));
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        EventException fromBytes = assertThrows(EventException.class, () -> reader.parse(utf8, 0, utf8.length));
        // Jackson's text and byte parsers may place an error one column apart; the diagnosis is the same
        assertEquals(fromString.getMessage().replaceAll(", column \\d+$", ""),
                fromBytes.getMessage().replaceAll(", column \\d+$", ""));
        return fromString;
    }

    private EventException rejected(byte[] utf8) {
        return assertThrows(EventException.class, () -> reader.parse(utf8, 0, utf8.length));
    }

    private static void assertContains(String expected, String actual) {
        assertTrue(actual.contains(expected), () -> "expected \"" + expected + "\" in: " + actual);
    }

    @Test
    void valuesKeepTheirJsonTypesAndIntegersStayExact() {
        Event e = reader.parse("{\"i\":-7,\"l\":12345678901,\"b\":123456789012345678901234567890,"
                + "\"max\":9223372036854775807,\"over\":9223372036854775808,\"d\":1.5,\"e\":2E3,"
                + "\"huge\":1e400,\"s\":\"x\\u00e9\\n\",\"t\":true,\"f\":false,\"n\":null,\"a\":[1,\"2\"],\"o\":{}}");
        assertEquals(-7, e.get("i"));
        assertEquals(12345678901L, e.get("l"));
        assertEquals(new BigInteger("123456789012345678901234567890"), e.get("b"));
        assertEquals(Long.MAX_VALUE, e.get("max"));
        assertEquals(new BigInteger("9223372036854775808"), e.get("over"));
        assertEquals(1.5, e.get("d"));
        assertEquals(2000.0, e.get("e"));
        assertEquals(new BigDecimal("1e400"), e.get("huge"), "outside the double range: kept exact");
        assertEquals("x\u00e9\n", e.get("s"));
        assertEquals(Boolean.TRUE, e.get("t"));
        assertEquals(Boolean.FALSE, e.get("f"));
        assertNull(e.get("n"));
        assertSame(Event.MISSING, e.get("absent"));
        assertEquals(List.of(1, "2"), e.get("a"));
        assertEquals(Map.of(), e.get("o"));
    }

    @Test
    void nestedObjectsAreImmutableMapsInDocumentOrder() {
        Event e = reader.parse("{\"o\":{\"z\":1,\"a\":2,\"m\":[true,null]}}");
        Map<?, ?> o = assertInstanceOf(Map.class, e.get("o"));
        assertEquals(List.of("z", "a", "m"), List.copyOf(o.keySet()));
        assertEquals(Arrays.asList(true, null), o.get("m"));
        assertEquals(Map.of("z", 1, "a", 2, "m", Arrays.asList(true, null)), o);
        assertThrows(UnsupportedOperationException.class, () -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) o;
            m.put("x", 1);
        });
    }

    @Test
    void fieldNamesAreCaseSensitive() {
        Event e = reader.parse("{\"Image\":\"a\",\"image\":\"b\"}");
        assertEquals("a", e.get("Image"));
        assertEquals("b", e.get("image"));
        assertSame(Event.MISSING, e.get("IMAGE"));
    }

    @Test
    void bytesWithOffsetAndUtf8BomParse() {
        byte[] json = "xx{\"k\":\"\u00fc\u20ac\ud83d\ude00\"}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals("\u00fc\u20ac\ud83d\ude00", reader.parse(json, 2, json.length - 4).get("k"));
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
        assertSame(Event.MISSING, reader.parse(bom, 0, bom.length).get("k"));
    }

    @Test
    void malformedJsonSaysWhere() {
        assertEquals("malformed JSON: Unexpected end-of-input: expected close marker for Object at line 1, column 7",
                rejected("{\"a\":1").getMessage());
        assertContains("line 3, column 9", rejected("{\n\"a\": 1,\n\"b\": tru\n}").getMessage());
        assertContains("Unexpected character ('}'", rejected("{\"a\":1,}").getMessage());
        assertContains("Leading zeroes", rejected("{\"a\":01}").getMessage());
        assertContains("Illegal unquoted character", rejected("{\"a\":\"x\ny\"}").getMessage());
        assertContains("was expecting double-quote", rejected("{'a':1}").getMessage());
    }

    @Test
    void trailingDataAfterTheObjectIsRejected() {
        assertEquals("found another JSON object after the end of the JSON object at line 1, column 8",
                rejected("{\"a\":1}{\"b\":2}").getMessage());
        assertContains("Unrecognized token 'x'", rejected("{\"a\":1} x").getMessage());
        assertContains("line 2, column 1", rejected("{}\n]").getMessage());
        assertEquals(1, reader.parse(" \r\n\t{\"a\":1} \r\n").get("a"), "surrounding whitespace is fine");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "\"str\"", "42", "true", "null"})
    void topLevelValueMustBeAnObject(String json) {
        assertContains("expected a JSON object, found", rejected(json).getMessage());
        assertContains("at line 1, column 1", rejected(json).getMessage());
    }

    @Test
    void emptyInputIsRejected() {
        assertEquals("empty input, expected a JSON object", rejected("").getMessage());
        assertEquals("empty input, expected a JSON object", rejected(" \n ").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "{\"a\":+Infinity}", "NaN"})
    void nonNumericNumbersAreRejected(String json) {
        assertContains("malformed JSON", rejected(json).getMessage());
    }

    @Test
    void duplicateKeysAreRejectedAtAnyDepthAndNamed() {
        assertEquals("duplicate key \"a\" in the object (2 keys) ending at line 1, column 13",
                rejected("{\"a\":1,\"a\":2}").getMessage());
        assertContains("duplicate key \"k\"", rejected("{\"x\":[{\"k\":1,\"k\":1}]}").getMessage());
        StringBuilder big = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            big.append("\"k").append(i).append("\":").append(i).append(',');
        }
        big.append("\"k42\":0}");
        assertContains("duplicate key \"k42\" in the object (101 keys)", rejected(big.toString()).getMessage());
        assertEquals(1, reader.parse("{\"a\":{\"a\":1}}").get("a.a"), "same key in different objects is fine");
    }

    @Test
    void depthLimitIsEnforcedExactly() {
        Limits limits = Limits.defaults().withMaxEventDepth(5);
        JsonEventReader r = new JsonEventReader(limits);
        assertEquals(List.of(1), r.parse("{\"a\":{\"b\":[[{\"c\":1}]]}}").get("a.b.c"), "5 levels are allowed");
        EventException e = assertThrows(EventException.class, () -> r.parse("{\"a\":{\"b\":[[{\"c\":[]}]]}}"));
        assertEquals("event nested deeper than 5 levels (Limits.maxEventDepth) at line 1, column 18", e.getMessage());
    }

    @Test
    void tenThousandLevelsAreAnErrorNotAStackOverflow() {
        String deepObjects = "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000);
        assertContains("nested deeper than 256 levels", rejected(deepObjects).getMessage());
        String deepArrays = "{\"a\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}";
        assertContains("nested deeper than 256 levels", rejected(deepArrays).getMessage());
        JsonEventReader unlimited = new JsonEventReader(Limits.defaults().withMaxEventDepth(Integer.MAX_VALUE));
        Event e = unlimited.parse(deepObjects);
        assertEquals(1, e.get("a.".repeat(9_999) + "a"), "no recursion in building or resolving");
        int[] count = {0};
        assertTrue(e.visitValues(v -> ++count[0] > 0));
        assertEquals(1, count[0]);
    }

    @Test
    void sizeLimitIsEnforcedInBytes() {
        JsonEventReader small = new JsonEventReader(Limits.defaults().withMaxEventBytes(20));
        assertEquals("0123456789", small.parse("{\"a\":\"0123456789\"}").get("a")); // 18 bytes
        assertContains("larger than 20 bytes (Limits.maxEventBytes)",
                assertThrows(EventException.class, () -> small.parse("{\"a\":\"0123456789abc\"}")).getMessage());
        String twoByteChars = "{\"a\":\"\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\u00e9\"}"; // 15 chars, 22 bytes
        assertThrows(EventException.class, () -> small.parse(twoByteChars));
        byte[] bytes = twoByteChars.getBytes(StandardCharsets.UTF_8);
        assertContains("event of 22 bytes is larger than 20 bytes",
                assertThrows(EventException.class, () -> small.parse(bytes, 0, bytes.length)).getMessage());
    }

    @Test
    void fiftyMegabyteStringParsesWithinTheDefaultLimit() {
        int n = 50 << 20;
        byte[] json = new byte[n + 8];
        byte[] head = "{\"s\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, json, 0, head.length);
        Arrays.fill(json, head.length, head.length + n, (byte) 'x');
        json[head.length + n] = '"';
        json[head.length + n + 1] = '}';
        Object s = reader.parse(json, 0, head.length + n + 2).get("s");
        assertEquals(n, ((String) s).length());
    }

    @Test
    void longNumbersAndKeysHitJacksonLimitsWithAMessage() {
        assertContains("Number value length (1001) exceeds the maximum allowed (1000",
                rejected("{\"n\":" + "9".repeat(1001) + "}").getMessage());
        assertEquals(new BigInteger("9".repeat(1000)), reader.parse("{\"n\":" + "9".repeat(1000) + "}").get("n"));
        assertContains("Name length (4097) exceeds the maximum allowed (4096",
                rejected("{\"" + "k".repeat(4097) + "\":1}").getMessage());
    }

    @Test
    void invalidUtf8IsRejectedWithItsPosition() {
        byte[][] invalid = {
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'},             // truncated sequence
            {'{', '"', 'a', '"', ':', '"', (byte) 0xFF, '"', '}'},             // never valid
            {'{', '"', 'a', '"', ':', '"', (byte) 0x80, '"', '}'},             // lone continuation byte
            {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}, // overlong '/'
            {'{', '"', 'a', '"', ':', '"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"', '}'}, // overlong
            {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}, // surrogate
            {'{', '"', 'a', '"', ':', '"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"', '}'}, // > U+10FFFF
        };
        for (byte[] b : invalid) {
            assertContains(String.format("invalid UTF-8: byte 0x%02X at line 1, column 7", b[6] & 0xFF),
                    rejected(b).getMessage());
        }
        byte[] inKey = {'{', '\n', '"', (byte) 0xC3, '"', ':', '1', '}'};
        assertEquals("invalid UTF-8: byte 0xC3 at line 2, column 2", rejected(inKey).getMessage());
    }

    @Test
    void utf16AndUtf32AreNotGuessed() {
        byte[] utf16 = "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE);
        assertContains("invalid UTF-8: byte 0x00", rejected(utf16).getMessage());
        byte[] utf16WithBom = "{\"a\":1}".getBytes(StandardCharsets.UTF_16);
        assertContains("invalid UTF-8: byte 0xFE", rejected(utf16WithBom).getMessage());
    }

    @Test
    void fromMapWrapsWithoutCopying() {
        Map<String, Object> map = new HashMap<>();
        map.put("a", 1);
        Event e = reader.fromMap(map);
        assertEquals(1, e.get("a"));
        map.put("a", 2);
        map.put("b", Map.of("c", "x"));
        assertEquals(2, e.get("a"), "a view, not a copy");
        assertEquals("x", e.get("b.c"));
        assertThrows(NullPointerException.class, () -> reader.fromMap(null));
    }

    @Test
    void readerIsSafeToShareBetweenThreads() throws InterruptedException {
        Thread[] threads = new Thread[4];
        boolean[] ok = new boolean[threads.length];
        for (int t = 0; t < threads.length; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Event e = reader.parse("{\"t\":" + id + ",\"i\":" + i + ",\"k" + (i % 50) + "\":\"v\"}");
                    if (!e.get("t").equals(id) || !e.get("i").equals(i) || !"v".equals(e.get("k" + (i % 50)))) {
                        return;
                    }
                }
                ok[id] = true;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (boolean b : ok) {
            assertTrue(b);
        }
    }
}
