package io.sigmaengine.engine.correlate;

import io.sigmaengine.api.Alert;
import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.DoublePredicate;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random correlation rules of every type over small random event streams: the detector must raise exactly the
 * alerts of {@link WindowModel}, which recomputes every window from scratch; and any arrival order within the
 * lateness bound must give the alerts of the ordered stream.
 */
class CorrelationProperties {

    private static final Instant BASE = Instant.parse("2026-03-01T10:00:00Z");
    private static final String[] RULES = {"rule_a", "rule_b", "rule_c", "rule_ab"};
    private static final String BASE_RULES = """
            title: rule a
            name: rule_a
            logsource: {product: test}
            detection:
              sel:
                Action: a
              condition: sel
            ---
            title: rule b
            name: rule_b
            logsource: {product: test}
            detection:
              sel:
                Action: b
              condition: sel
            ---
            title: rule c
            name: rule_c
            logsource: {product: test}
            detection:
              sel:
                Action: c
              condition: sel
            ---
            title: rule a or b
            name: rule_ab
            logsource: {product: test}
            detection:
              sel:
                Action:
                  - a
                  - b
              condition: sel
            """;

    /** A generated case: the correlation's YAML, its meaning for the model, and the events. */
    record Scenario(String yaml, WindowModel.Spec spec, List<String> refs, boolean grouped,
                    List<Map<String, Object>> events) {
        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(yaml).append("events:\n");
            for (int i = 0; i < events.size(); i++) {
                sb.append("  ").append(i).append(' ').append(events.get(i)).append('\n');
            }
            return sb.toString();
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        return Arbitraries.randomValue(CorrelationProperties::scenario);
    }

    @Property(tries = 600)
    void detectorRaisesTheAlertsOfTheBruteForceModel(@ForAll("scenarios") Scenario s) {
        RuleSet rs = load(s);
        Detector<Event> d = rs.detector(DetectorOptions.defaults().withTimestampFields(List.of("ts")));
        EventReader reader = Sigma.eventReader();
        List<String> actual = new ArrayList<>();
        int[] current = {0};
        DetectionListener l = DetectionListener.of(m -> { }, a -> actual.add(describe(current[0], a)));
        for (int i = 0; i < s.events().size(); i++) {
            current[0] = i;
            d.process(reader.fromMap(s.events().get(i)), i, l);
        }
        current[0] = -1;
        d.flush(l);

        List<String> expected = new ArrayList<>();
        for (WindowModel.Fired f : WindowModel.run(s.spec(), hits(s), times(s))) {
            expected.add(f.trigger() + " group=" + f.group() + " value=" + f.value() + " window=" + f.windowStart()
                    + ".." + f.windowEnd() + " events=" + f.events());
        }
        Collections.sort(actual);
        Collections.sort(expected);
        Statistics.label("type").collect(s.spec().type());
        Statistics.label("decided").collect(s.spec().windowClose() ? "when a window closes" : "on arrival");
        Statistics.label("alerts").collect(expected.isEmpty() ? "none" : expected.size() == 1 ? "one" : "several");
        assertEquals(expected, actual, s.toString());
    }

