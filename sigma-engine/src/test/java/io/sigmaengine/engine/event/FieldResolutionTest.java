package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generic field resolution and value walks, on parsed JSON and on caller maps alike. */
class FieldResolutionTest {

    private final JsonEventReader reader = new JsonEventReader(Limits.defaults());

    private static final String DOC = "{\"process\":{\"name\":\"cmd.exe\",\"parent\":{\"pid\":4}},"
            + "\"process.name\":\"flat.exe\",\"host\":{\"ip\":[\"10.0.0.1\",\"10.0.0.2\"]},"
            + "\"users\":[{\"name\":\"a\",\"groups\":[\"g1\",\"g2\"]},{\"id\":2},{\"name\":\"b\",\"groups\":\"g3\"},7],"
            + "\"mixed\":{\"a.b\":{\"c\":1}},\"n\":null,\"nested\":{\"n\":null}}";

    private List<Event> both() {
        Event parsed = reader.parse(DOC);
        return List.of(parsed, reader.fromMap(toJavaCollections(((MapEvent) parsed).root())));
    }

    /** The same tree as plain Java collections, as a caller would build it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> toJavaCollections(Object tree) {
        return (Map<String, Object>) copy(tree);
    }

    private static Object copy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, copy(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new LinkedList<>(); // not RandomAccess: exercises the iterator path
            l.forEach(x -> out.add(copy(x)));
            return out;
        }
        return v;
    }

    @Test
    void literalKeyWinsOverNestedPath() {
        for (Event e : both()) {
            assertEquals("flat.exe", e.get("process.name"));
            assertEquals(4, e.get("process.parent.pid"));
        }
    }

    @Test
    void eachSegmentIsExactCase() {
        for (Event e : both()) {
            assertSame(Event.MISSING, e.get("Process.name"));
            assertSame(Event.MISSING, e.get("process.Parent.pid"));
        }
    }

    @Test
    void pathsThroughListsCollectWhatEachElementHas() {
        for (Event e : both()) {
            assertEquals(List.of("a", "b"), e.get("users.name"));
            assertEquals(List.of("g1", "g2", "g3"), e.get("users.groups"), "list leaves are flattened");
            assertEquals(List.of(2), e.get("users.id"));
            assertSame(Event.MISSING, e.get("users.nothing"));
            assertEquals(List.of("10.0.0.1", "10.0.0.2"), e.get("host.ip"), "a list leaf is returned as is");
            assertSame(Event.MISSING, e.get("host.ip.x"));
        }
    }

    @Test
    void dottedKeysInsideNestedObjectsResolve() {
        for (Event e : both()) {
            assertEquals(1, e.get("mixed.a.b.c"));
            assertEquals(Map.of("c", 1), e.get("mixed.a.b"));
            assertSame(Event.MISSING, e.get("mixed.a"));
        }
    }

    @Test
    void nullIsPresentMissingIsAbsent() {
        for (Event e : both()) {
            assertEquals(null, e.get("n"));
            assertEquals(null, e.get("nested.n"));
            assertSame(Event.MISSING, e.get("nested.m"));
            assertSame(Event.MISSING, e.get("n.x"), "a path cannot go through a null");
            assertSame(Event.MISSING, e.get("process.name.x"), "nor through a string");
            assertSame(Event.MISSING, e.get(""));
            assertSame(Event.MISSING, e.get("."));
            assertSame(Event.MISSING, e.get("process."));
        }
    }

    @Test
    void visitValuesSeesEveryScalarLeafButNoKeysOrNulls() {
        for (Event e : both()) {
            List<Object> seen = new ArrayList<>();
            assertTrue(e.visitValues(seen::add));
            assertEquals(List.of("cmd.exe", 4, "flat.exe", "10.0.0.1", "10.0.0.2", "a", "g1", "g2", 2, "b", "g3", 7, 1),
                    seen);
        }
    }

    @Test
    void visitValuesStopsWhenTheVisitorSaysSo() {
        for (Event e : both()) {
            List<Object> seen = new ArrayList<>();
            assertFalse(e.visitValues(v -> seen.add(v) && seen.size() < 3));
            assertEquals(List.of("cmd.exe", 4, "flat.exe"), seen);
        }
    }

    @Test
    void callerMapsMayHoldArraysAndOtherScalars() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("arr", new Object[] {Map.of("x", 1), Map.of("x", 2)});
        map.put("when", Instant.parse("2024-01-02T03:04:05Z"));
        map.put("numbers", new TreeMap<>(Map.of(1, "one")));
        Event e = reader.fromMap(map);
        assertEquals(List.of(1, 2), e.get("arr.x"));
        assertEquals(Instant.parse("2024-01-02T03:04:05Z"), e.get("when"));
        assertSame(Event.MISSING, e.get("numbers.x"), "a map with other key types is just not matched");
        List<Object> seen = new ArrayList<>();
        e.visitValues(seen::add);
        assertEquals(List.of(1, 2, "2024-01-02T03:04:05Z", "one"), seen);
    }

    @Test
    void cyclicCallerMapsAreRejectedNotLoopedOver() {
        Map<String, Object> map = new LinkedHashMap<>();
        List<Object> list = new ArrayList<>();
        list.add(list);
        map.put("self", map);
        map.put("loop", list);
        Event e = new JsonEventReader(Limits.defaults().withMaxEventDepth(50)).fromMap(map);
        assertEquals(map, e.get("self.self.self"));
        EventException visit = assertThrows(EventException.class, () -> e.visitValues(v -> true));
        assertEquals("event nested deeper than 50 levels (Limits.maxEventDepth)", visit.getMessage());
        assertThrows(EventException.class, () -> e.get("loop.x"));
    }

    @Test
    void largeObjectsResolveEveryKeyIncludingDottedSegments() {
        StringBuilder json = new StringBuilder("{\"inner\":{");
        for (int i = 0; i < 300; i++) {
            json.append(i == 0 ? "" : ",").append("\"key").append(i).append("\":").append(i);
        }
        json.append("}}");
        Event e = reader.parse(json.toString());
        for (int i = 0; i < 300; i++) {
            assertEquals(i, e.get("inner.key" + i));
        }
        assertSame(Event.MISSING, e.get("inner.key300"));
    }
}
