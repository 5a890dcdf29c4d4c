package io.sigmaengine.cli;

import io.sigmaengine.api.PipelineInfo;
import io.sigmaengine.api.Sigma;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code sigma pipelines}: lists the built-in processing pipelines. */
@Command(name = "pipelines", mixinStandardHelpOptions = true, description = "Lists the built-in pipelines.")
final class PipelinesCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (PipelineInfo p : Sigma.builtInPipelines()) {
            spec.commandLine().getOut().printf("%-16s priority %-3d %s%n", p.name(), p.priority(), p.description());
        }
        return 0;
    }
}
