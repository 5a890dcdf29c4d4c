package io.sigmaengine.engine.yaml;

import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.yaml.YScalar.Type;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.DocumentEndEvent;
import org.yaml.snakeyaml.events.DocumentStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.MappingStartEvent;
import org.yaml.snakeyaml.events.ScalarEvent;
import org.yaml.snakeyaml.parser.Parser;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Composes YNode trees from SnakeYAML parser events, the way PyYAML's composer and SafeConstructor would, while
 * enforcing the limits.
 *
 * <p>It replaces SnakeYAML's recursive Composer: an explicit stack of open collections means no input can overflow
 * the Java stack, and every error (alias, depth and node limits included) gets the position of the event that
 * caused it. An alias shares the anchored YNode (as PyYAML shares the node), but counts as a copy of it for the
 * node and depth limits, so what a caller walks is bounded by the limits.
 */
final class TreeBuilder {

    /** An anchored node; {@code node} is null while the node is still open (an alias to it would be recursive). */
    private record Anchor(YNode node, long size, int height, int line) {
    }

    /** An open collection. */
    private abstract static class Frame {
        final Mark start;
        final String anchor;
        /** The node count before this collection, to size it for aliases. */
        final long nodesBefore;
        /** Height of the tallest child: 0 for scalars only, n for collections n levels deep. */
        int childHeight;

        Frame(Mark start, String anchor, long nodesBefore) {
            this.start = start;
            this.anchor = anchor;
            this.nodesBefore = nodesBefore;
        }
    }

    private static final class ListFrame extends Frame {
        final List<YNode> items = new ArrayList<>();

        ListFrame(Mark start, String anchor, long nodesBefore) {
            super(start, anchor, nodesBefore);
        }
    }

    private static final class MapFrame extends Frame {
        final List<YMap.Entry> entries = new ArrayList<>();
        final Map<String, YMap.Entry> byKey = new HashMap<>();
        /** Entries pulled in through merge keys, in PyYAML's flatten_mapping order; null if there are none. */
        List<YMap.Entry> merged;
        /** The key waiting for its value, or null when the next node is a key. */
        String key;
        int keyLine;
        int keyColumn;
        boolean keyIsMerge;

        MapFrame(Mark start, String anchor, long nodesBefore) {
            super(start, anchor, nodesBefore);
        }
    }

    private final Parser parser;
    private final Limits limits;
    private final ArrayDeque<Frame> open = new ArrayDeque<>();
    private final Map<String, Anchor> anchors = new HashMap<>();
    private long nodes;
    private int aliases;
    private YNode root;

    TreeBuilder(Parser parser, Limits limits) {
        this.parser = parser;
        this.limits = limits;
    }

    /** Reads the stream, adding each document to {@code out} as soon as it is complete. */
    void readStream(List<YamlDocument> out) throws YamlException {
        parser.getEvent(); // StreamStart
        for (Event e = parser.getEvent(); e instanceof DocumentStartEvent start; e = parser.getEvent()) {
            out.add(readDocument(start));
        }
    }

    private YamlDocument readDocument(DocumentStartEvent start) throws YamlException {
        anchors.clear(); // anchors are per document, as in PyYAML
        root = null;
        for (Event e = parser.getEvent(); !(e instanceof DocumentEndEvent); e = parser.getEvent()) {
            switch (e.getEventId()) {
                case Scalar -> scalar((ScalarEvent) e);
                case Alias -> alias((AliasEvent) e);
                case MappingStart, SequenceStart -> openCollection((CollectionStartEvent) e);
                case MappingEnd, SequenceEnd -> closeCollection();
                default -> throw new IllegalStateException("unexpected YAML event " + e);
            }
        }
        int startLine = root != null ? root.line() : start.getStartMark().getLine() + 1;
        return new YamlDocument(root, startLine);
    }

    private void scalar(ScalarEvent e) throws YamlException {
        Mark at = e.getStartMark();
        String tag = e.getTag();
        boolean untagged = tag == null || tag.equals("!");
        boolean resolve = untagged && e.getImplicit().canOmitTagInPlainScalar();
        if (open.isEmpty() && resolve && e.getValue().isEmpty() && e.getAnchor() == null) {
            return; // a document with no content: its root stays null
        }
        countNodes(1, at);
        Type type = resolve ? ScalarResolver.implicitType(e.getValue())
                : untagged ? Type.STRING
                : ScalarResolver.tagType(tag);
        if (type == null) {
            throw unsupportedTag(tag, at);
        }
        YScalar s = ScalarResolver.construct(type, at.getLine() + 1, at.getColumn() + 1, e.getValue(), !e.isPlain());
        if (s == null) {
            String tagged = untagged ? "" : " (tagged " + ScalarResolver.displayTag(tag) + ")";
            throw error(YamlException.BAD_VALUE, "'" + e.getValue() + "' is not a valid "
                    + type.name().toLowerCase(Locale.ROOT) + tagged, at);
        }
        if (e.getAnchor() != null) {
            defineAnchor(e.getAnchor(), at);
            anchors.put(e.getAnchor(), new Anchor(s, 1, 0, at.getLine() + 1));
        }
        // Only an untagged plain '<<' is PyYAML's merge key; a quoted or !!str-tagged one is an ordinary key.
        add(s, 0, at, resolve && e.getValue().equals("<<"));
    }

