package io.sigmaengine.cli;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.RuleSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/** {@code sigma check}: loads and validates rules, prints every diagnostic. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Loads and validates rules; prints each error and warning with file:line:column. "
                + "Exits 1 if any rule was rejected.")
final class CheckCommand implements java.util.concurrent.Callable<Integer> {

    @CommandLine.Mixin
    RuleOptions rules;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RuleSet rs = rules.build(false);
        PrintWriter out = spec.commandLine().getOut();
        long warnings = 0;
        for (Diagnostic d : rs.diagnostics()) {
            out.println(d);
            if (!d.isError()) {
                warnings++;
            }
        }
        out.println("loaded " + rs.rules().size() + " rules, rejected " + rs.rejectedCount() + ", warnings "
                + warnings);
        return rs.rejectedCount() > 0 ? 1 : 0;
    }
}
