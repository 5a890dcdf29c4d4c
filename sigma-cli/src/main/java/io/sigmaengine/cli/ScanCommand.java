package io.sigmaengine.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.Match;
import io.sigmaengine.api.RuleKind;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code sigma scan}: evaluates every event of the given files and prints one line per match. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = "Evaluates rules against events (JSON Lines or concatenated JSON objects, optionally gzip; "
                + "'-' reads standard input). Matches go to standard output, the summary to standard error.")
final class ScanCommand implements java.util.concurrent.Callable<Integer> {

    /** Output formats. */
    enum Format { jsonl, text }

    /** How many skipped lines the summary lists by number before abbreviating. */
    private static final int LISTED_SKIPS = 20;

    @CommandLine.Mixin
    RuleOptions rules;

    @Option(names = "--events", required = true, paramLabel = "FILE",
            description = "Event file, directory (every *.json, *.jsonl, *.ndjson, *.log and *.gz file below it, in "
                    + "sorted order) or '-' for standard input. Repeatable.")
    List<String> events = new ArrayList<>();

    @Option(names = "--format", paramLabel = "jsonl|text",
            description = "Output format; default jsonl when standard output is not a terminal, else text.")
    Format format;

    @Option(names = "--no-explain", description = "Leave out the selections and field values that matched.")
    boolean noExplain;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;
    private long read;
    private long evaluated;
    private long matches;

    @Override
    public Integer call() throws IOException {
        List<String> inputs = new ArrayList<>();
        for (String e : events) {
            if (e.equals("-") || Files.isRegularFile(Path.of(e))) {
                inputs.add(e);
            } else if (Files.isDirectory(Path.of(e))) {
                try (var files = Files.walk(Path.of(e))) {
                    files.filter(Files::isRegularFile).map(Path::toString).filter(ScanCommand::isEventFile).sorted()
                            .forEach(inputs::add);
                }
            } else {
                throw new SigmaCli.UsageException("--events " + e + ": no such file or directory");
            }
        }
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        RuleSet rs = rules.build(!noExplain);
        long loadNanos = System.nanoTime() - t0;
        long warnings = 0;
        for (Diagnostic d : rs.diagnostics()) {
            if (d.isError()) {
                err.println(d);
            } else {
                warnings++;
            }
        }
        Format fmt = format != null ? format : System.console() == null ? Format.jsonl : Format.text;
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        Evaluator<Event> evaluator = rs.evaluator();
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        MatchWriter writer = fmt == Format.jsonl ? new JsonMatchWriter(out) : new TextMatchWriter(out);
        long t1 = System.nanoTime();
        for (String e : inputs) {
            String name = e;
            EventFileReader.EventSink sink = new EventFileReader.EventSink() {
                @Override
                public void onEvent(Event event, long line) {
                    read++;
                    try {
                        evaluator.evaluate(event, m -> {
                            matches++;
                            writer.write(m, name, line);
                        });
                        evaluated++;
                    } catch (EventException ex) {
                        skip(name, line, ex.getMessage());
                    }
                }

                @Override
                public void onError(long line, String reason) {
                    read++;
                    skip(name, line, reason);
                }
            };
            if (e.equals("-")) {
                EventFileReader.read("-", System.in, reader, sink);
            } else {
                EventFileReader.read(Path.of(e), reader, sink);
            }
        }
        out.flush();
        double seconds = (System.nanoTime() - t1) / 1e9;
        long detections = rs.rules().stream().filter(r -> r.kind() == RuleKind.DETECTION).count();
        err.printf(Locale.ROOT, "rules: %d loaded (%d detection, %d evaluated), %d rejected, %d warnings, "
                        + "pipelines %s, %.2f s%n", rs.rules().size(), detections,
                rs.rules().stream().filter(r -> r.kind() == RuleKind.DETECTION && r.evaluated()).count(),
                rs.rejectedCount(), warnings, rules.effectivePipelines(), loadNanos / 1e9);
        err.printf(Locale.ROOT, "events: %d read, %d evaluated, %d skipped as unparseable%s%n", read, evaluated,
                skippedCount, skippedCount == 0 ? "" : " (" + String.join(", ", skipped)
                        + (skippedCount > skipped.size() ? ", ..." : "") + ")");
        err.printf(Locale.ROOT, "matches: %d%n", matches);
        err.printf(Locale.ROOT, "throughput: %.0f events/s (%.2f s)%n", seconds > 0 ? evaluated / seconds : 0.0,
                seconds);
        err.flush();
        return 0;
    }

    /** Files a directory given to --events contributes (explicitly named files are always read). */
    static boolean isEventFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonl") || n.endsWith(".ndjson") || n.endsWith(".log")
                || n.endsWith(".gz");
    }

    private void skip(String file, long line, String reason) {
        skippedCount++;
        if (skipped.size() < LISTED_SKIPS) {
            skipped.add(file + ":" + line);
        }
        spec.commandLine().getErr().println(file + ":" + line + ": skipped: " + reason);
    }

    /** Writes one match. */
    private interface MatchWriter {
        void write(Match m, String file, long line);
    }

    /** One JSON object per match. */
    private static final class JsonMatchWriter implements MatchWriter {
        private final Writer out;
        private final JsonGenerator gen;

        JsonMatchWriter(Writer out) throws IOException {
            this.out = out;
            this.gen = new JsonFactory().createGenerator(out);
            gen.setRootValueSeparator(null);
        }

        @Override
        public void write(Match m, String file, long line) {
            try {
                gen.writeStartObject();
                gen.writeStringField("rule_id", m.rule().id() != null ? m.rule().id() : m.rule().identity());
                gen.writeStringField("title", m.rule().title());
                gen.writeStringField("level", m.rule().level() == null ? null : m.rule().level().yamlName());
                gen.writeArrayFieldStart("tags");
                for (String t : m.rule().tags()) {
                    gen.writeString(t);
                }
                gen.writeEndArray();
                gen.writeStringField("file", file);
                gen.writeNumberField("line", line);
                gen.writeStringField("rule_file", m.rule().location().source());
                gen.writeNumberField("rule_line", m.rule().location().line());
                if (!m.selections().isEmpty()) {
                    gen.writeArrayFieldStart("selections");
                    for (String s : m.selections()) {
                        gen.writeString(s);
                    }
                    gen.writeEndArray();
                    gen.writeArrayFieldStart("evidence");
                    for (Match.Evidence e : m.evidence()) {
                        gen.writeStartObject();
                        gen.writeStringField("selection", e.selection());
                        gen.writeStringField("field", e.field());
                        gen.writeStringField("value", e.value());
                        gen.writeStringField("matcher", e.matcher());
                        gen.writeEndObject();
                    }
                    gen.writeEndArray();
                }
                gen.writeEndObject();
                gen.flush();
                out.write('\n');
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    /** One human-readable line per match. */
    private static final class TextMatchWriter implements MatchWriter {
        private final Writer out;

        TextMatchWriter(Writer out) {
            this.out = out;
        }

        @Override
        public void write(Match m, String file, long line) {
            try {
                out.write(file + ":" + line + ": [" + (m.rule().level() == null ? "-" : m.rule().level().yamlName())
                        + "] " + m.rule().title() + " (" + m.rule().identity() + ")"
                        + (m.selections().isEmpty() ? "" : " " + m.selections()) + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
