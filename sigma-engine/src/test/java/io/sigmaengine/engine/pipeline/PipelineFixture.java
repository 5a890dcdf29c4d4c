package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.load.LoadedRules;
import io.sigmaengine.engine.load.RuleLoader;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaValue;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loads rules and pipelines from text, runs pipelines and renders the result compactly for assertions. */
final class PipelineFixture {

    private PipelineFixture() {
    }

    static Pipeline pipeline(String yaml) {
        return PipelineLoader.load("test-pipeline.yml", yaml, Limits.defaults()).pipeline();
    }

    static LoadedRules load(String yaml) {
        Diagnostics d = new Diagnostics();
        LoadedRules out = new LoadedRules();
        new RuleLoader(Limits.defaults(), d, out).loadText("test-rule.yml", yaml);
        assertTrue(!d.hasErrors(), () -> d.all().toString());
        return out;
    }

    static SigmaRule rule(String yaml) {
        List<SigmaRule> rules = load(yaml).rules();
        assertEquals(1, rules.size());
        return rules.get(0);
    }

    /** A detection rule of {@code logsource} with the given detection section (indented by four spaces). */
    static String rule(String logsource, String detection) {
        return "title: Test\nid: 5d0f8c5a-1b4e-4c43-9a3a-7f2f7a1d1e01\nstatus: test\nlevel: high\n"
                + "tags: [attack.execution]\nlogsource:\n" + logsource.indent(4) + "detection:\n"
                + detection.indent(4);
    }

    static SigmaRule apply(String rule, String... pipelines) throws PipelineException {
        List<Pipeline> ps = new ArrayList<>();
        for (String p : pipelines) {
            ps.add(pipeline(p));
        }
        return new PipelineRunner(ps).apply(rule(rule));
    }

    /** {@code name: node} per detection and {@code condition: text} per condition, one per line. */
    static String render(SigmaRule r) {
        StringBuilder sb = new StringBuilder();
        for (Detection d : r.detections()) {
            sb.append(d.name()).append(": ").append(render(d.body())).append('\n');
        }
        r.conditions().forEach(c -> sb.append("condition: ").append(c.text()).append('\n'));
        return sb.toString();
    }

    static String render(DetectionNode n) {
        if (n instanceof DetectionNode.Item it) {
            String vals = it.item().values().stream().map(PipelineFixture::render).collect(Collectors.joining(", "));
            return (it.item().field() == null ? "<keyword>" : it.item().field()) + "=" + (it.item().values().size()
                    == 1 ? vals : "[" + vals + "]");
        }
        boolean all = n instanceof DetectionNode.AllOf;
        List<DetectionNode> cs = all ? ((DetectionNode.AllOf) n).children() : ((DetectionNode.AnyOf) n).children();
        return cs.stream().map(PipelineFixture::render).collect(Collectors.joining(all ? " AND " : " OR ", "(", ")"));
    }

    static String render(SigmaValue v) {
        if (v instanceof SigmaValue.Str s) {
            return "'" + s.string().toRuleText() + "'";
        }
        if (v instanceof SigmaValue.Num n) {
            return n.number().toString();
        }
        if (v instanceof SigmaValue.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v == SigmaValue.Null.INSTANCE) {
            return "null";
        }
        if (v instanceof SigmaValue.FieldRef f) {
            return "fieldref(" + f.field() + ")";
        }
        if (v instanceof SigmaValue.Regex re) {
            return "/" + re.pattern() + "/";
        }
        if (v instanceof SigmaValue.Expansion e) {
            return e.alternatives().stream().map(PipelineFixture::render).collect(Collectors.joining("|", "{", "}"));
        }
        return v.toString();
    }

    /** Titles of the rules that match the event, with the given pipelines (YAML text or built-in names). */
    static List<String> matches(String rules, String eventJson, String... pipelines) {
        RuleSet rs = ruleSet(rules, pipelines);
        assertEquals(List.of(), rs.diagnostics().stream().filter(d -> d.isError()).toList());
        return rs.evaluate(Sigma.eventReader().parse(eventJson)).stream().map(Match::rule).map(r -> r.title())
                .toList();
    }

    static RuleSet ruleSet(String rules, String... pipelines) {
        var b = Sigma.ruleSet().addRules("test-rules.yml", rules);
        int i = 0;
        for (String p : pipelines) {
            if (p.contains("\n")) {
                b.addPipelineYaml("pipeline-" + (++i) + ".yml", p);
            } else {
                b.addPipeline(p);
            }
        }
        return b.build();
    }
}
