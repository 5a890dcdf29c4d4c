package io.sigmaengine.engine;

import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.PipelineInfo;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.spi.SigmaProvider;
import io.sigmaengine.engine.event.JsonEventReader;
import io.sigmaengine.engine.pipeline.BuiltInPipelines;

import java.util.List;

/** Registers the engine with {@link io.sigmaengine.api.Sigma} through {@code META-INF/services}. */
public final class SigmaEngineProvider implements SigmaProvider {

    @Override
    public RuleSetBuilder newRuleSetBuilder() {
        return new RuleSetBuilderImpl();
    }

    @Override
    public EventReader newEventReader(Limits limits) {
        return new JsonEventReader(limits);
    }

    @Override
    public List<PipelineInfo> builtInPipelines() {
        return BuiltInPipelines.list();
    }
}
