package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.engine.model.SigmaNumber;

import java.util.ArrayList;
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
    /** Per node, per slot: the getters of the group-by fields and of the value fields. */
    private final List<List<SlotFields<E>>> fields = new ArrayList<>();

    private record SlotFields<E>(List<EventAdapter.FieldGetter<E>> group, List<EventAdapter.FieldGetter<E>> value) {
    }

    HitReader(List<CorrelationNode> nodes, EventAdapter<E> adapter) {
        this.nodes = nodes;
        Map<String, EventAdapter.FieldGetter<E>> bound = new HashMap<>();
        for (CorrelationNode n : nodes) {
            List<SlotFields<E>> slots = new ArrayList<>();
            for (int s = 0; s < n.slotCount(); s++) {
                slots.add(new SlotFields<>(bind(n.groupFields()[s], adapter, bound),
                        bind(n.valueFields()[s], adapter, bound)));
            }
            fields.add(slots);
        }
    }

    private static <E> List<EventAdapter.FieldGetter<E>> bind(String[] names, EventAdapter<E> adapter,
                                                              Map<String, EventAdapter.FieldGetter<E>> bound) {
        List<EventAdapter.FieldGetter<E>> out = new ArrayList<>(names.length);
        for (String name : names) {
            out.add(bound.computeIfAbsent(name, adapter::bind));
        }
        return out;
    }

    /** Appends the hits of an event matched by {@code slots} of correlation {@code node}. */
    void read(int node, long slots, E event, List<Hit> out) {
        CorrelationNode n = nodes.get(node);
        int firstOfNode = out.size();
        for (long rest = slots; rest != 0; rest &= rest - 1) {
            int s = Long.numberOfTrailingZeros(rest);
            SlotFields<E> f = fields.get(node).get(s);
            Object key = key(f.group(), event);
            if (key == null) {
                continue;
            }
            Object value = null;
            double number = 0;
            if (n.aggregate() == CorrelationNode.Aggregate.VALUE_COUNT) {
                value = key(f.value(), event);
                if (value == null) {
                    continue;
                }
            } else if (n.aggregate().isNumeric()) {
                number = number(f.value().get(0).get(event));
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

    private static <E> Object key(List<EventAdapter.FieldGetter<E>> getters, E event) {
        if (getters.size() == 1) {
            return Keys.text(getters.get(0).get(event));
        }
        String[] parts = new String[getters.size()];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Keys.text(getters.get(i).get(event));
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
