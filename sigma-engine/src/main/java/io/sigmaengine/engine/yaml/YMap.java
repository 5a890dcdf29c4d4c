package io.sigmaengine.engine.yaml;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A YAML mapping with string keys, in document order. Keys are unique (duplicates are rejected by the reader).
 * Non-string scalar keys are kept as the text written in the file.
 */
public final class YMap implements YNode {

    /** One key/value pair with the key's position. */
    public record Entry(String key, int keyLine, int keyColumn, YNode value) {
    }

    private final int line;
    private final int column;
    private final List<Entry> entries;
    private final Map<String, Entry> byKey;

    public YMap(int line, int column, List<Entry> entries) {
        this.line = line;
        this.column = column;
        this.entries = List.copyOf(entries);
        LinkedHashMap<String, Entry> m = new LinkedHashMap<>();
        for (Entry e : this.entries) {
            m.putIfAbsent(e.key(), e);
        }
        this.byKey = Collections.unmodifiableMap(m);
    }

    @Override
    public int line() {
        return line;
    }

    @Override
    public int column() {
        return column;
    }

    /** The entries in document order. */
    public List<Entry> entries() {
        return entries;
    }

    /** The value for a key, or {@code null} if the key is absent. */
    public YNode get(String key) {
        Entry e = byKey.get(key);
        return e == null ? null : e.value();
    }

    /** The entry for a key, or {@code null} if the key is absent. */
    public Entry entry(String key) {
        return byKey.get(key);
    }

    public boolean containsKey(String key) {
        return byKey.containsKey(key);
    }

    public List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }

    public int size() {
        return entries.size();
    }

    /** Equal if at the same position with equal entries in the same order, like the record node types. */
    @Override
    public boolean equals(Object o) {
        return o instanceof YMap m && line == m.line && column == m.column && entries.equals(m.entries);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, column, entries);
    }

    @Override
    public String toString() {
        return "YMap" + byKey.keySet() + "@" + line + ":" + column;
    }
}
