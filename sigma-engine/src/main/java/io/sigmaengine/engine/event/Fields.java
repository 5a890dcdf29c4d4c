package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.ValueVisitor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * Field resolution and value walks over trees of maps and lists: the parsed {@link JsonObject}/{@link JsonArray}
 * (fast paths) or any caller's {@link Map}/{@link List}/{@code Object[]}. Nothing here recurses, so deep trees
 * cannot overflow the stack; trees deeper than the depth limit (only possible with caller maps, possibly cyclic)
 * are rejected.
 */
final class Fields {

    private static final Object MISSING = Event.MISSING;

    private Fields() {
    }

    /** The value of {@code key} in {@code container}, or {@link Event#MISSING} if absent or not a map. */
    static Object lookup(Object container, String key) {
        if (container instanceof JsonObject o) {
            int i = o.indexOf(key);
            return i < 0 ? MISSING : o.valueAt(i);
        }
        if (container instanceof Map<?, ?> m) {
            try {
                Object v = m.get(key);
                return v != null || m.containsKey(key) ? v : MISSING;
            } catch (ClassCastException | NullPointerException e) {
                return MISSING; // a caller map that cannot hold String keys (e.g. a TreeMap of numbers)
            }
        }
        return MISSING;
    }

    /** {@link #lookup(Object, String)} of {@code name.substring(from, to)}, without the substring for parsed JSON. */
    static Object lookup(Object container, String name, int from, int to) {
        if (container instanceof JsonObject o) {
            int i = o.indexOf(name, from, to);
            return i < 0 ? MISSING : o.valueAt(i);
        }
        return container instanceof Map ? lookup(container, name.substring(from, to)) : MISSING;
    }

    /** The {@code #text} of an XML-derived element object, else the value itself. */
    static Object text(Object value) {
        if (value instanceof Map) {
            Object t = lookup(value, "#text");
            if (t != MISSING) {
                return t;
            }
        }
        return value;
    }

    /**
     * Resolves a field name: the literal key first; then, for a dotted name, nested objects segment by segment.
     * At each level the whole remaining path is tried as a literal key first, and a segment that is absent is
     * retried joined with the next ones, so documents that mix nesting and dotted keys ({@code {"a": {"b.c":
     * {"d": 1}}}} for {@code a.b.c.d}) resolve too. When an intermediate value is a list, the rest of the path is
     * resolved in every element and the values found are returned as one flat list.
     */
    static Object resolve(Object root, String name, int maxDepth) {
        Object v = lookup(root, name);
        if (v != MISSING || name.indexOf('.') < 0) {
            return v;
        }
        Object node = root;
        int from = 0;
        next:
        while (true) {
            for (int dot = name.indexOf('.', from); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                v = lookup(node, name, from, dot);
                if (v == MISSING) {
                    continue;
                }
                from = dot + 1;
                if (v instanceof Map) {
                    node = v;
                    v = lookup(node, name, from, name.length());
                    if (v != MISSING) {
                        return v;
                    }
                    continue next;
                }
                return v instanceof List || v instanceof Object[] ? fanOut(v, name, from, maxDepth) : MISSING;
            }
            return MISSING;
        }
    }

    /** Resolves {@code name} from offset {@code from} in every element of a list, depth-first in document order. */
    private static Object fanOut(Object list, String name, int from, int maxDepth) {
        List<Object> found = new ArrayList<>();
        Stack stack = new Stack();
        stack.push(list, from, 1);
        while (stack.size > 0) {
            int top = --stack.size;
            Object node = stack.nodes[top];
            int at = stack.ints[top];
            int depth = stack.depths[top];
            stack.nodes[top] = null;
            if (depth > maxDepth) {
                throw tooDeep(maxDepth);
            }
            if (node instanceof Map) {
                Object v = lookup(node, name, at, name.length());
                if (v != MISSING) {
                    addFlat(found, v);
                    continue;
                }
                for (int dot = name.indexOf('.', at); dot >= 0; dot = name.indexOf('.', dot + 1)) {
                    v = lookup(node, name, at, dot);
                    if (v != MISSING) {
                        if (v instanceof Map || v instanceof List || v instanceof Object[]) {
                            stack.push(v, dot + 1, depth + 1);
                        }
                        break;
                    }
                }
            } else if (node instanceof List<?> l) {
                for (int i = l.size() - 1; i >= 0; i--) {
                    stack.push(l.get(i), at, depth + 1);
                }
            } else if (node instanceof Object[] a) {
                for (int i = a.length - 1; i >= 0; i--) {
                    stack.push(a[i], at, depth + 1);
                }
            }
        }
        return found.isEmpty() ? MISSING : Collections.unmodifiableList(found);
    }

