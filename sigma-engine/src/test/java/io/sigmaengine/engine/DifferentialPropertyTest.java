package io.sigmaengine.engine;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The compiled program must agree with the reference evaluator on every event: random rule sets (large enough to
 * be routed into buckets by EventID and Channel, with every kind of modifier, keywords, negations and selectors)
 * against random events built from the same small vocabulary, so that matches, near misses, lists, numbers,
 * missing fields and case variants are all frequent.
 */
class DifferentialPropertyTest {

    private static final String[] FIELDS = {"Image", "CommandLine", "User", "a.b", "Port", "Ip"};
    private static final String[] TOKENS = {"cmd", "CMD", "Cmd", "\\", "C:\\Windows\\", ".exe", " -enc ", " /enc ",
            "\u2013enc", "x", "ab", "AB", "12", "007", "kiwi", "::", "$", "`", "\u0130", "\u03a3", "\u03c2",
            "\uD801\uDC00", "-", "/"};
    private static final String[] CHANNELS = {"Security", "Microsoft-Windows-Sysmon/Operational", "System"};

    @Property(tries = 120)
    void compiledProgramAgreesWithReference(@ForAll("ruleSets") List<String> rules,
                                            @ForAll("events") List<Map<String, Object>> events) {
        StringBuilder yaml = new StringBuilder();
        for (String r : rules) {
            yaml.append(r).append("\n---\n");
        }
        RuleSet rs = Sigma.ruleSet().addRules("random.yml", yaml.toString()).build();
        RuleSetImpl impl = (RuleSetImpl) rs;
        RuleMatcher.Bound<Event> compiled = impl.matcher().bind(Event.adapter());
        RuleMatcher.Bound<Event> reference = ReferenceEvaluator.of(impl.evaluatedRules()).bind(Event.adapter());
        assertTrue(impl.evaluatedRules().size() > rules.size() / 2,
                "most generated rules load: " + rs.diagnostics().stream().filter(d -> d.isError()).limit(3).toList());
        for (Map<String, Object> m : events) {
            Event e = Sigma.eventReader().fromMap(m);
            List<Integer> a = new ArrayList<>();
            List<Integer> b = new ArrayList<>();
            compiled.match(e, a::add);
            reference.match(e, b::add);
            assertEquals(b, a, () -> "event " + m + "\nrules:\n" + yaml);
        }
    }

    @Provide
    Arbitrary<List<String>> ruleSets() {
        return rule().list().ofMinSize(18).ofMaxSize(40);
    }

    private Arbitrary<String> rule() {
        Arbitrary<String> selection = item().list().ofMinSize(1).ofMaxSize(3).map(items -> {
            StringBuilder sb = new StringBuilder();
            List<String> seen = new ArrayList<>();
            for (String it : items) {
                String key = it.substring(0, it.indexOf(':'));
                if (!seen.contains(key)) {
                    seen.add(key);
                    sb.append("    ").append(it).append('\n');
                }
            }
            return sb.toString();
        });
        Arbitrary<String> logsource = Arbitraries.of(
                "    EventID: 1\n", "    EventID: [12, 13, 14]\n", "    EventID: 4624\n    Channel: Security\n",
                "    Channel: Microsoft-Windows-Sysmon/Operational\n", "", "    EventID: '1'\n");
        Arbitrary<String> condition = Arbitraries.of("sel", "sel and not filter", "sel or filter",
                "1 of sel*", "all of them", "not filter", "sel and (filter or not sel2)", "sel2 and not sel",
                "1 of filter* and sel", "kw", "kw and sel", "not (sel or kw)");
        Arbitrary<String> keywords = Arbitraries.of("  kw:\n    - 'kiwi'\n    - '::'\n",
                "  kw:\n    '|all':\n      - 'cmd'\n      - '12'\n", "  kw:\n    - 'a*b'\n",
                "  kw:\n    '|re': 'c.d'\n");
        return Combinators.combine(selection, selection, selection, logsource, condition, keywords,
                Arbitraries.integers().between(0, 1_000_000))
                .as((sel, sel2, filter, ls, cond, kw, id) -> "title: rule " + id + "\n"
                        + "logsource: {product: test}\n"
                        + "detection:\n"
                        + "  route:\n    x_route_dummy|exists: false\n" + ls
                        + "  sel:\n" + sel
                        + "  sel2:\n" + sel2
                        + "  filter:\n" + filter
                        + kw
                        + "  condition: route and (" + cond + ")\n");
    }

