package io.sigmaengine.engine.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.pipeline.PipelineLoader;

import java.nio.charset.StandardCharsets;

/** Any pipeline YAML loads or fails with {@link ConfigurationException}; a loaded one runs over a rule. */
class PipelineFuzzTest {

    @FuzzTest(maxDuration = FuzzSupport.LONG_RUN)
    void pipeline(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        try {
            PipelineLoader.load("fuzz-pipeline.yml", yaml, Limits.defaults());
        } catch (ConfigurationException expected) {
            return;
        }
        FuzzSupport.check(Sigma.ruleSet().addPipelineYaml("fuzz-pipeline.yml", yaml).addPipeline("sysmon")
                .addRules("good.yml", FuzzSupport.GOOD_RULE).build());
    }
}
