package io.sigmaengine.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.condition.ConditionParser;
import io.sigmaengine.engine.condition.ConditionSyntaxException;
import io.sigmaengine.engine.condition.ParsedCondition;
import io.sigmaengine.engine.resolve.ConditionResolver;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Any condition text parses or fails with {@link ConditionSyntaxException}; a parsed one resolves and runs. */
class ConditionFuzzTest {

    private static final List<String> NAMES = Arrays.asList("sel", "sel1", "selection_2", "filter", "_hidden", "a-b",
            null);

    @FuzzTest(maxDuration = FuzzSupport.LONG_RUN)
    void condition(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        Limits limits = Limits.defaults();
        try {
            ParsedCondition pc = ConditionParser.parse(text, limits);
            ConditionResolver.resolve(pc.expr(), NAMES, 0, removed -> {
            });
        } catch (ConditionSyntaxException expected) {
            // documented rejection
        }
        try {
            ConditionParser.parseCorrelationCondition(text, limits);
        } catch (ConditionSyntaxException expected) {
            // documented rejection
        }
        FuzzSupport.check(Sigma.ruleSet().addRules("fuzz.yml", "title: t\nlogsource: {product: windows}\n"
                + "detection:\n  sel: {Image|endswith: cmd.exe}\n  sel1: [whoami]\n  selection_2: {EventID: 1}\n"
                + "  filter: {f: null}\n  _hidden: {CommandLine|re: 'a+b'}\n  a-b: {a.b|contains: two}\n"
                + "  condition: " + FuzzSupport.quoted(text) + "\n").build());
    }
}
