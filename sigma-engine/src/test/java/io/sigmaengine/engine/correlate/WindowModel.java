package io.sigmaengine.engine.correlate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongPredicate;

/**
 * A brute-force model of one correlation over an in-order event stream: every window is recomputed from scratch
 * from the list of all hits, with none of the detector's data structures. It states the semantics the detector
 * documents (sliding windows with inclusive bounds, re-fire suppression, a group starting afresh after a gap of a
 * whole timespan, window-close decisions for absence conditions when a later event passes the window's end or at
 * the end of input).
 */
final class WindowModel {

    /** One event counted by the correlation (already filtered: it has a group and, if needed, a value). */
    record Hit(int event, long time, String group, long slots, String value, double number) {
    }

    /** An alert: the event index whose processing raised it (-1: end of input) and what it says. */
    record Fired(int trigger, String group, double value, long windowStart, long windowEnd, List<Integer> events) {
    }

    enum Type { EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE }

    /**
     * @param slotCount    number of referenced rules
     * @param thresholds   the condition on the aggregate (ignored when {@code expression} is set)
     * @param expression   for temporal types: the condition over the set of slots present, else null
     * @param positive     slots named outside a {@code not} (ordered expressions need them in order)
     * @param hasNot       whether the expression has a {@code not}
     */
    record Spec(Type type, int slotCount, long timespan, LongPredicate expression, long positive, boolean hasNot,
                java.util.function.DoublePredicate thresholds, double percentile) {

        boolean windowClose() {
            if (type == Type.VALUE_AVG || type == Type.VALUE_PERCENTILE) {
                return false;
            }
            return expression != null ? hasNot : thresholds.test(0);
        }
    }

    private WindowModel() {
    }

    /**
     * @param hits       the correlation's hits in arrival order
     * @param eventTimes the time of every event of the stream, in arrival order (they move time on)
     */
    static List<Fired> run(Spec spec, List<Hit> hits, long[] eventTimes) {
        Map<String, List<Hit>> byGroup = new LinkedHashMap<>();
        for (Hit h : hits) {
            byGroup.computeIfAbsent(h.group(), k -> new ArrayList<>()).add(h);
        }
        List<Fired> out = new ArrayList<>();
        for (Map.Entry<String, List<Hit>> e : byGroup.entrySet()) {
            if (spec.windowClose()) {
                windowClose(spec, e.getKey(), e.getValue(), eventTimes, out);
            } else {
                arrival(spec, e.getKey(), e.getValue(), out);
            }
        }
        return out;
    }

    private static void arrival(Spec spec, String group, List<Hit> hits, List<Fired> out) {
        boolean fired = false;
        for (int i = 0; i < hits.size(); i++) {
            Hit h = hits.get(i);
            long from = h.time() - spec.timespan();
            if (i > 0 && hits.get(i - 1).time() < from) {
                fired = false;
            }
            List<Hit> window = new ArrayList<>();
            for (int j = 0; j <= i; j++) {
                if (hits.get(j).time() >= from) {
                    window.add(hits.get(j));
                }
            }
            double[] value = new double[1];
            boolean holds = holds(spec, window, value);
            if (!holds) {
                fired = false;
            } else if (!fired) {
                fired = true;
                out.add(new Fired(h.event(), group, value[0], from, h.time(), refs(spec, window)));
            }
        }
    }

    private static void windowClose(Spec spec, String group, List<Hit> hits, long[] eventTimes, List<Fired> out) {
        boolean fired = false;
        TreeSet<Long> starts = new TreeSet<>();
        hits.forEach(h -> starts.add(h.time()));
        Long previous = null;
        for (long a : starts) {
            if (previous != null && previous < a - spec.timespan()) {
                fired = false;
            }
            previous = a;
            long end = a + spec.timespan();
            List<Hit> window = new ArrayList<>();
            for (Hit h : hits) {
                if (h.time() >= a && h.time() <= end) {
                    window.add(h);
                }
            }
            double[] value = new double[1];
            boolean holds = holds(spec, window, value);
            if (!holds) {
                fired = false;
            } else if (!fired) {
                fired = true;
                int trigger = -1;
                for (int i = 0; i < eventTimes.length; i++) {
                    if (eventTimes[i] > end) {
                        trigger = i;
                        break;
                    }
                }
                out.add(new Fired(trigger, group, value[0], a, end, refs(spec, window)));
            }
        }
    }

