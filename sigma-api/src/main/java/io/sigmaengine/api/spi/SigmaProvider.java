package io.sigmaengine.api.spi;

import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.PipelineInfo;
import io.sigmaengine.api.RuleSetBuilder;

import java.util.List;

/**
 * Implemented by the engine and registered in {@code META-INF/services}; applications use
 * {@link io.sigmaengine.api.Sigma} instead.
 */
public interface SigmaProvider {

    RuleSetBuilder newRuleSetBuilder();

    EventReader newEventReader(Limits limits);

    List<PipelineInfo> builtInPipelines();
}
