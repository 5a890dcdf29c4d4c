package io.sigmaengine.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code sigma scan} over event files full of hostile records: every bad record is reported with its file and line,
 * counted, and skipped; the good record after it is still evaluated; and the summary always satisfies
 * events read = events evaluated + events skipped.
 */
class ScanHostileInputTest {

    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Pattern SUMMARY = Pattern.compile("events: (\\d+) read, (\\d+) evaluated, (\\d+) skipped");
    private static final Pattern SKIPPED = Pattern.compile("^(.*):(\\d+): skipped: .+$", Pattern.MULTILINE);
    private static final Pattern MATCH = Pattern.compile("\"file\":\"([^\"]*)\",\"line\":(\\d+)");

    /** One record of the mixed file: its bytes (without the line break) and what the scanner must make of it. */
    private record Line(byte[] bytes, int events, int bad, boolean matches) {
        static Line good(String json, boolean matches) {
            return new Line(json.getBytes(StandardCharsets.UTF_8), 1, 0, matches);
        }

        static Line bad(String text) {
            return bad(text.getBytes(StandardCharsets.UTF_8));
        }

        static Line bad(byte[] bytes) {
            return new Line(bytes, 0, 1, false);
        }
    }

    @Test
    void everyBadRecordIsReportedCountedAndSkippedAndTheNextGoodOneIsEvaluated(@TempDir Path tmp) throws IOException {
        List<String> examples = Files.readAllLines(EXAMPLES.resolve("events/restylink-sysmon.jsonl"));
        String benign = examples.get(0);
        String attack = examples.get(1); // matches the command-line rule of the example rules
        Random random = new Random(7);
        byte[] binary = new byte[2000];
        random.nextBytes(binary);
        for (int i = 0; i < binary.length; i++) {
            if (binary[i] == '\n' || binary[i] == '{') {
                binary[i] = 0;
            }
        }
        byte[] invalidUtf8 = "{\"Image\": \"\u00ff\u00fe\"}".getBytes(StandardCharsets.ISO_8859_1);
        List<Line> lines = new ArrayList<>(List.of(
                Line.good(attack, true),
                Line.bad("{\"EventID\": 1, \"Image\": "), // cut off: the next line starts a new record
                Line.good(attack, true),
                Line.bad("not json at all"),
                new Line(new byte[0], 0, 0, false),
                Line.bad("[1, 2]"),
                Line.good(benign, false),
                Line.bad("{\"EventID\": NaN}"),
                Line.bad("{\"EventID\": 1, \"EventID\": 2}"),
                Line.bad("{\"n\": 1" + "0".repeat(1000) + "}"),
                Line.bad("{\"a\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}"),
                Line.bad(invalidUtf8),
                Line.good(attack, true),
                new Line("{\"a\": 1}{\"b\": 2}{\"c\": ".getBytes(StandardCharsets.UTF_8), 2, 1, false),
                Line.good(attack, true),
                Line.bad(binary),
                Line.bad("\"just a string\""),
                Line.bad("{\"unterminated\": \"abc"),
                Line.good(attack, true),
                Line.bad("{\"f\": \"" + "A".repeat(64 << 20) + "\"}"), // over the 64 MiB event limit
                Line.good(attack, true),
                new Line("{\"a\": 1} trailing text".getBytes(StandardCharsets.UTF_8), 1, 1, false),
                Line.good(benign, false)));
        Path mixed = tmp.resolve("mixed.jsonl");
        try (OutputStream out = Files.newOutputStream(mixed)) {
            for (Line l : lines) {
                out.write(l.bytes());
                out.write('\n');
            }
        }

        // gzip: 2,000 attack events, the stream cut off in the middle; and a file that is gzip only by its header
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            for (int i = 0; i < 2000; i++) {
                z.write((attack.replace("\"EventRecordID\": 4107", "\"EventRecordID\": " + random.nextLong()) + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        byte[] whole = gz.toByteArray();
        Path truncated = tmp.resolve("truncated.jsonl.gz");
        Files.write(truncated, Arrays.copyOf(whole, whole.length * 2 / 3));
        Path corrupt = tmp.resolve("corrupt.gz");
        byte[] garbage = new byte[500];
        random.nextBytes(garbage);
        garbage[0] = 0x1f;
        garbage[1] = (byte) 0x8b;
        Files.write(corrupt, garbage);

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SigmaCli.run(new String[] {"scan", "--rules", EXAMPLES.resolve("rules").toString(), "--events",
                mixed.toString(), "--events", truncated.toString(), "--events", corrupt.toString(), "--format",
                "jsonl"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        Matcher summary = SUMMARY.matcher(err.toString());
        assertTrue(summary.find(), err.toString());
        long read = Long.parseLong(summary.group(1));
        long evaluated = Long.parseLong(summary.group(2));
        long skipped = Long.parseLong(summary.group(3));
        assertEquals(read, evaluated + skipped, "events read = events evaluated + events skipped");

        // The mixed file, record by record.
        TreeSet<Integer> badLines = new TreeSet<>();
        TreeSet<Integer> matchLines = new TreeSet<>();
        int events = 0;
        int bad = 0;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            events += l.events();
            bad += l.bad();
            if (l.bad() > 0) {
                badLines.add(i + 1);
            }
            if (l.matches()) {
                matchLines.add(i + 1);
            }
        }
        assertEquals(badLines, reported(err.toString(), mixed), err.toString());
        assertEquals(matchLines, matches(out.toString(), mixed));

        // The truncated gzip: the events before the cut, then one error; the corrupt one: one error.
        int gzEvents = matches(out.toString(), truncated).size();
        assertTrue(gzEvents > 0 && gzEvents < 2000, gzEvents + " events before the cut");
        assertEquals(1, reported(err.toString(), truncated).size(), err.toString());
        assertEquals(1, reported(err.toString(), corrupt).size(), err.toString());
        assertTrue(err.toString().contains("compressed input truncated or corrupt"), err.toString());

        assertEquals(events + gzEvents, evaluated);
        assertEquals(bad + 2, skipped);
        assertEquals(matchLines.size() + gzEvents, out.toString().lines().count());
    }

    private static TreeSet<Integer> reported(String err, Path file) {
        TreeSet<Integer> lines = new TreeSet<>();
        Matcher m = SKIPPED.matcher(err);
        while (m.find()) {
            if (m.group(1).equals(file.toString())) {
                lines.add(Integer.parseInt(m.group(2)));
            }
        }
        return lines;
    }

    private static TreeSet<Integer> matches(String out, Path file) {
        TreeSet<Integer> lines = new TreeSet<>();
        Matcher m = MATCH.matcher(out);
        while (m.find()) {
            if (m.group(1).replace("\\\\", "\\").equals(file.toString())) {
                lines.add(Integer.parseInt(m.group(2)));
            }
        }
        return lines;
    }
}