    private static boolean holds(Spec spec, List<Hit> window, double[] value) {
        if (spec.expression() != null) {
            long present = 0;
            for (Hit h : window) {
                present |= h.slots();
            }
            value[0] = Long.bitCount(present);
            return spec.expression().test(present) && (spec.type() != Type.TEMPORAL_ORDERED
                    || inOrder(window, slotList(present & spec.positive())));
        }
        value[0] = aggregate(spec, window);
        return spec.thresholds().test(value[0]);
    }

    private static double aggregate(Spec spec, List<Hit> window) {
        switch (spec.type()) {
            case EVENT_COUNT:
                return window.size();
            case VALUE_COUNT:
                return window.stream().map(Hit::value).distinct().count();
            case TEMPORAL: {
                long present = 0;
                for (Hit h : window) {
                    present |= h.slots();
                }
                return Long.bitCount(present);
            }
            case TEMPORAL_ORDERED:
                return longestChain(window, spec.slotCount());
            case VALUE_SUM: {
                double s = 0;
                for (Hit h : window) {
                    s += h.number();
                }
                return s;
            }
            case VALUE_AVG: {
                double s = 0;
                for (Hit h : window) {
                    s += h.number();
                }
                return s / window.size();
            }
            default: {
                double[] v = window.stream().mapToDouble(Hit::number).sorted().toArray();
                int rank = (int) Math.ceil(spec.percentile() / 100.0 * v.length);
                return v[Math.max(1, Math.min(v.length, rank)) - 1];
            }
        }
    }

    /** The longest increasing sequence of slots that the window's events fill in order, trying every sequence. */
    private static int longestChain(List<Hit> window, int slotCount) {
        int best = 0;
        for (int subset = 1; subset < (1 << slotCount); subset++) {
            int[] slots = slotList(subset);
            if (slots.length > best && inOrder(window, slots)) {
                best = slots.length;
            }
        }
        return best;
    }

    /** Whether distinct events of the window, in order, fill the slots in the given order (greedy is exact). */
    private static boolean inOrder(List<Hit> window, int[] slots) {
        int k = 0;
        for (Hit h : window) {
            if (k < slots.length && (h.slots() & (1L << slots[k])) != 0) {
                k++;
            }
        }
        return k == slots.length;
    }

    private static int[] slotList(long mask) {
        return java.util.stream.IntStream.range(0, 64).filter(s -> (mask & (1L << s)) != 0).toArray();
    }

    /** The events an alert names: every counted event; for value_count the latest per value; temporal: per slot. */
    private static List<Integer> refs(Spec spec, List<Hit> window) {
        List<Hit> chosen = new ArrayList<>();
        if (spec.type() == Type.VALUE_COUNT) {
            Map<String, Hit> latest = new LinkedHashMap<>();
            for (Hit h : window) {
                latest.remove(h.value());
                latest.put(h.value(), h);
            }
            chosen.addAll(latest.values());
        } else if (spec.type() == Type.TEMPORAL || spec.type() == Type.TEMPORAL_ORDERED) {
            Hit[] perSlot = new Hit[spec.slotCount()];
            for (Hit h : window) {
                for (int s = 0; s < perSlot.length; s++) {
                    if ((h.slots() & (1L << s)) != 0) {
                        perSlot[s] = h;
                    }
                }
            }
            for (Hit h : perSlot) {
                if (h != null && !chosen.contains(h)) {
                    chosen.add(h);
                }
            }
        } else {
            chosen.addAll(window);
        }
        List<Hit> sorted = new ArrayList<>(chosen);
        sorted.sort(java.util.Comparator.comparingLong(Hit::time));
        List<Integer> out = new ArrayList<>();
        for (Hit h : sorted) {
            out.add(h.event());
        }
        return out;
    }
}
