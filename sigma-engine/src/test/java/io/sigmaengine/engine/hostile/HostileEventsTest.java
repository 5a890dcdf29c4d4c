package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.api.ValueVisitor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Events are untrusted (an attacker shapes them on the monitored machine). Through the library API every bad event
 * is an {@link EventException}, one per event, and never anything else; the rule set and the evaluator stay intact,
 * which each test checks by evaluating a good event afterwards and comparing with what it gave before.
 */
class HostileEventsTest {

    private static final String RULES = """
            title: encoded powershell
            id: 00000000-0000-4000-8000-000000000001
            logsource: {product: test}
            detection:
              sel:
                Image|endswith: '\\powershell.exe'
                CommandLine|contains: ' -enc '
              condition: sel
            ---
            title: keyword
            id: 00000000-0000-4000-8000-000000000002
            logsource: {product: test}
            detection:
              keywords: [mimikatz]
              condition: keywords
            ---
            title: null and numbers
            id: 00000000-0000-4000-8000-000000000003
            logsource: {product: test}
            detection:
              sel:
                n|gt: 5
                gone: null
              condition: sel
            """;
    private static final String GOOD = "{\"Image\": \"C:\\\\x\\\\powershell.exe\", \"CommandLine\": \"ps -enc AAA\", "
            + "\"note\": \"MIMIKATZ here\", \"n\": 6}";

    private static RuleSet rules;
    private static EventReader reader;
    private static List<String> goodMatches;

    @BeforeAll
    static void load() {
        rules = Sigma.ruleSet().addRules("rules.yml", RULES).build();
        assertEquals(0, rules.rejectedCount(), rules.diagnostics().toString());
        reader = Sigma.eventReader();
        goodMatches = ids(rules.evaluate(reader.parse(GOOD)));
        assertEquals(3, goodMatches.size(), goodMatches.toString());
    }

    static List<String> ids(List<Match> matches) {
        return matches.stream().map(m -> m.rule().id()).toList();
    }

    /** The rule set, its evaluators and the reader still work exactly as before. */
    static void assertIntact() {
        assertEquals(goodMatches, ids(rules.evaluate(reader.parse(GOOD))));
        assertEquals(goodMatches, ids(rules.evaluator(Event.adapter()).evaluate(reader.parse(GOOD))));
    }