    private Arbitrary<String> item() {
        Arbitrary<String> field = Arbitraries.of(FIELDS);
        // Wildcards go between tokens, never inside one (a token may be a surrogate pair).
        Arbitrary<String> pattern = Combinators.combine(Arbitraries.of(TOKENS).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.of("", "*", "?"), Arbitraries.integers().between(0, 3)).as((ts, w, at) -> {
                    List<String> parts = new ArrayList<>(ts);
                    parts.add(Math.min(at, parts.size()), w);
                    return String.join("", parts);
                });
        Arbitrary<String> stringItem = Combinators.combine(field,
                Arbitraries.of("", "|contains", "|startswith", "|endswith", "|contains|all", "|cased",
                        "|contains|cased", "|neq", "|windash|contains", "|endswith|windash", "|contains|neq"),
                pattern.list().ofMinSize(1).ofMaxSize(3))
                .as((f, m, vs) -> f + m + ": [" + String.join(", ", vs.stream().map(DifferentialPropertyTest::quote)
                        .toList()) + "]");
        Arbitrary<String> otherItem = Combinators.combine(field, Arbitraries.of(
                        "|re: 'c.d'", "|re: '^C:\\\\\\\\'", "|re|i: 'cmd\\.exe$'", "|re: '[Cc]md|ab'", "|re: 'a{2}b'",
                        "|exists: true", "|exists: false", ": null", ": ''", ": 12", ": [7, 12]", ": 1.5",
                        ": true", "|gt: 10", "|lte: 12", "|cidr: '10.0.0.0/8'", "|cidr: ['::1/128', '192.168.0.0/16']",
                        "|fieldref: User", "|fieldref|contains: User", "|base64offset|contains: 'cmd'",
                        "|neq: 12", "|re: '\\\\w{2}'", "|re: '(ab)+c'"))
                .as((f, rest) -> f + rest);
        return Arbitraries.frequencyOf(Tuple.of(4, stringItem), Tuple.of(2, otherItem));
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Provide
    Arbitrary<List<Map<String, Object>>> events() {
        Arbitrary<Object> text = Arbitraries.of(TOKENS).list().ofMinSize(0).ofMaxSize(4)
                .map(l -> (Object) String.join("", l));
        Arbitrary<Object> scalar = Arbitraries.frequencyOf(
                Tuple.of(6, text),
                Tuple.of(1, Arbitraries.of(7, 12, 1, 13, 4624, 10, -3).map(i -> (Object) i)),
                Tuple.of(1, Arbitraries.of("12", "012", "12.0", "10.1.2.3", "192.168.1.1", "::1", "8.8.8.8", "1")
                        .map(s -> (Object) s)),
                Tuple.of(1, Arbitraries.of(true, false).map(b -> (Object) b)));
        Arbitrary<Object> value = Arbitraries.frequencyOf(
                Tuple.of(8, scalar),
                Tuple.of(1, scalar.list().ofMaxSize(3).map(l -> (Object) l)),
                Tuple.of(1, Arbitraries.just(null)));
        Arbitrary<Map<String, Object>> event = Combinators.combine(
                Arbitraries.of(FIELDS).set().ofMaxSize(FIELDS.length).flatMap(keys -> value.list()
                        .ofSize(keys.size()).map(vals -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            List<String> ks = new ArrayList<>(keys);
                            for (int i = 0; i < ks.size(); i++) {
                                putPath(m, ks.get(i), vals.get(i));
                            }
                            return m;
                        })),
                Arbitraries.of(1, 12, 13, 4624, "1", "13", 99).injectNull(0.1),
                Arbitraries.of(CHANNELS).injectNull(0.2))
                .as((m, id, ch) -> {
                    Map<String, Object> e = new LinkedHashMap<>(m);
                    if (id != null) {
                        e.put("EventID", id);
                    }
                    if (ch != null) {
                        e.put("Channel", ch);
                    }
                    return e;
                });
        return event.list().ofMinSize(10).ofMaxSize(30);
    }

    /** Dotted field names go in nested maps half of the time, so both lookups are exercised. */
    @SuppressWarnings("unchecked")
    private static void putPath(Map<String, Object> m, String key, Object value) {
        if (key.contains(".") && (key.hashCode() + String.valueOf(value).length()) % 2 == 0) {
            String[] parts = key.split("\\.", 2);
            ((Map<String, Object>) m.computeIfAbsent(parts[0], k -> new LinkedHashMap<>())).put(parts[1], value);
        } else {
            m.put(key, value);
        }
    }
}