    private static void addFlat(List<Object> found, Object v) {
        if (v instanceof List<?> l) {
            found.addAll(l);
        } else if (v instanceof Object[] a) {
            found.addAll(Arrays.asList(a));
        } else {
            found.add(v);
        }
    }

    /**
     * Visits every scalar leaf under {@code root} in document order; nulls are skipped, keys are not values.
     * Scalars other than text, numbers and booleans (only possible in caller maps) are visited as their string form.
     */
    static boolean visit(Object root, ValueVisitor visitor, int maxDepth) {
        if (root instanceof JsonObject o && o.isFlat()) {
            for (int i = 0, n = o.size(); i < n; i++) {
                Object v = o.valueAt(i);
                if (v != null && !visitor.visit(v)) {
                    return false;
                }
            }
            return true;
        }
        // Reuse this thread's stack (keyword searches visit every event); a re-entrant visit gets its own.
        Stack stack = SPARE_STACK.get();
        if (stack == null) {
            stack = new Stack();
        } else {
            SPARE_STACK.set(null);
        }
        try {
            return visit(root, visitor, maxDepth, stack);
        } finally {
            stack.clear();
            SPARE_STACK.set(stack);
        }
    }

    private static final ThreadLocal<Stack> SPARE_STACK = new ThreadLocal<>();

    private static boolean visit(Object root, ValueVisitor visitor, int maxDepth, Stack stack) {
        stack.push(cursor(root), 0, 1);
        while (stack.size > 0) {
            int top = stack.size - 1;
            Object container = stack.nodes[top];
            int i = stack.ints[top];
            Object next;
            if (container instanceof JsonObject o) {
                if (i == o.size()) {
                    stack.pop();
                    continue;
                }
                next = o.valueAt(i);
            } else if (container instanceof List<?> l) {
                if (i == l.size()) {
                    stack.pop();
                    continue;
                }
                next = l.get(i);
            } else if (container instanceof Object[] a) {
                if (i == a.length) {
                    stack.pop();
                    continue;
                }
                next = a[i];
            } else {
                Iterator<?> it = (Iterator<?>) container;
                if (!it.hasNext()) {
                    stack.pop();
                    continue;
                }
                next = it.next();
            }
            stack.ints[top] = i + 1;
            if (next == null) {
                continue;
            }
            if (next instanceof Map || next instanceof List || next instanceof Object[]) {
                int depth = stack.depths[top] + 1;
                if (depth > maxDepth) {
                    throw tooDeep(maxDepth);
                }
                stack.push(cursor(next), 0, depth);
            } else if (!visitor.visit(next instanceof CharSequence || next instanceof Number
                    || next instanceof Boolean ? next : String.valueOf(next))) {
                return false;
            }
        }
        return true;
    }

    /** What the visit walk iterates: indexable containers as themselves, other maps and lists by iterator. */
    private static Object cursor(Object container) {
        if (container instanceof JsonObject || container instanceof Object[]
                || (container instanceof List && container instanceof RandomAccess)) {
            return container;
        }
        if (container instanceof Map<?, ?> m) {
            return m.values().iterator();
        }
        return ((List<?>) container).iterator();
    }

    private static EventException tooDeep(int maxDepth) {
        return new EventException("event nested deeper than " + maxDepth + " levels (Limits.maxEventDepth)");
    }

    /** A growable stack of (node, int, depth) triples. */
    private static final class Stack {
        Object[] nodes = new Object[16];
        int[] ints = new int[16];
        int[] depths = new int[16];
        int size;

        void push(Object node, int value, int depth) {
            if (size == nodes.length) {
                nodes = Arrays.copyOf(nodes, size * 2);
                ints = Arrays.copyOf(ints, size * 2);
                depths = Arrays.copyOf(depths, size * 2);
            }
            nodes[size] = node;
            ints[size] = value;
            depths[size] = depth;
            size++;
        }

        void pop() {
            nodes[--size] = null;
        }

        void clear() {
            if (nodes.length > 256) {
                nodes = new Object[16];
                ints = new int[16];
                depths = new int[16];
            } else {
                Arrays.fill(nodes, 0, size, null);
            }
            size = 0;
        }
    }
}