    private void alias(AliasEvent e) throws YamlException {
        Mark at = e.getStartMark();
        if (++aliases > limits.maxYamlAliases()) {
            throw limit("more than " + limits.maxYamlAliases() + " alias references", "maxYamlAliases",
                    limits.maxYamlAliases(), at);
        }
        Anchor a = anchors.get(e.getAnchor());
        if (a == null) {
            throw error(YamlException.SYNTAX, "found undefined alias *" + e.getAnchor(), at);
        }
        if (a.node() == null) {
            throw error(YamlException.RECURSIVE_ALIAS, "alias *" + e.getAnchor()
                    + " refers to a node that contains it (anchored at line " + a.line() + ")", at);
        }
        if (open.size() + a.height() > limits.maxYamlDepth()) {
            throw depthLimit(at);
        }
        countNodes(a.size(), at);
        add(a.node(), a.height(), at, false);
    }

    private void openCollection(CollectionStartEvent e) throws YamlException {
        Mark at = e.getStartMark();
        boolean isMap = e instanceof MappingStartEvent;
        if (open.peek() instanceof MapFrame m && m.key == null) {
            throw error(YamlException.COMPLEX_KEY, (isMap ? "a mapping" : "a sequence")
                    + " cannot be a mapping key; keys must be scalars", at);
        }
        String tag = e.getTag();
        if (tag != null && !tag.equals("!")) {
            checkCollectionTag(tag, isMap, at);
        }
        if (open.size() >= limits.maxYamlDepth()) {
            throw depthLimit(at);
        }
        long before = nodes;
        countNodes(1, at);
        String anchor = e.getAnchor();
        if (anchor != null) {
            defineAnchor(anchor, at);
            anchors.put(anchor, new Anchor(null, 0, 0, at.getLine() + 1));
        }
        open.push(isMap ? new MapFrame(at, anchor, before) : new ListFrame(at, anchor, before));
    }

    private void closeCollection() throws YamlException {
        Frame f = open.pop();
        int line = f.start.getLine() + 1;
        int column = f.start.getColumn() + 1;
        YNode node = f instanceof MapFrame m
                ? new YMap(line, column, flatten(m))
                : new YList(line, column, ((ListFrame) f).items);
        int height = f.childHeight + 1;
        if (f.anchor != null) {
            anchors.put(f.anchor, new Anchor(node, nodes - f.nodesBefore, height, line));
        }
        add(node, height, f.start, false);
    }

    /** Attaches a finished node (written at {@code at}) to the open collection, or makes it the document root. */
    private void add(YNode node, int height, Mark at, boolean mergeKey) throws YamlException {
        Frame top = open.peek();
        if (top == null) {
            root = node;
            return;
        }
        top.childHeight = Math.max(top.childHeight, height);
        if (top instanceof ListFrame l) {
            l.items.add(node);
        } else {
            MapFrame m = (MapFrame) top;
            if (m.key == null) {
                setKey(m, node, at, mergeKey);
            } else {
                setValue(m, node, at);
            }
        }
    }

    private static void setKey(MapFrame m, YNode node, Mark at, boolean mergeKey) throws YamlException {
        if (!(node instanceof YScalar s)) {
            // Collections are refused when they open; this is an alias to one.
            throw error(YamlException.COMPLEX_KEY, "an alias to a collection cannot be a mapping key; "
                    + "keys must be scalars", at);
        }
        YMap.Entry first = mergeKey ? null : m.byKey.get(s.text());
        if (first != null) {
            throw error(YamlException.DUPLICATE_KEY, "duplicate key '" + s.text() + "' (first at line "
                    + first.keyLine() + ", again at line " + (at.getLine() + 1) + ")", at);
        }
        m.key = s.text();
        m.keyLine = at.getLine() + 1;
        m.keyColumn = at.getColumn() + 1;
        m.keyIsMerge = mergeKey;
    }

