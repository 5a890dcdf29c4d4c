package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.ValueVisitor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Windows event in the nested JSON shape of EVTX-to-JSON tools ({@code {"Event": {"System": {...},
 * "EventData": {...}}}}, XML attributes under {@code #attributes}, element text under {@code #text}), exposing its
 * fields under the names Sigma rules use. A name resolves, first hit wins, to:
 * <ol>
 *   <li>the generic resolution on the whole document (literal key, then dotted path: {@code Event.System.EventID});</li>
 *   <li>{@code System.<name>}, an element's {@code #text} if it has one; {@code TimeCreated} is its
 *       {@code SystemTime} attribute, as in the flat convention;</li>
 *   <li>{@code EventData.<name>}, then the names derived from EventData: keys with spaces removed
 *       ({@code Threat Name} as {@code ThreatName}) and {@code Data} items ({@code <Data Name="X">} as {@code X},
 *       unnamed items as {@code Data}, one value or a list);</li>
 *   <li>any leaf element under {@code UserData} by its own name (repeated names give a list), then likewise
 *       under other payload sections such as {@code RenderingInfo};</li>
 *   <li>System attributes as {@code Element_Attribute} ({@code Provider_Name}, {@code Execution_ProcessID});</li>
 *   <li>{@code EventData_<name>} and {@code UserData_<name>}, for payload fields hidden by a System field of the
 *       same name.</li>
 * </ol>
 * Resolution reads the document in place; names derived from EventData and UserData (steps 3-4, which need a
 * scan) are indexed once per event, on the first lookup that gets that far. A caller's map must therefore not
 * change once it is read through this view.
 */
final class WindowsEvent implements Event {

    private static final Object MISSING = Event.MISSING;
    private static final String EVENT_DATA_PREFIX = "EventData_";
    private static final String USER_DATA_PREFIX = "UserData_";

    private final Object root;
    private final Object event;
    private final Object system;
    /** The EventData object, or null. */
    private final Object eventData;
    private final int maxDepth;
    /** Built on first need; racy but idempotent, and safely published through its final fields. */
    private PayloadIndex payload;

    private WindowsEvent(Object root, Object event, Object system, int maxDepth) {
        this.root = root;
        this.event = event;
        this.system = system;
        Object ed = Fields.lookup(event, "EventData");
        this.eventData = ed instanceof Map ? ed : null;
        this.maxDepth = maxDepth;
    }

    /** A Windows view of {@code root} if it has the shape {@code {"Event": {"System": {...}}}}, else null. */
    static Event wrapIfWindows(Object root, int maxDepth) {
        Object event = Fields.lookup(root, "Event");
        if (event instanceof Map) {
            Object system = Fields.lookup(event, "System");
            if (system instanceof Map) {
                return new WindowsEvent(root, event, system, maxDepth);
            }
        }
        return null;
    }

    @Override
    public Object get(String field) {
        Object v = Fields.resolve(root, field, maxDepth);
        if (v != MISSING) {
            return v;
        }
        v = Fields.lookup(system, field);
        if (v != MISSING) {
            return systemValue(field, v);
        }
        if (eventData != null && !field.equals("Data")) { // Data may hold named items: resolved by the index
            v = Fields.lookup(eventData, field);
            if (v != MISSING) {
                return Fields.text(v);
            }
        }
        PayloadIndex p = payload();
        v = p.eventData.getOrDefault(field, MISSING);
        if (v != MISSING) {
            return v;
        }
        v = p.userData.getOrDefault(field, MISSING);
        if (v != MISSING) {
            return v;
        }
        v = p.otherSections.getOrDefault(field, MISSING);
        if (v != MISSING) {
            return v;
        }
        v = systemAttribute(field);
        if (v != MISSING) {
            return v;
        }
        if (field.startsWith(EVENT_DATA_PREFIX)) {
            String name = field.substring(EVENT_DATA_PREFIX.length());
            v = name.equals("Data") || eventData == null ? MISSING : Fields.lookup(eventData, name);
            return v != MISSING ? Fields.text(v) : p.eventData.getOrDefault(name, MISSING);
        }
        if (field.startsWith(USER_DATA_PREFIX)) {
            return p.userData.getOrDefault(field.substring(USER_DATA_PREFIX.length()), MISSING);
        }
        return MISSING;
    }

    private Object systemValue(String field, Object v) {
        if (v instanceof Map) {
            Object t = Fields.lookup(v, "#text");
            if (t != MISSING) {
                return t;
            }
            if (field.equals("TimeCreated")) {
                t = Fields.lookup(Fields.lookup(v, "#attributes"), "SystemTime");
                if (t != MISSING) {
                    return t;
                }
            }
        }
        return v;
    }

    /** {@code X_Y} as attribute {@code Y} of System element {@code X}, trying every underscore as the split. */
    private Object systemAttribute(String field) {
        for (int u = field.indexOf('_'); u > 0 && u < field.length() - 1; u = field.indexOf('_', u + 1)) {
            Object element = Fields.lookup(system, field, 0, u);
            if (element instanceof Map) {
                Object v = Fields.lookup(Fields.lookup(element, "#attributes"), field, u + 1, field.length());
                if (v != MISSING) {
                    return v;
                }
            }
        }
        return MISSING;
    }

    private PayloadIndex payload() {
        PayloadIndex p = payload;
        if (p == null) {
            p = PayloadIndex.build(event, eventData);
            payload = p;
        }
        return p;
    }

    @Override
    public boolean visitValues(ValueVisitor visitor) {
        return Fields.visit(root, visitor, maxDepth);
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** The names that need a scan of the payload to resolve; immutable once built. */
    private static final class PayloadIndex {
        private static final PayloadIndex EMPTY = new PayloadIndex(Map.of(), Map.of(), Map.of());

        final Map<String, Object> eventData;
        final Map<String, Object> userData;
        final Map<String, Object> otherSections;

        private PayloadIndex(Map<String, Object> eventData, Map<String, Object> userData,
                             Map<String, Object> otherSections) {
            this.eventData = eventData;
            this.userData = userData;
            this.otherSections = otherSections;
        }

        static PayloadIndex build(Object event, Object eventData) {
            Map<String, Object> ed = new HashMap<>();
            if (eventData != null) {
                indexEventData(eventData, ed);
            }
            Map<String, Object> ud = new HashMap<>();
            Map<String, Object> other = new HashMap<>();
            ((Map<?, ?>) event).forEach((key, section) -> {
                if ("UserData".equals(key)) {
                    collectLeaves(section, ud);
                } else if (!"System".equals(key) && !"EventData".equals(key) && !"#attributes".equals(key)) {
                    collectLeaves(section, other);
                }
            });
            if (ed.isEmpty() && ud.isEmpty() && other.isEmpty()) {
                return EMPTY;
            }
            return new PayloadIndex(ed, freeze(ud), freeze(other));
        }

        /** EventData keys with spaces, by their name without spaces, and {@code Data} items. */
        private static void indexEventData(Object eventData, Map<String, Object> index) {
            ((Map<?, ?>) eventData).forEach((key, value) -> {
                if (key instanceof String k && k.indexOf(' ') >= 0) {
                    index.putIfAbsent(k.replace(" ", ""), Fields.text(value));
                }
            });
            Object data = Fields.lookup(eventData, "Data");
            if (data == MISSING) {
                return;
            }
            List<Object> unnamed = new ArrayList<>();
            for (Object item : data instanceof List<?> l ? l : Collections.singletonList(data)) {
                Object value = elementValue(item);
                if (Fields.lookup(Fields.lookup(item, "#attributes"), "Name") instanceof String name) {
                    index.putIfAbsent(name, value);
                    if (name.indexOf(' ') >= 0) {
                        index.putIfAbsent(name.replace(" ", ""), value);
                    }
                } else if (value instanceof List<?> texts) {
                    unnamed.addAll(texts); // a tool that merged the texts of several unnamed items
                } else {
                    unnamed.add(value);
                }
            }
            if (!unnamed.isEmpty()) {
                index.putIfAbsent("Data", unnamed.size() == 1 ? unnamed.get(0) : Collections.unmodifiableList(unnamed));
            }
        }

        /**
         * Adds the leaf elements under {@code section} by their own names, depth-first in document order; repeated
         * names become lists. Uses an explicit stack: payloads may be as deep as the depth limit.
         */
        private static void collectLeaves(Object section, Map<String, Object> out) {
            List<Object> stack = new ArrayList<>(); // pairs: element name (null for a bare list), value
            stack.add(null);
            stack.add(section);
            while (!stack.isEmpty()) {
                Object value = stack.remove(stack.size() - 1);
                String name = (String) stack.remove(stack.size() - 1);
                if (value instanceof List<?> l) {
                    for (int i = l.size() - 1; i >= 0; i--) {
                        stack.add(name);
                        stack.add(l.get(i));
                    }
                } else if (value instanceof Map<?, ?> m && isContainer(m)) {
                    List<Map.Entry<?, ?>> children = new ArrayList<>(m.entrySet());
                    for (int i = children.size() - 1; i >= 0; i--) {
                        Map.Entry<?, ?> child = children.get(i);
                        if (child.getKey() instanceof String key && !key.equals("#attributes")) {
                            stack.add(key);
                            stack.add(child.getValue());
                        }
                    }
                } else if (name != null) {
                    add(out, name, elementValue(value));
                }
            }
        }

        /** A map that is an element with child elements, not one with only text and attributes. */
        private static boolean isContainer(Map<?, ?> element) {
            if (Fields.lookup(element, "#text") != MISSING) {
                return false;
            }
            return element.size() > (element.containsKey("#attributes") ? 1 : 0);
        }

        private static void add(Map<String, Object> out, String name, Object value) {
            Object old = out.getOrDefault(name, MISSING);
            if (old == MISSING) {
                out.put(name, value);
            } else if (old instanceof Repeated r) {
                r.add(value);
            } else {
                Repeated r = new Repeated();
                r.add(old);
                r.add(value);
                out.put(name, r);
            }
        }

        /** Replaces the lists of repeated names by unmodifiable views. */
        private static Map<String, Object> freeze(Map<String, Object> out) {
            out.replaceAll((k, v) -> v instanceof Repeated r ? Collections.unmodifiableList(r) : v);
            return out;
        }

        /** The value of an element: its text, null for an empty element (attributes only), else itself. */
        private static Object elementValue(Object element) {
            if (element instanceof Map<?, ?> m) {
                Object t = Fields.lookup(m, "#text");
                if (t != MISSING) {
                    return t;
                }
                if (m.size() == (m.containsKey("#attributes") ? 1 : 0)) {
                    return null;
                }
            }
            return element;
        }

        /** Marks the lists this index builds, so that a repeated name is told apart from a list value. */
        private static final class Repeated extends ArrayList<Object> {
            private static final long serialVersionUID = 1L;
        }
    }
}
