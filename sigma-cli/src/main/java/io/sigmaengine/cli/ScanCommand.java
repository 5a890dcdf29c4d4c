package io.sigmaengine.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.sigmaengine.api.Alert;
import io.sigmaengine.api.DetectionListener;
import io.sigmaengine.api.Detector;
import io.sigmaengine.api.DetectorOptions;
import io.sigmaengine.api.DetectorStats;
import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Evaluator;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventException;
import io.sigmaengine.api.EventReader;
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
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code sigma scan}: evaluates every event of the given files and prints one line per match, and, when the rules
 * include correlations, one line per correlation alert (events then go through a {@link Detector}).
 */
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

    @Option(names = "--timestamp-field", paramLabel = "NAME",
            description = "Event field holding the event time for correlations; repeatable, the first that holds a "
                    + "timestamp wins. Default: @timestamp, timestamp, TimeCreated_SystemTime (Windows event JSON), "
                    + "TimeCreated, UtcTime.")
    List<String> timestampFields = new ArrayList<>();

    @Option(names = "--max-lateness", paramLabel = "DURATION", defaultValue = "0s",
            description = "How far behind the newest event time an event may come and still be correlated in order "
                    + "(e.g. 30s, 5m, 2h, 500ms, or ISO-8601 PT30S). Later events are reported and counted. "
                    + "Default: ${DEFAULT-VALUE}.")
    String maxLateness;

    /** Bits of an event reference that hold its line; the file's index is above them. */
    private static final int LINE_BITS = 40;
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final List<String> skipped = new ArrayList<>();
    private long skippedCount;
    private long read;
    private long evaluated;
    private long matches;
    private long excludedListed;

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
        boolean correlate = rs.rules().stream().anyMatch(r -> r.kind() == RuleKind.CORRELATION && r.evaluated());
        Detector<Event> detector = correlate ? rs.detector(detectorOptions()) : null;
        Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
        MatchWriter writer = fmt == Format.jsonl ? new JsonMatchWriter(out) : new TextMatchWriter(out);
        DetectionListener listener = new DetectionListener() {
            @Override
            public void onMatch(Match m) {
                matches++;
                writer.write(m, file(currentRef, inputs), line(currentRef));
            }

            @Override
            public void onAlert(Alert a) {
                long ref = a.completedBy().orElse(-1);
                List<String[]> places = new ArrayList<>();
                for (long r : a.events()) {
                    places.add(new String[]{file(r, inputs), Long.toString(line(r))});
                }
                writer.write(a, ref < 0 ? null : file(ref, inputs), ref < 0 ? 0 : line(ref), places);
            }

            @Override
            public void onExcluded(long ref, Exclusion reason) {
                if (excludedListed++ < LISTED_SKIPS) {
                    err.println(file(ref, inputs) + ":" + line(ref) + ": not correlated: " + (reason == Exclusion.LATE
                            ? "its time is more than --max-lateness " + maxLateness + " behind the newest event"
                            : "no timestamp in " + detectorOptions().timestampFields() + " (see --timestamp-field)"));
                }
            }
        };
        long t1 = System.nanoTime();
        for (int fileIndex = 0; fileIndex < inputs.size(); fileIndex++) {
            String name = inputs.get(fileIndex);
            long fileBits = (long) fileIndex << LINE_BITS;
            EventReader.RecordListener sink = new EventReader.RecordListener() {
                @Override
                public void onEvent(Event event, long line) {
                    read++;
                    try {
                        if (detector != null) {
                            currentRef = fileBits | line;
                            detector.process(event, currentRef, listener);
                        } else {
                            evaluator.evaluate(event, m -> {
                                matches++;
                                writer.write(m, name, line);
                            });
                        }
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
            if (name.equals("-")) {
                EventFileReader.read("-", System.in, reader, sink);
            } else {
                EventFileReader.read(Path.of(name), reader, sink);
            }
        }
        if (detector != null) {
            detector.flush(listener);
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
        if (detector != null) {
            DetectorStats st = detector.stats();
            err.printf(Locale.ROOT, "correlations: %d alerts, %d late events (beyond --max-lateness %s), %d events "
                            + "without timestamp, %d groups evicted, %d window entries dropped%n", st.alerts(),
                    st.lateEvents(), maxLateness, st.untimedEvents(), st.evictedGroups(), st.droppedEntries());
        }
        err.printf(Locale.ROOT, "throughput: %.0f events/s (%.2f s)%n", seconds > 0 ? evaluated / seconds : 0.0,
                seconds);
        err.flush();
        return 0;
    }

    /** The reference of the event being processed (its file index and line), for the matches it produces. */
    private long currentRef;

    private DetectorOptions detectorOptions() {
        DetectorOptions o = DetectorOptions.defaults().withMaxLateness(duration(maxLateness));
        return timestampFields.isEmpty() ? o : o.withTimestampFields(timestampFields);
    }

    /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, {@code 500ms}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        Matcher m = SIMPLE_DURATION.matcher(text.trim());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.trim());
            if (!d.isNegative()) {
                return d;
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new SigmaCli.UsageException("--max-lateness " + text + ": write a duration such as 30s, 5m or PT1H");
    }

    private static String file(long ref, List<String> inputs) {
        return inputs.get((int) (ref >>> LINE_BITS));
    }

    private static long line(long ref) {
        return ref & ((1L << LINE_BITS) - 1);
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

    /** Writes one match or alert. */
    private interface MatchWriter {
        void write(Match m, String file, long line);

        /**
         * @param file   the file of the event that completed the alert, or {@code null} (end of input)
         * @param events file and line of each contributing event
         */
        void write(Alert a, String file, long line, List<String[]> events);
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

        @Override
        public void write(Alert a, String file, long line, List<String[]> events) {
            try {
                gen.writeStartObject();
                gen.writeStringField("rule_id", a.rule().id() != null ? a.rule().id() : a.rule().identity());
                gen.writeStringField("title", a.rule().title());
                gen.writeStringField("level", a.rule().level() == null ? null : a.rule().level().yamlName());
                gen.writeStringField("correlation_type", a.correlationType());
                gen.writeObjectFieldStart("group");
                for (Map.Entry<String, String> g : a.group().entrySet()) {
                    gen.writeStringField(g.getKey(), g.getValue());
                }
                gen.writeEndObject();
                gen.writeNumberField("value", a.value());
                gen.writeStringField("window_start", a.windowStart().toString());
                gen.writeStringField("window_end", a.windowEnd().toString());
                gen.writeStringField("file", file);
                if (file == null) {
                    gen.writeNullField("line");
                } else {
                    gen.writeNumberField("line", line);
                }
                gen.writeArrayFieldStart("events");
                for (String[] e : events) {
                    gen.writeStartObject();
                    gen.writeStringField("file", e[0]);
                    gen.writeNumberField("line", Long.parseLong(e[1]));
                    gen.writeEndObject();
                }
                gen.writeEndArray();
                gen.writeStringField("rule_file", a.rule().location().source());
                gen.writeNumberField("rule_line", a.rule().location().line());
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

        @Override
        public void write(Alert a, String file, long line, List<String[]> events) {
            try {
                out.write((file == null ? "(end of input)" : file + ":" + line) + ": ["
                        + (a.rule().level() == null ? "-" : a.rule().level().yamlName()) + "] " + a.rule().title()
                        + " (" + a.rule().identity() + ") " + a.correlationType() + " " + a.group() + " value="
                        + a.value() + " window " + a.windowStart() + " .. " + a.windowEnd() + "\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