    @Property(tries = 300)
    void anyArrivalOrderWithinTheLatenessBoundGivesTheOrderedAlerts(@ForAll("scenarios") Scenario s,
                                                                   @ForAll @IntRange(min = 1, max = 8) int lateness,
                                                                   @ForAll long seed) {
        RuleSet rs = load(s);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < s.events().size(); i++) {
            order.add(i);
        }
        List<String> inOrder = alerts(rs, s, order, Duration.ZERO);
        // Jitter by event time, so events with equal times keep their relative order (ties go by arrival).
        Random r = new Random(seed);
        Map<Long, Long> jitter = new LinkedHashMap<>();
        long[] t = times(s);
        order.sort(java.util.Comparator.comparingLong(i -> t[i] + jitter.computeIfAbsent(t[i],
                k -> (long) r.nextInt(lateness * 1000 + 1))));
        List<String> shuffled = alerts(rs, s, order, Duration.ofSeconds(lateness));
        assertEquals(inOrder, shuffled, "arrival order " + order + "\n" + s);
    }

    private static List<String> alerts(RuleSet rs, Scenario s, List<Integer> order, Duration lateness) {
        Detector<Event> d = rs.detector(DetectorOptions.defaults().withTimestampFields(List.of("ts"))
                .withMaxLateness(lateness));
        EventReader reader = Sigma.eventReader();
        List<String> out = new ArrayList<>();
        DetectionListener l = new DetectionListener() {
            @Override
            public void onMatch(io.sigmaengine.api.Match match) {
            }

            @Override
            public void onAlert(Alert a) {
                out.add(describe(0, a));
            }

            @Override
            public void onExcluded(long eventRef, Exclusion reason) {
                throw new AssertionError("event " + eventRef + " excluded: " + reason);
            }
        };
        for (int i : order) {
            d.process(reader.fromMap(s.events().get(i)), i, l);
        }
        d.flush(l);
        assertTrue(d.stats().lateEvents() == 0 && d.stats().bufferedEvents() == 0, d.stats().toString());
        Collections.sort(out);
        return out;
    }

    private static RuleSet load(Scenario s) {
        RuleSet rs = Sigma.ruleSet().addRules("scenario.yml", s.yaml() + "---\n" + BASE_RULES).build();
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        assertTrue(errors.isEmpty(), errors + "\n" + s);
        return rs;
    }

    private static String describe(int trigger, Alert a) {
        return trigger + " group=" + a.group().getOrDefault("User", "") + " value=" + a.value() + " window="
                + a.windowStart().toEpochMilli() + ".." + a.windowEnd().toEpochMilli() + " events=" + a.events();
    }

    // ---------------------------------------------------------------- the model's view of the events

    private static long[] times(Scenario s) {
        return s.events().stream().mapToLong(e -> Instant.parse((String) e.get("ts")).toEpochMilli()).toArray();
    }

    private static List<WindowModel.Hit> hits(Scenario s) {
        List<WindowModel.Hit> out = new ArrayList<>();
        long[] t = times(s);
        for (int i = 0; i < s.events().size(); i++) {
            Map<String, Object> e = s.events().get(i);
            long slots = 0;
            for (int k = 0; k < s.refs().size(); k++) {
                if (matches(s.refs().get(k), (String) e.get("Action"))) {
                    slots |= 1L << k;
                }
            }
            Object user = e.get("User");
            if (slots == 0 || (s.grouped() && user == null)) {
                continue;
            }
            Object v = e.get("Value");
            String text = v == null ? null : v.toString();
            double number = v instanceof Integer n ? n : v instanceof String str && str.matches("\\d+")
                    ? Double.parseDouble(str) : Double.NaN;
            WindowModel.Type type = s.spec().type();
            if ((type == WindowModel.Type.VALUE_COUNT && text == null) || (isNumeric(type) && Double.isNaN(number))) {
                continue;
            }
            out.add(new WindowModel.Hit(i, t[i], s.grouped() ? (String) user : "", slots, text, number));
        }
        return out;
    }

    private static boolean isNumeric(WindowModel.Type t) {
        return t == WindowModel.Type.VALUE_SUM || t == WindowModel.Type.VALUE_AVG
                || t == WindowModel.Type.VALUE_PERCENTILE;
    }

    private static boolean matches(String rule, String action) {
        return switch (rule) {
            case "rule_a" -> action.equals("a");
            case "rule_b" -> action.equals("b");
            case "rule_c" -> action.equals("c");
            default -> action.equals("a") || action.equals("b");
        };
    }

    // ---------------------------------------------------------------- generation

    private static Scenario scenario(Random r) {
        String[] types = {"event_count", "value_count", "temporal", "temporal_ordered", "value_sum", "value_avg",
                "value_percentile", "value_median"};
        String typeName = types[r.nextInt(types.length)];
        WindowModel.Type type = switch (typeName) {
            case "event_count" -> WindowModel.Type.EVENT_COUNT;
            case "value_count" -> WindowModel.Type.VALUE_COUNT;
            case "temporal" -> WindowModel.Type.TEMPORAL;
            case "temporal_ordered" -> WindowModel.Type.TEMPORAL_ORDERED;
            case "value_sum" -> WindowModel.Type.VALUE_SUM;
            case "value_avg" -> WindowModel.Type.VALUE_AVG;
            default -> WindowModel.Type.VALUE_PERCENTILE;
        };
        boolean temporal = type == WindowModel.Type.TEMPORAL || type == WindowModel.Type.TEMPORAL_ORDERED;
        List<String> pool = new ArrayList<>(List.of(RULES));
        Collections.shuffle(pool, r);
        List<String> refs = pool.subList(0, 1 + r.nextInt(temporal ? 3 : 2));
        boolean grouped = r.nextInt(8) != 0;
        long timespanSeconds = 1 + r.nextInt(20);

        StringBuilder y = new StringBuilder("title: corr\nname: corr\ncorrelation:\n  type: ").append(typeName)
                .append("\n  rules:\n");
        refs.forEach(ref -> y.append("    - ").append(ref).append('\n'));
        if (grouped) {
            y.append("  group-by:\n    - User\n");
        }
        y.append("  timespan: ").append(timespanSeconds).append("s\n");

        LongPredicate expression = null;
        long[] positive = {0};
        boolean[] hasNot = {false};
        DoublePredicate thresholds = v -> true;
        double percentile = 50;
        int mode = temporal ? r.nextInt(3) : 1;
        if (mode == 0) {
            int n = refs.size();
            thresholds = v -> v >= n;
        } else if (mode == 2) {
            List<Integer> leaves = new ArrayList<>();
            for (int k = 0; k < refs.size(); k++) {
                leaves.add(k);
            }
            Collections.shuffle(leaves, r);
            StringBuilder text = new StringBuilder();
            expression = expression(r, refs, leaves, text, positive, hasNot, false);
            y.append("  condition: '").append(text).append("'\n");
        } else {
            y.append("  condition:\n");
            if (type == WindowModel.Type.VALUE_COUNT || isNumeric(type)) {
                y.append("    field: Value\n");
            }
            if (typeName.equals("value_percentile")) {
                percentile = new double[]{0, 10, 25, 50, 75, 90, 100}[r.nextInt(7)];
                y.append("    percentile: ").append((int) percentile).append('\n');
            }
            String[] ops = {"gt", "gte", "lt", "lte", "eq", "neq"};
            int count = 1 + (r.nextInt(4) == 0 ? 1 : 0);
            List<String> used = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String op = ops[r.nextInt(ops.length)];
                if (used.contains(op)) {
                    continue;
                }
                used.add(op);
                double bound = isNumeric(type) ? r.nextInt(25) : r.nextInt(5);
                y.append("    ").append(op).append(": ").append((int) bound).append('\n');
                DoublePredicate one = switch (op) {
                    case "gt" -> v -> v > bound;
                    case "gte" -> v -> v >= bound;
                    case "lt" -> v -> v < bound;
                    case "lte" -> v -> v <= bound;
                    case "eq" -> v -> v == bound;
                    default -> v -> v != bound;
                };
                thresholds = thresholds.and(one);
            }
        }
        WindowModel.Spec spec = new WindowModel.Spec(type, refs.size(), timespanSeconds * 1000, expression,
                positive[0], hasNot[0], thresholds, percentile);

        List<Map<String, Object>> events = new ArrayList<>();
        long t = 0;
        int n = 1 + r.nextInt(35);
        long[] steps = {0, 0, 500, 1000, 1000, 2000, 3000, 5000, 8000};
        for (int i = 0; i < n; i++) {
            t += steps[r.nextInt(steps.length)];
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("ts", BASE.plusMillis(t).toString());
            e.put("Action", new String[]{"a", "b", "c", "x"}[r.nextInt(4)]);
            if (r.nextInt(10) != 0) {
                e.put("User", r.nextBoolean() ? "u1" : "u2");
            }
            int v = r.nextInt(20);
            if (v < 12) {
                e.put("Value", r.nextInt(10));
            } else if (v < 15) {
                e.put("Value", Integer.toString(r.nextInt(10)));
            } else if (v < 17) {
                e.put("Value", "zz");
            }
            events.add(e);
        }
        return new Scenario(y.toString(), spec, List.copyOf(refs), grouped, events);
    }

    /** A random boolean expression naming each slot in {@code leaves} once; writes its text (parenthesised). */
    private static LongPredicate expression(Random r, List<String> refs, List<Integer> leaves, StringBuilder text,
                                            long[] positive, boolean[] hasNot, boolean negated) {
        if (leaves.size() == 1) {
            int slot = leaves.get(0);
            boolean not = r.nextInt(3) == 0;
            hasNot[0] |= not;
            if (not == negated) {
                positive[0] |= 1L << slot;
            }
            text.append(not ? "not " : "").append(refs.get(slot));
            long bit = 1L << slot;
            return not ? p -> (p & bit) == 0 : p -> (p & bit) != 0;
        }
        int split = 1 + r.nextInt(leaves.size() - 1);
        boolean and = r.nextBoolean();
        text.append('(');
        LongPredicate left = expression(r, refs, leaves.subList(0, split), text, positive, hasNot, negated);
        text.append(and ? " and " : " or ");
        LongPredicate right = expression(r, refs, leaves.subList(split, leaves.size()), text, positive, hasNot,
                negated);
        text.append(')');
        return and ? left.and(right) : left.or(right);
    }
}