    private static void setValue(MapFrame m, YNode value, Mark at) throws YamlException {
        if (m.keyIsMerge) {
            merge(m, value, at);
        } else {
            YMap.Entry entry = new YMap.Entry(m.key, m.keyLine, m.keyColumn, value);
            m.entries.add(entry);
            m.byKey.put(m.key, entry);
        }
        m.key = null;
    }

    /** Collects the entries a merge key brings in, in the order PyYAML's flatten_mapping puts them. */
    private static void merge(MapFrame m, YNode value, Mark at) throws YamlException {
        if (m.merged == null) {
            m.merged = new ArrayList<>();
        }
        if (value instanceof YMap source) {
            m.merged.addAll(source.entries());
        } else if (value instanceof YList list) {
            for (YNode item : list.items()) {
                if (!(item instanceof YMap)) {
                    throw new YamlException(YamlException.BAD_MERGE, "a merge key '<<' list may only hold mappings, "
                            + "found " + kind(item), item.line(), item.column());
                }
            }
            // Reversed, so that when later entries overwrite earlier ones the first mapping in the list wins.
            for (int i = list.size() - 1; i >= 0; i--) {
                m.merged.addAll(((YMap) list.get(i)).entries());
            }
        } else {
            throw error(YamlException.BAD_MERGE, "the value of a merge key '<<' must be a mapping or a list of "
                    + "mappings, found " + kind(value), at);
        }
    }

    /** The mapping's entries: merged ones first, then its own, a later entry replacing an earlier same key. */
    private static List<YMap.Entry> flatten(MapFrame m) {
        if (m.merged == null) {
            return m.entries;
        }
        LinkedHashMap<String, YMap.Entry> result = new LinkedHashMap<>();
        for (YMap.Entry e : m.merged) {
            result.put(e.key(), e);
        }
        for (YMap.Entry e : m.entries) {
            result.put(e.key(), e);
        }
        return new ArrayList<>(result.values());
    }

    private void defineAnchor(String anchor, Mark at) throws YamlException {
        Anchor previous = anchors.get(anchor);
        if (previous != null) {
            // PyYAML refuses a second anchor of the same name in one document, so pySigma cannot load such a rule.
            throw error(YamlException.SYNTAX, "found duplicate anchor &" + anchor + " (first occurrence at line "
                    + previous.line() + ")", at);
        }
    }

    private static void checkCollectionTag(String tag, boolean isMap, Mark at) throws YamlException {
        String expected = ScalarResolver.YAML_TAG_PREFIX + (isMap ? "map" : "seq");
        if (tag.equals(expected)) {
            return;
        }
        boolean standard = ScalarResolver.tagType(tag) != null
                || tag.equals(ScalarResolver.YAML_TAG_PREFIX + (isMap ? "seq" : "map"));
        if (!standard) {
            throw unsupportedTag(tag, at);
        }
        throw error(YamlException.BAD_VALUE, "tag " + ScalarResolver.displayTag(tag) + " cannot be applied to a "
                + (isMap ? "mapping" : "sequence"), at);
    }

    private void countNodes(long n, Mark at) throws YamlException {
        nodes += n;
        if (nodes > limits.maxYamlNodes()) {
            throw limit("more than " + limits.maxYamlNodes() + " nodes (alias expansions included)",
                    "maxYamlNodes", limits.maxYamlNodes(), at);
        }
    }

    private YamlException depthLimit(Mark at) {
        return limit("nesting deeper than " + limits.maxYamlDepth() + " levels (alias expansions included)",
                "maxYamlDepth", limits.maxYamlDepth(), at);
    }

    private static YamlException limit(String what, String name, int value, Mark at) {
        return error(YamlException.LIMIT, limitMessage(what, name, value), at);
    }

    /** Names the limit, its value and the {@code Limits.withX} method that raises it. */
    static String limitMessage(String what, String name, int value) {
        String setter = "with" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        return what + ": exceeds the limit " + name + "=" + value + " (raise it with Limits." + setter + ")";
    }

    private static YamlException unsupportedTag(String tag, Mark at) {
        return error(YamlException.UNSUPPORTED_TAG, "unsupported tag " + ScalarResolver.displayTag(tag)
                + " (only !!str, !!int, !!float, !!bool, !!null, !!timestamp, !!map and !!seq are allowed)", at);
    }

    private static String kind(YNode node) {
        return node instanceof YMap ? "a mapping" : node instanceof YList ? "a sequence" : "a scalar";
    }

    private static YamlException error(String code, String message, Mark at) {
        return new YamlException(code, message, at.getLine() + 1, at.getColumn() + 1);
    }
}