    static EventException rejected(String json) {
        EventException fromString = assertThrows(EventException.class, () -> reader.parse(json), json);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        EventException fromBytes = assertThrows(EventException.class, () -> reader.parse(bytes, 0, bytes.length),
                json);
        for (EventException e : List.of(fromString, fromBytes)) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), json);
        }
        assertIntact();
        return fromString;
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "}", "{\"a\":}", "{\"a\" 1}", "{\"a\": 1,}", "{,}", "[1, 2]", "\"str\"",
            "42", "null", "{\"a\": 1}{\"b\": 2}", "{\"a\": 1} trailing", "{'a': 1}", "{a: 1}", "{\"a\": 01}",
            "{\"a\": \"\\x\"}", "{\"a\": \"\\u12\"}", "{\"a\": tru}", "{\"a\": \"unterminated}", "{\"a\": \"b\" \"c\"}",
            "{\"a\": \"tab\there\"}", "{\"a\": 1}}", "{{}}", "{\"a\": [1, 2}", "{\"a\": {\"b\": 1]}", "{\"a\": .5}",
            "{\"a\": 1.}", "{\"a\": -}", "{\"a\": 1e}", "{\"a\": +1}", "{\"a\": 0x10}", "/* c */ {\"a\": 1}",
            "{\"a\": 1} // c", "\u0000{\"a\": 1}", "{\"a\":\u0000 1}"})
    void malformedJson(String json) {
        rejected(json);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "-NaN", "Infinity", "-Infinity", "+Infinity", "nan", "inf"})
    void nanAndInfinityAreNotNumbers(String literal) {
        rejected("{\"n\": " + literal + "}");
    }

    @Test
    void hugeNumbersAreExactAndCompareCorrectly() {
        for (String n : List.of("1e400", "1" + "0".repeat(999), "123456789012345678901234567890.5", "9.99e307")) {
            Event e = reader.parse("{\"n\": " + n + "}");
            assertTrue(ids(rules.evaluate(e)).contains("00000000-0000-4000-8000-000000000003"), n);
        }
        for (String n : List.of("-1e400", "1e-400", "-0", "0.0", "-" + "9".repeat(999))) {
            assertFalse(ids(rules.evaluate(reader.parse("{\"n\": " + n + "}")))
                    .contains("00000000-0000-4000-8000-000000000003"), n);
        }
        EventException e = rejected("{\"n\": 1" + "0".repeat(1000) + "}");
        assertTrue(e.getMessage().contains("Number value length"), e.getMessage());
        assertIntact();
    }

    @Test
    void duplicateKeys() {
        for (String json : List.of("{\"a\": 1, \"a\": 2}", "{\"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}",
                "{\"CommandLine\": \"benign\", \"CommandLine\": \" -enc \"}")) {
            assertTrue(rejected(json).getMessage().contains("duplicate key"), json);
        }
        // Hash-flooding: many keys with equal hash codes ("Aa" and "BB" collide) still parse.
        StringBuilder b = new StringBuilder("{");
        for (int i = 0; i < 1 << 12; i++) {
            StringBuilder key = new StringBuilder();
            for (int bit = 0; bit < 12; bit++) {
                key.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            b.append(i == 0 ? "" : ",").append('"').append(key).append("\": ").append(i);
        }
        Event e = reader.parse(b.append('}').toString());
        assertEquals(List.of(), ids(rules.evaluate(e)));
        assertIntact();
    }

    @ParameterizedTest
    @ValueSource(strings = {"C0 80", "FF", "80", "E2 82", "ED A0 80", "F5 80 80 80", "F0 82 82 AC", "C3"})
    void invalidUtf8(String hex) {
        byte[] prefix = "{\"a\": \"".getBytes(StandardCharsets.UTF_8);
        String[] parts = hex.split(" ");
        byte[] json = new byte[prefix.length + parts.length + 2];
        System.arraycopy(prefix, 0, json, 0, prefix.length);
        for (int i = 0; i < parts.length; i++) {
            json[prefix.length + i] = (byte) Integer.parseInt(parts[i], 16);
        }
        json[json.length - 2] = '"';
        json[json.length - 1] = '}';
        EventException e = assertThrows(EventException.class, () -> reader.parse(json, 0, json.length));
        assertTrue(e.getMessage().contains("invalid UTF-8"), e.getMessage());
        assertIntact();
    }

    @Test
    void fiftyMegabytesInOneField() {
        String big = "A".repeat(50 << 20);
        Event e = reader.parse("{\"Image\": \"C:\\\\powershell.exe\", \"CommandLine\": \"" + big
                + " -enc mimikatz\"}");
        assertEquals(List.of("00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-000000000002"),
                ids(rules.evaluate(e)));
        EventReader small = Sigma.eventReader(Limits.defaults().withMaxEventBytes(10 << 20));
        EventException tooBig = assertThrows(EventException.class, () -> small.parse("{\"f\": \"" + big + "\"}"));
        assertTrue(tooBig.getMessage().contains("Limits.maxEventBytes"), tooBig.getMessage());
        assertIntact();
    }

    @Test
    void tenThousandLevelsOfNesting() {
        for (String json : List.of("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                "{\"a\": " + "{\"a\": ".repeat(10_000) + "1" + "}".repeat(10_001),
                "{\"a\": " + "[{\"b\": ".repeat(5_000) + "1" + "}]".repeat(5_000) + "}")) {
            assertTrue(rejected(json).getMessage().contains("Limits.maxEventDepth"), json.substring(0, 20));
        }
        // A caller's map may be as deep as it likes, or cyclic: the evaluator stops at the depth limit.
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> cursor = deep;
        for (int i = 0; i < 10_000; i++) {
            Map<String, Object> next = new HashMap<>();
            cursor.put("a", next);
            cursor = next;
        }
        cursor.put("a", "mimikatz");
        Map<String, Object> cyclic = new HashMap<>();
        cyclic.put("self", cyclic);
        cyclic.put("list", List.of(cyclic, List.of(cyclic)));
        for (Map<String, Object> map : List.of(deep, cyclic)) {
            Event event = reader.fromMap(map);
            EventException e = assertThrows(EventException.class, () -> rules.evaluate(event));
            assertTrue(e.getMessage().contains("Limits.maxEventDepth"), e.getMessage());
        }
        assertIntact();
    }

    /** A caller's event type whose adapter fails: the failure is one EventException for that event. */
    @Test
    void adapterFailuresAreEventExceptions() {
        EventAdapter<String> broken = new EventAdapter<>() {
            @Override
            public Object get(String event, String field) {
                if (event.equals("throw")) {
                    throw new IllegalStateException("adapter broke on " + field);
                }
                return event.equals("weird") ? new Object() : Event.MISSING;
            }

            @Override
            public boolean visitValues(String event, ValueVisitor visitor) {
                if (event.equals("throw")) {
                    throw new IllegalStateException("adapter broke");
                }
                return visitor.visit(event);
            }
        };
        Evaluator<String> evaluator = rules.evaluator(broken);
        EventException e = assertThrows(EventException.class, () -> evaluator.evaluate("throw"));
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
        assertEquals(List.of(), evaluator.evaluate("weird"));
        assertEquals(List.of("00000000-0000-4000-8000-000000000002"), ids(evaluator.evaluate("mimikatz")));
        assertIntact();
    }

    /** A listener's own exception is the caller's business: it comes back unchanged, not as an EventException. */
    @Test
    void listenerExceptionsPassThroughUnchanged() {
        IllegalStateException mine = new IllegalStateException("listener");
        Event good = reader.parse(GOOD);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> rules.evaluate(good, m -> {
                    throw mine;
                }));
        assertSame(mine, thrown);
        assertIntact();
    }

    /** Bad and good events interleaved on one evaluator: each bad one fails alone, each good one is judged fully. */
    @Test
    void interleavedBadEventsNeverAffectTheirNeighbours() {
        List<String> inputs = List.of(GOOD, "{", GOOD, "{\"a\": NaN}", "{\"a\": 1, \"a\": 1}", GOOD,
                "{\"a\": " + "[".repeat(300) + "]".repeat(300) + "}", GOOD);
        List<String> outcome = new ArrayList<>();
        for (String json : inputs) {
            try {
                outcome.add(String.valueOf(ids(rules.evaluate(reader.parse(json))).size()));
            } catch (EventException e) {
                outcome.add("rejected");
            }
        }
        assertEquals(List.of("3", "rejected", "3", "rejected", "rejected", "3", "rejected", "3"), outcome);
    }
}
