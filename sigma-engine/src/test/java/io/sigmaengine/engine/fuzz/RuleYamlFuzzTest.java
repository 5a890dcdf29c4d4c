package io.sigmaengine.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.yaml.YamlReader;

import java.nio.charset.StandardCharsets;

/** Rule files are semi-trusted: any bytes load into diagnostics, never an exception, and the other rules survive. */
class RuleYamlFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.LONG_RUN)
    void ruleYaml(byte[] data) {
        YamlReader.read("fuzz.yml", data, Limits.defaults());
        RuleSet rs = Sigma.ruleSet()
                .addRules("fuzz.yml", new String(data, StandardCharsets.UTF_8))
                .addRules("good.yml", FuzzSupport.GOOD_RULE)
                .build();
        FuzzSupport.check(rs);
        if (rs.rules().stream().noneMatch(r -> "good".equals(r.title()))) {
            throw new AssertionError("a fuzzed file took the good rule down: " + rs.diagnostics());
        }
    }
}
