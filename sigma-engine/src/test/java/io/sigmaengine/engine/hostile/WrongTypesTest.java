package io.sigmaengine.engine.hostile;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every value type at every key: a generator takes a valid detection rule, filter and correlation rule, puts each
 * of {@link #VARIANTS} in place of each value (map entries and list elements alike, at every depth) and loads the
 * result. Loading must never throw; a good rule from another source must survive; and the mutated document must
 * either load cleanly, where that type is valid there ({@link #ACCEPTED}), or be rejected with an error on the very
 * line of the mutated value.
 */
class WrongTypesTest {

    /** The values put in place, by name, as flow YAML. */
    static final Map<String, String> VARIANTS = new LinkedHashMap<>();

    static {
        VARIANTS.put("int", "42");
        VARIANTS.put("float", "4.5");
        VARIANTS.put("bool", "true");
        VARIANTS.put("null", "null");
        VARIANTS.put("string", "text");
        VARIANTS.put("empty", "''");
        VARIANTS.put("date", "2024-01-01");
        VARIANTS.put("list", "[x, 1]");
        VARIANTS.put("emptylist", "[]");
        VARIANTS.put("map", "{k: v}");
        VARIANTS.put("emptymap", "{}");
        VARIANTS.put("nested", "[[1]]");
        VARIANTS.put("control", "\"\\x01\\x7f\\u2028\"");
        VARIANTS.put("long", "x".repeat(5_000));
    }

    private static final String UUID = "00000000-0000-4000-8000-0000000000aa";

    static Map<String, Object> rule() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "t");
        m.put("id", UUID);
        m.put("name", "n");
        m.put("status", "test");
        m.put("description", "d");
        m.put("license", "MIT");
        m.put("author", "a");
        m.put("references", List.of("r"));
        m.put("date", "'2024-01-01'");
        m.put("modified", "2024-01-02");
        m.put("tags", List.of("attack.t1"));
        m.put("falsepositives", List.of("fp"));
        m.put("fields", List.of("f"));
        m.put("level", "high");
        m.put("related", List.of("{id: 00000000-0000-4000-8000-0000000000bb, type: derived}"));
        m.put("scope", List.of("s"));
        m.put("taxonomy", "sigma");
        m.put("logsource", map("category", "c", "product", "p", "service", "s", "definition", "d"));
        m.put("detection", map("sel", map("f", "v", "g|contains", List.of("a", "b")), "kw", List.of("k1", "k2"),
                "condition", "sel or kw"));
        return m;
    }

    static Map<String, Object> filter() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "f");
        m.put("id", UUID);
        m.put("logsource", map("product", "p"));
        m.put("filter", map("rules", List.of("some_rule"), "fs", map("User", "SYSTEM"), "condition", "not fs"));
        return m;
    }

    static Map<String, Object> correlation() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("title", "c");
        m.put("id", UUID);
        m.put("correlation", map("type", "event_count", "rules", List.of("base_rule"), "group-by", List.of("User"),
                "timespan", "5m", "condition", map("gte", "10"), "generate", "false"));
        return m;
    }

    /** A rule the correlation can refer to, in the same file, so that only the mutation can break it. */
    private static final String BASE_RULE = "title: base\nname: base_rule\nlogsource: {product: p}\n"
            + "detection:\n  sel: {User: x}\n  condition: sel\n";
    private static final String GOOD = "title: good\nid: 00000000-0000-4000-8000-00000000900d\n"
            + "logsource: {product: test}\ndetection:\n  sel: {Marker: good}\n  condition: sel\n";

    /**
     * Where a type other than the template's is still valid: path -> the variants that load cleanly there. Paths
     * name list elements by index. Any path/variant pair not listed must be rejected with a positioned error.
     */
    static final Map<String, String> ACCEPTED = new TreeMap<>(Map.ofEntries(
            Map.entry("author", "control empty long null string"),
            Map.entry("correlation.condition.gte", "float int"),
            Map.entry("correlation.generate", "bool"),
            Map.entry("correlation.group-by", "control empty emptylist list long null string"),
            Map.entry("correlation.group-by.0", "bool control empty float int long string"),
            Map.entry("date", "date"),
            Map.entry("description", "control empty long null string"),
            Map.entry("detection.kw", "bool control empty float int list long map nested string"),
            Map.entry("detection.kw.0", "bool control empty float int list long map nested string"),
            Map.entry("detection.kw.1", "bool control empty float int list long map nested string"),
            Map.entry("detection.sel", "bool control empty float int list long map nested string"),
            Map.entry("detection.sel.f", "bool control empty emptylist float int list long null string"),
            Map.entry("detection.sel.g|contains", "control empty long string"),
            Map.entry("detection.sel.g|contains.0", "control empty long string"),
            Map.entry("detection.sel.g|contains.1", "control empty long string"),
            Map.entry("falsepositives", "control empty emptylist list long null string"),
            Map.entry("falsepositives.0", "bool control empty float int long string"),
            Map.entry("fields", "emptylist list null"),
            Map.entry("fields.0", "bool control empty float int long string"),
            Map.entry("filter.fs", "bool control empty float int list long map nested string"),
            Map.entry("filter.fs.User", "bool control empty emptylist float int list long null string"),
            Map.entry("filter.rules", "control empty emptylist long string"),
            Map.entry("filter.rules.0", "control empty long string"),
            Map.entry("license", "control empty long null string"),
            Map.entry("logsource.category", "control empty long string"),
            Map.entry("logsource.definition", "control empty long string"),
            Map.entry("logsource.product", "control empty long string"),
            Map.entry("logsource.service", "control empty long string"),
            Map.entry("modified", "date"),
            Map.entry("name", "control long null string"),
            Map.entry("references", "emptylist list null"),
            Map.entry("references.0", "bool control empty float int long string"),
            Map.entry("related", "emptylist"),
            Map.entry("scope", "emptylist list null"),
            Map.entry("scope.0", "bool control empty float int long string"),
            Map.entry("tags", "emptylist null"),
            Map.entry("tags.0", "float"),
            Map.entry("taxonomy", "control empty long null string"),
            Map.entry("title", "control string")));

    record Outcome(boolean accepted, String problem) {
    }

    @Test
    void everyTypeAtEveryKeyLoadsOrIsAPreciseError() {
        Map<String, Set<String>> accepted = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int cases = 0;
        for (Map<String, Object> template : List.of(rule(), filter(), correlation())) {
            for (List<Object> path : paths(template, new ArrayList<>())) {
                for (Map.Entry<String, String> variant : VARIANTS.entrySet()) {
                    cases++;
                    Outcome o = load(template, path, variant.getValue());
                    String name = pathName(path);
                    if (o.problem() != null) {
                        String p = name + " = " + variant.getKey() + ": " + o.problem();
                        problems.add(p.length() > 300 ? p.substring(0, 300) + "..." : p);
                    } else if (o.accepted()) {
                        accepted.computeIfAbsent(name, k -> new TreeSet<>()).add(variant.getKey());
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
        Map<String, String> acceptedNames = new TreeMap<>();
        accepted.forEach((k, v) -> acceptedNames.put(k, String.join(" ", v)));
        assertEquals(ACCEPTED, acceptedNames, "the types each key accepts");
        assertTrue(cases > 700, cases + " cases");
    }

    private static Outcome load(Map<String, Object> template, List<Object> path, String variant) {
        int[] line = {0};
        StringBuilder yaml = new StringBuilder();
        boolean correlation = template.containsKey("correlation");
        if (correlation) {
            yaml.append(BASE_RULE).append("---\n");
        }
        write(template, path, variant, new ArrayList<>(), "", yaml, line);
        RuleSet rs;
        try {
            rs = Sigma.ruleSet().addRules("good.yml", GOOD).addRules("gen.yml", yaml.toString()).build();
        } catch (Throwable t) {
            return new Outcome(false, "threw " + t);
        }
        if (rs.rules().stream().noneMatch(r -> "good".equals(r.title()))) {
            return new Outcome(false, "the good rule was taken down");
        }
        List<Diagnostic> errors = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
        if (errors.isEmpty()) {
            return new Outcome(true, null);
        }
        int at = line[0];
        for (Diagnostic d : errors) {
            if (!d.location().source().equals("gen.yml") || d.message().isBlank() || !d.code().matches("[a-z0-9-]+")) {
                return new Outcome(false, "malformed error " + d);
            }
        }
        // References between documents are checked once all are loaded, against the referring document.
        if (errors.stream().noneMatch(d -> d.location().line() == at || d.code().equals("correlation-unknown-rule"))) {
            return new Outcome(false, "no error at line " + at + ": " + errors);
        }
        if (rs.rejectedCount() == 0) {
            return new Outcome(false, "errors but nothing rejected: " + errors);
        }
        return new Outcome(false, null);
    }

    /** Block YAML, one key per line, values in flow style; records the line of the value at {@code target}. */
    private static void write(Map<String, Object> map, List<Object> target, String variant, List<Object> at,
                              String indent, StringBuilder out, int[] line) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            List<Object> here = new ArrayList<>(at);
            here.add(e.getKey());
            out.append(indent).append(e.getKey()).append(':');
            int lineNo = out.toString().split("\n", -1).length;
            if (here.equals(target)) {
                line[0] = lineNo;
                out.append(' ').append(variant).append('\n');
            } else if (e.getValue() instanceof Map<?, ?> m) {
                out.append('\n');
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                write(child, target, variant, here, indent + "  ", out, line);
            } else if (e.getValue() instanceof List<?> l) {
                List<String> items = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    List<Object> element = new ArrayList<>(here);
                    element.add(i);
                    if (element.equals(target)) {
                        line[0] = lineNo;
                        items.add(variant);
                    } else {
                        items.add(String.valueOf(l.get(i)));
                    }
                }
                out.append(" [").append(String.join(", ", items)).append("]\n");
            } else {
                out.append(' ').append(e.getValue()).append('\n');
            }
        }
    }

    /** Every map entry and list element below {@code map}. */
    private static List<List<Object>> paths(Map<String, Object> map, List<Object> at) {
        List<List<Object>> out = new ArrayList<>();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            List<Object> here = new ArrayList<>(at);
            here.add(e.getKey());
            out.add(here);
            if (e.getValue() instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> child = (Map<String, Object>) m;
                out.addAll(paths(child, here));
            } else if (e.getValue() instanceof List<?> l) {
                for (int i = 0; i < l.size(); i++) {
                    List<Object> element = new ArrayList<>(here);
                    element.add(i);
                    out.add(element);
                }
            }
        }
        return out;
    }

    private static String pathName(List<Object> path) {
        return String.join(".", path.stream().map(String::valueOf).toList());
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
