package io.sigmaengine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code bin/sigma}: scan event files with Sigma rules, validate rule sets, list built-in pipelines. Argument
 * parsing and output formats only; all logic lives in the engine.
 */
@Command(name = "sigma", mixinStandardHelpOptions = true, versionProvider = SigmaCli.Version.class,
        description = "Evaluates Sigma rules against JSON events.",
        subcommands = {ScanCommand.class, CheckCommand.class, PipelinesCommand.class,
                CommandLine.HelpCommand.class})
public final class SigmaCli implements Runnable {

    /** Exit code for wrong usage (picocli's default for parameter errors). */
    static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: use scan, check or pipelines");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int code = run(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the CLI with the given output streams and returns the exit code (for tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new SigmaCli());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException || ex instanceof io.sigmaengine.api.ConfigurationException) {
                commandLine.getErr().println("sigma: " + ex.getMessage());
                return EXIT_USAGE;
            }
            commandLine.getErr().println("sigma: " + ex);
            return 3;
        });
        return cl.execute(args);
    }

    /** A usage problem found after parsing (e.g. a file that does not exist). */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = SigmaCli.class.getPackage().getImplementationVersion();
            return new String[]{"sigma " + (v == null ? "(development build)" : v)};
        }
    }
}
