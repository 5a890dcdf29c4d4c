package io.sigmaengine.engine.event;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Windows view of every nested sample under {@code regression-evtxjson/} returns every field of the flat
 * version of the same event under {@code regression/}, with an equal value of the same type.
 *
 * <p>Some differences come from the tools that wrote the two versions, not from the view, and are tolerated (and
 * counted); the view keeps values as the nested document has them rather than guessing them back:
 * <ul>
 *   <li>GUID values lost their braces in the nested files ({@code 5770385F-...} for {@code {5770385F-...}});</li>
 *   <li>string values lost their trailing whitespace there ({@code "cmd.exe\" "} became {@code "cmd.exe\""});</li>
 *   <li>a timestamp with 100-ns digits where the flat file has microseconds (one sample);</li>
 *   <li>one sample whose two versions were exported differently ({@link #SOURCE_DIFFERENCES}).</li>
 * </ul>
 */
class WindowsCorpusTest {

    private static final Pattern GUID = Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    /** Sample file and field whose value differs between the two exports of the same event. */
    private static final Map<String, String> SOURCE_DIFFERENCES = Map.of(
            "proc_creation_win_susp_right_to_left_override/ad691d92-15f2-4181-9aa4-723c74f9ddc3.json",
            "ParentCommandLine"); // C:\Windows\Explorer.EXE (flat) vs C:\Windows\Explorer.exe (nested)

    private final JsonEventReader reader = new JsonEventReader(Limits.defaults());

    @Test
    void everyFlatFieldIsReturnedByTheWindowsViewOfTheNestedEvent() throws IOException {
        Path nestedRoot = SharedCorpus.corpus("regression-evtxjson");
        Path flatRoot = SharedCorpus.corpus("regression");
        assumeTrue(Files.isDirectory(nestedRoot), "shared corpus not found at " + nestedRoot);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(nestedRoot)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 160, "expected the whole folder, found " + files.size());

        Map<String, Integer> tolerated = new TreeMap<>();
        List<String> mismatches = new ArrayList<>();
        int events = 0;
        int fields = 0;
        for (Path nestedFile : files) {
            String relative = nestedRoot.relativize(nestedFile).toString();
            List<Event> nested = readAll(nestedFile);
            List<Event> flat = readAll(flatRoot.resolve(relative + "l"));
            assertEquals(flat.size(), nested.size(), relative);
            for (int i = 0; i < nested.size(); i++) {
                Event windows = assertInstanceOf(WindowsEvent.class, nested.get(i), relative);
                Map<?, ?> flatFields = (Map<?, ?>) ((MapEvent) flat.get(i)).root();
                for (Map.Entry<?, ?> field : flatFields.entrySet()) {
                    String name = (String) field.getKey();
                    Object expected = field.getValue();
                    Object actual = windows.get(name);
                    fields++;
                    if (Objects.equals(expected, actual) && sameType(expected, actual)) {
                        continue;
                    }
                    String kind = toleratedDifference(expected, actual);
                    if (kind == null && SOURCE_DIFFERENCES.entrySet().stream()
                            .anyMatch(d -> relative.endsWith(d.getKey()) && d.getValue().equals(name))) {
                        kind = "different export of the sample";
                    }
                    if (kind != null) {
                        tolerated.merge(kind + " (" + name + ")", 1, Integer::sum);
                    } else {
                        mismatches.add(relative + " #" + (i + 1) + " " + name + ": expected " + describe(expected)
                                + ", got " + describe(actual));
                    }
                }
                events++;
            }
        }
        System.out.printf("Windows view vs flat corpus: %d files, %d events, %d fields compared%n",
                files.size(), events, fields);
        tolerated.forEach((kind, n) -> System.out.printf("  tolerated %-45s %4d%n", kind, n));
        assertTrue(mismatches.isEmpty(), () -> mismatches.size() + " mismatches:\n" + String.join("\n", mismatches));
        assertTrue(events >= 190, "events compared: " + events);
    }

    private List<Event> readAll(Path file) throws IOException {
        List<Event> events = new ArrayList<>();
        EventFileReader.Summary summary = EventFileReader.read(file, reader, new EventReader.RecordListener() {
            @Override
            public void onEvent(Event event, long line) {
                events.add(event);
            }

            @Override
            public void onError(long line, String reason) {
                throw new AssertionError(file + ":" + line + ": " + reason);
            }
        });
        assertEquals(summary.records(), summary.events());
        return events;
    }

    private static boolean sameType(Object a, Object b) {
        return a == null || b == null || a.getClass() == b.getClass() || (a instanceof List && b instanceof List);
    }

    private static String toleratedDifference(Object expected, Object actual) {
        if (expected instanceof String e && actual instanceof String a) {
            if (e.length() == 38 && e.startsWith("{") && e.endsWith("}") && GUID.matcher(a).matches()
                    && e.substring(1, 37).equals(a)) {
                return "GUID without braces";
            }
            if (!e.equals(a) && e.stripTrailing().equals(a)) {
                return "trailing whitespace trimmed";
            }
            if (e.endsWith("Z") && a.endsWith("Z") && a.length() > e.length()
                    && a.startsWith(e.substring(0, e.length() - 1)) && a.substring(e.length() - 1).matches("\\d+Z")) {
                return "finer timestamp";
            }
        }
        return null;
    }

    private static String describe(Object v) {
        return v == null ? "null" : v == Event.MISSING ? "MISSING" : v.getClass().getSimpleName() + " " + v;
    }
}
