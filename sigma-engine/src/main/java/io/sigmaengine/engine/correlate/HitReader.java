package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.engine.model.SigmaNumber;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads from an event what each correlation counts: the group key and the value or number, through field getters
 * bound once per field name. Events matched by several referenced rules of one correlation give one hit per
 * distinct group (aliases may make the key depend on the rule).
 *
 * @param <E> the event type
 */
final class HitReader<E> {

    private final List<CorrelationNode> nodes;
    private final EventAdapter.FieldGetter<E>[][][] groupGetters;
    private final EventAdapter.FieldGetter<E>[][][] valueGetters;

    @SuppressWarnings("unchecked")
    HitReader(List<CorrelationNode> nodes, EventAdapter<E> adapter) {
        this.nodes = nodes;
        Map<String, EventAdapter.FieldGetter<E>> bound = new HashMap<>();
        groupGetters = new EventAdapter.FieldGetter[nodes.size()][][];
        valueGetters = new EventAdapter.FieldGetter[nodes.size()][][];
        for (CorrelationNode n : nodes) {
            groupGetters[n.index()] = bind(n.groupFields(), adapter, bound);
            valueGetters[n.index()] = bind(n.valueFields(), adapter, bound);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E> EventAdapter.FieldGetter<E>[][] bind(String[][] fields, EventAdapter<E> adapter,
                                                            Map<String, EventAdapter.FieldGetter<E>> bound) {
        EventAdapter.FieldGetter<E>[][] out = new EventAdapter.FieldGetter[fields.length][];
        for (int s = 0; s < fields.length; s++) {
            out[s] = new EventAdapter.FieldGetter[fields[s].length];
            for (int i = 0; i < fields[s].length; i++) {
                out[s][i] = bound.computeIfAbsent(fields[s][i], adapter::bind);
            }
        }
        return out;
    }

    /** Appends the hits of an event matched by {@code slots} of correlation {@code node}. */
    void read(int node, long slots, E event, List<Hit> out) {
        CorrelationNode n = nodes.get(node);
        int firstOfNode = out.size();
        for (long rest = slots; rest != 0; rest &= rest - 1) {
            int s = Long.numberOfTrailingZeros(rest);
            Object key = key(groupGetters[node][s], event);
            if (key == null) {
                continue;
            }
            Object value = null;
            double number = 0;
            if (n.aggregate() == CorrelationNode.Aggregate.VALUE_COUNT) {
                value = key(valueGetters[node][s], event);
                if (value == null) {
                    continue;
                }
            } else if (n.aggregate().isNumeric()) {
                number = number(valueGetters[node][s][0].get(event));
                if (Double.isNaN(number)) {
                    continue;
                }
            }
            merge(out, firstOfNode, new Hit(node, key, 1L << s, value, number));
        }
    }

    private static void merge(List<Hit> out, int from, Hit h) {
        for (int i = from; i < out.size(); i++) {
            Hit o = out.get(i);
            if (o.key().equals(h.key()) && java.util.Objects.equals(o.value(), h.value())
                    && Double.compare(o.number(), h.number()) == 0) {
                out.set(i, new Hit(h.node(), h.key(), o.slots() | h.slots(), h.value(), h.number()));
                return;
            }
        }
        out.add(h);
    }

    private static <E> Object key(EventAdapter.FieldGetter<E>[] getters, E event) {
        if (getters.length == 1) {
            return Keys.text(getters[0].get(event));
        }
        String[] parts = new String[getters.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Keys.text(getters[i].get(event));
            if (parts[i] == null) {
                return null;
            }
        }
        return Keys.of(parts);
    }

    /** A finite number from a JSON number or a decimal string; {@code NaN} if there is none. */
    static double number(Object v) {
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else if (v instanceof CharSequence cs) {
            SigmaNumber sn = SigmaNumber.parseDecimal(cs);
            d = sn == null ? Double.NaN : sn.doubleValue();
        } else {
            return Double.NaN;
        }
        return Double.isInfinite(d) ? Double.NaN : d;
    }
}
