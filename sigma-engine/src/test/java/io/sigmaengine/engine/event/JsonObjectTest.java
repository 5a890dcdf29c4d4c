package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonObjectTest {

    /** 2^n distinct strings with the same String.hashCode ("Aa" and "BB" collide). */
    private static List<String> collidingKeys(int n) {
        List<String> keys = new ArrayList<>(List.of(""));
        for (int i = 0; i < n; i++) {
            List<String> next = new ArrayList<>();
            for (String k : keys) {
                next.add(k + "Aa");
                next.add(k + "BB");
            }
            keys = next;
        }
        return keys;
    }

    private static JsonObject build(List<String> keys) {
        Object[] values = new Object[keys.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        return JsonObject.of(keys.toArray(new String[0]), values);
    }

    @Test
    void smallHashedAndFloodedObjectsAllFindEveryKey() {
        for (int size : new int[] {0, 1, 8, 9, 100, 5000}) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                keys.add("key" + i);
            }
            assertFindsEveryKey(keys);
        }
        List<String> flood = collidingKeys(13); // 8192 keys, one hash code
        assertEquals(1, flood.stream().map(String::hashCode).distinct().count());
        assertFindsEveryKey(flood);
    }

    private static void assertFindsEveryKey(List<String> keys) {
        JsonObject o = build(keys);
        assertEquals(keys.size(), o.size());
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            assertEquals(i, o.indexOf(k));
            assertEquals(i, o.indexOf("x." + k + ".y", 2, 2 + k.length()), "region lookup");
            assertEquals(i, o.get(k));
        }
        assertEquals(-1, o.indexOf("absent"));
        assertEquals(-1, o.indexOf("AaAaAaAaAaAaAaAaAaAaAaAaAaAa"));
        assertEquals(-1, o.indexOf("key", 0, 2));
        assertEquals(new ArrayList<>(keys), new ArrayList<>(o.keySet()), "document order");
    }

    @Test
    void duplicatesAreFoundInEveryRepresentation() {
        for (List<String> keys : List.of(List.of("a", "b", "a"), List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6",
                "k7", "k8", "k9", "k3"))) {
            assertThrows(JsonObject.DuplicateKeyException.class, () -> build(keys));
        }
        List<String> flood = collidingKeys(12);
        flood.add(flood.get(1234));
        JsonObject.DuplicateKeyException e = assertThrows(JsonObject.DuplicateKeyException.class, () -> build(flood));
        assertEquals(flood.get(1234), e.key());
    }

    @Test
    void aHashFloodingEventParsesAndResolves() {
        List<String> flood = collidingKeys(14); // 16384 keys
        StringBuilder json = new StringBuilder("{\"o\":{");
        for (int i = 0; i < flood.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(flood.get(i)).append("\":").append(i);
        }
        json.append("}}");
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        Event e = reader.parse(json.toString());
        for (int i = 0; i < flood.size(); i += 97) {
            assertEquals(i, e.get("o." + flood.get(i)));
        }
        String duplicated = json.substring(0, json.length() - 2) + ",\"" + flood.get(7) + "\":0}}";
        EventException dup = assertThrows(EventException.class, () -> reader.parse(duplicated));
        assertTrue(dup.getMessage().startsWith("duplicate key \"" + flood.get(7) + "\""), dup.getMessage());
    }

    @Test
    void isAReadOnlyMap() {
        JsonObject o = build(List.of("a", "b"));
        Map<String, Object> copy = new LinkedHashMap<>(o);
        assertEquals(Map.of("a", 0, "b", 1), copy);
        assertEquals(copy, o);
        assertEquals(copy.hashCode(), o.hashCode());
        assertEquals("{a=0, b=1}", o.toString());
        assertThrows(UnsupportedOperationException.class, () -> o.put("c", 2));
        assertThrows(UnsupportedOperationException.class, () -> o.entrySet().iterator().next().setValue(5));
    }
}
