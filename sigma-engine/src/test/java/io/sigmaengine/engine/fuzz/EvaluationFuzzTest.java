package io.sigmaengine.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.EngineInternals;
import io.sigmaengine.engine.eval.RuleMatcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Random rules against random events. The point is the comparison behind the {@link RuleMatcher} interface: the
 * matcher a built rule set evaluates with ({@code RuleSetImpl.matcher()}: the compiled program) must find exactly
 * the rules the reference evaluator finds, for the event parsed
 * from JSON and for the same event given as Java maps. The public API must report the same rules and throw nothing
 * but {@link EventException}.
 */
class EvaluationFuzzTest {

    private static final String[] FIELDS = {"A", "B", "C", "n.x", "L"};
    private static final String[] MODIFIERS = {"", "|contains", "|startswith", "|endswith", "|contains|all", "|cased",
            "|contains|cased", "|re", "|re|i", "|exists", "|gt", "|lte", "|neq", "|windash|contains",
            "|base64offset|contains", "|cidr", "|fieldref", "|fieldref|contains", "|expand"};
    private static final String[] PIECES = {"a", "B", "ab", "-x", "/x", "*", "?", "\\", "\\*", "1", "10", " ", "é",
            "İ", "ß", "\u03a3", "0x1f", "%v%", "(", ")", "+", ".", "|", "[a-c]", "^", "$", "10.1.2.3", "/8", "::1"};

    @FuzzTest(maxDuration = FuzzSupport.LONG_RUN)
    void evaluate(FuzzedDataProvider data) {
        StringBuilder yaml = new StringBuilder();
        for (int r = data.consumeInt(1, 3); r > 0; r--) {
            yaml.append("title: rule ").append(r).append("\nid: 00000000-0000-4000-8000-00000000000").append(r)
                    .append("\nlogsource: {product: test}\ndetection:\n");
            int selections = data.consumeInt(1, 3);
            for (int s = 0; s < selections; s++) {
                yaml.append("  s").append(s).append(":\n");
                if (data.consumeInt(0, 5) == 0) {
                    yaml.append("    - ").append(FuzzSupport.quoted(text(data))).append('\n');
                    continue;
                }
                for (int i = data.consumeInt(1, 3); i > 0; i--) {
                    String modifier = data.pickValue(MODIFIERS);
                    yaml.append("    ").append(data.pickValue(FIELDS)).append(i).append(modifier).append(": [");
                    for (int v = data.consumeInt(1, 3); v > 0; v--) {
                        yaml.append(value(data, modifier)).append(v > 1 ? ", " : "");
                    }
                    yaml.append("]\n");
                }
            }
            yaml.append("  condition: ").append(FuzzSupport.quoted(condition(data, selections, 3))).append('\n');
            yaml.append("---\n");
        }
        RuleSet rs = Sigma.ruleSet().placeholder("v", List.of("a*", "1")).addRules("fuzz.yml", yaml.toString())
                .build();
        FuzzSupport.check(rs);
        RuleMatcher.Bound<Event> matcher = EngineInternals.matcher(rs).bind(Event.adapter());
        RuleMatcher.Bound<Event> reference = EngineInternals.reference(rs).bind(Event.adapter());
        for (int e = data.consumeInt(1, 3); e > 0; e--) {
            Map<String, Object> map = new LinkedHashMap<>();
            StringBuilder json = new StringBuilder("{");
            for (int f = data.consumeInt(0, 5); f > 0; f--) {
                String key = data.pickValue(FIELDS).replace("n.x", "n") + data.consumeInt(1, 3);
                if (map.containsKey(key)) {
                    continue;
                }
                Object v = key.startsWith("n") ? Map.of("x", scalar(data)) : data.consumeInt(0, 4) == 0
                        ? List.of(scalar(data), scalar(data)) : scalar(data);
                map.put(key, v);
                json.append(json.length() > 1 ? ", " : "").append(json(key)).append(": ").append(json(v));
            }
            Event parsed = Sigma.eventReader().parse(json.append('}').toString());
            Event fromMap = Sigma.eventReader().fromMap(map);
            List<Integer> expected = indexes(reference, parsed);
            compare(expected, indexes(matcher, parsed), "parsed JSON", yaml, json);
            compare(expected, indexes(matcher, fromMap), "Java maps", yaml, json);
            List<String> emitted = new ArrayList<>();
            for (int i : expected) {
                if (EngineInternals.emits(rs, i)) {
                    emitted.add(EngineInternals.identity(rs, i));
                }
            }
            List<String> reported = rs.evaluate(parsed).stream().map(Match::ruleIdentity).toList();
            compare(emitted, reported, "the public API", yaml, json);
        }
    }

    private static void compare(List<?> expected, List<?> actual, String what, CharSequence yaml, CharSequence json) {
        if (!expected.equals(actual)) {
            throw new AssertionError("reference " + expected + " but " + what + " gave " + actual + "\nrules:\n" + yaml
                    + "\nevent: " + json);
        }
    }

    private static List<Integer> indexes(RuleMatcher.Bound<Event> m, Event e) {
        List<Integer> out = new ArrayList<>();
        m.match(e, out::add);
        return out;
    }

    private static String text(FuzzedDataProvider data) {
        StringBuilder b = new StringBuilder();
        for (int i = data.consumeInt(0, 4); i > 0; i--) {
            b.append(data.consumeBoolean() ? data.pickValue(PIECES) : data.consumeString(3));
        }
        return b.toString();
    }

    private static String value(FuzzedDataProvider data, String modifier) {
        return switch (modifier) {
            case "|exists" -> String.valueOf(data.consumeBoolean());
            case "|gt", "|lte" -> String.valueOf(data.consumeInt(-5, 20));
            case "|fieldref", "|fieldref|contains" -> data.pickValue(FIELDS) + data.consumeInt(1, 3);
            default -> switch (data.consumeInt(0, 6)) {
                case 0 -> String.valueOf(data.consumeInt(-5, 20));
                case 1 -> String.valueOf(data.consumeBoolean());
                case 2 -> "null";
                default -> FuzzSupport.quoted(text(data));
            };
        };
    }

    private static Object scalar(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> data.consumeInt(-5, 20);
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeRegularDouble(-1e6, 1e6);
            default -> text(data);
        };
    }

    private static String condition(FuzzedDataProvider data, int selections, int depth) {
        int pick = data.consumeInt(0, depth == 0 ? 2 : 6);
        return switch (pick) {
            case 0 -> "s" + data.consumeInt(0, selections - 1);
            case 1 -> data.pickValue(new String[] {"1 of s*", "all of s*", "1 of them", "all of them", "1 of x*"});
            case 2 -> "s" + data.consumeInt(0, selections);
            case 3 -> "not " + condition(data, selections, depth - 1);
            case 4 -> "(" + condition(data, selections, depth - 1) + ")";
            default -> condition(data, selections, depth - 1) + (pick == 5 ? " and " : " or ")
                    + condition(data, selections, depth - 1);
        };
    }

    private static String json(Object v) {
        if (v instanceof String s) {
            StringBuilder b = new StringBuilder("\"");
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                b.append(c >= 0x20 && c != '"' && c != '\\' && !Character.isSurrogate(c) ? String.valueOf(c)
                        : String.format("\\u%04x", (int) c));
            }
            return b.append('"').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            m.forEach((k, x) -> b.append(b.length() > 1 ? ", " : "").append(json(k)).append(": ").append(json(x)));
            return b.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            l.forEach(x -> b.append(b.length() > 1 ? ", " : "").append(json(x)));
            return b.append(']').toString();
        }
        if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return "null";
        }
        return String.valueOf(v);
    }
}
