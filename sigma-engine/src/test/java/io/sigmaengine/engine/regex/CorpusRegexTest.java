package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventReader;
import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.SharedData;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.load.LoadedRules;
import io.sigmaengine.engine.load.RuleLoader;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.RegexSupport;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every regex of the SigmaHQ rules (read with the project's own loader) compiles here, and agrees with RE2/J on
 * the string values of the corpus events: all values of the field it is written for, plus a sample of all values.
 */
class CorpusRegexTest {

    private static final int SAMPLE = 3000;

    /** A regex as a rule uses it: its field ({@code ""} for keywords) and the RE2/J pattern the engine builds. */
    private record RuleRegex(String field, Pattern pattern) {
    }

    private static List<RuleRegex> regexes;
    private static int rejectedByEngine;

    @BeforeAll
    static void loadRules() throws IOException {
        Set<String> seen = new TreeSet<>();
        List<RuleRegex> out = new ArrayList<>();
        int rejected = 0;
        try (Stream<Path> s = Files.list(SharedData.corpus().resolve("sigmahq"))) {
            for (Path dir : s.filter(p -> p.getFileName().toString().startsWith("rules")).sorted().toList()) {
                LoadedRules loaded = new LoadedRules();
                RuleLoader loader = new RuleLoader(Limits.defaults(), new Diagnostics(), loaded);
                for (Path f : RuleLoader.ruleFiles(dir)) {
                    loader.loadFile(f);
                }
                for (SigmaRule r : loaded.rules()) {
                    for (Detection d : r.detections()) {
                        for (Map.Entry<String, SigmaValue.Regex> e : regexesIn(d.body())) {
                            SigmaValue.Regex re = e.getValue();
                            if (!seen.add(e.getKey() + "\0" + re.pattern() + "\0" + re.flags())) {
                                continue;
                            }
                            try {
                                out.add(new RuleRegex(e.getKey(), RegexSupport.compile(re.pattern(), re.flags(),
                                        Limits.defaults().maxRegexLength())));
                            } catch (ModelException ex) {
                                rejected++;
                            }
                        }
                    }
                }
            }
        }
        regexes = out;
        rejectedByEngine = rejected;
    }

    private static List<Map.Entry<String, SigmaValue.Regex>> regexesIn(DetectionNode node) {
        List<Map.Entry<String, SigmaValue.Regex>> out = new ArrayList<>();
        if (node instanceof DetectionNode.Item item) {
            for (SigmaValue v : item.item().values()) {
                collect(item.item().field() == null ? "" : item.item().field(), v, out);
            }
        } else if (node instanceof DetectionNode.AllOf a) {
            a.children().forEach(c -> out.addAll(regexesIn(c)));
        } else if (node instanceof DetectionNode.AnyOf a) {
            a.children().forEach(c -> out.addAll(regexesIn(c)));
        }
        return out;
    }

    private static void collect(String field, SigmaValue v, List<Map.Entry<String, SigmaValue.Regex>> out) {
        if (v instanceof SigmaValue.Regex r) {
            out.add(Map.entry(field, r));
        } else if (v instanceof SigmaValue.Expansion x) {
            x.alternatives().forEach(a -> collect(field, a, out));
        }
    }

    @Test
    void everyCorpusRegexIsSupported() {
        // 217 regex values in the snapshot; a plain YAML scan finds the same 184 distinct (field, regex, flags).
        assertEquals(184, regexes.size(), "distinct rule regexes");
        assertEquals(0, rejectedByEngine, "regexes the engine rejects");
        List<String> unsupported = new ArrayList<>();
        for (RuleRegex r : regexes) {
            try {
                LinearRegex.compile(r.pattern().pattern(), r.pattern().flags());
            } catch (UnsupportedRegexException e) {
                unsupported.add(r.pattern().pattern() + ": " + e.getMessage());
            }
        }
        assertEquals(List.of(), unsupported);
    }

    @Test
    void agreesWithRe2jOnCorpusEventValues() throws IOException, UnsupportedRegexException {
        Set<String> fields = new TreeSet<>();
        regexes.forEach(r -> fields.add(r.field()));
        Map<String, Set<String>> byField = new HashMap<>();
        Set<String> all = new LinkedHashSet<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(SharedData.corpus().resolve("events"))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        for (Path f : files) {
            EventFileReader.read(f, reader, new EventReader.RecordListener() {
                @Override
                public void onEvent(Event event, long line) {
                    for (String field : fields) {
                        addStrings(event.get(field), byField.computeIfAbsent(field, k -> new LinkedHashSet<>()));
                    }
                    event.visitValues(v -> {
                        if (v instanceof CharSequence cs) {
                            all.add(cs.toString());
                        }
                        return true;
                    });
                }

                @Override
                public void onError(long line, String reason) {
                    throw new AssertionError(f + ":" + line + ": " + reason);
                }
            });
        }
        List<String> shuffled = new ArrayList<>(all);
        Collections.shuffle(shuffled, new Random(42));
        List<String> sample = shuffled.subList(0, Math.min(SAMPLE, shuffled.size()));

        long checks = 0;
        long matches = 0;
        List<String> disagreements = new ArrayList<>();
        List<LinearRegex> compiled = new ArrayList<>();
        for (RuleRegex r : regexes) {
            LinearRegex mine = LinearRegex.compile(r.pattern().pattern(), r.pattern().flags());
            compiled.add(mine);
            Set<String> texts = new LinkedHashSet<>(byField.getOrDefault(r.field(), Set.of()));
            texts.addAll(sample);
            for (String t : texts) {
                boolean expected = r.pattern().matcher(t).find();
                checks++;
                matches += expected ? 1 : 0;
                if (mine.matches(t) != expected && disagreements.size() < 20) {
                    disagreements.add("/" + r.pattern().pattern() + "/ on '" + DifferentialProperties.escape(t)
                            + "': RE2/J says " + expected);
                }
            }
        }
        assertTrue(all.size() > 10_000, "distinct string values: " + all.size());
        assertTrue(checks > 500_000, "checks: " + checks);
        assertTrue(matches > 100, "matches: " + matches);
        assertEquals(List.of(), disagreements, checks + " checks");
        assertSecondPassAllocatesNothing(compiled, sample);
    }

    /** The DFA states the sample needs exist after the first pass and fit: no regex falls back to NFA simulation. */
    private static void assertSecondPassAllocatesNothing(List<LinearRegex> compiled, List<String> sample) {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)) {
            return;
        }
        // Arrays, because iterating a list allocates an iterator.
        LinearRegex[] regexArray = compiled.toArray(new LinearRegex[0]);
        String[] texts = sample.toArray(new String[0]);
        long before = mx.getCurrentThreadAllocatedBytes();
        int hits = matchAll(regexArray, texts);
        long allocated = mx.getCurrentThreadAllocatedBytes() - before;
        assertEquals(0, allocated, "bytes allocated by " + compiled.size() * sample.size() + " calls (" + hits
                + " matches)");
    }

    private static int matchAll(LinearRegex[] compiled, String[] texts) {
        int hits = 0;
        for (LinearRegex re : compiled) {
            for (String t : texts) {
                hits += re.matches(t) ? 1 : 0;
            }
        }
        return hits;
    }

    private static void addStrings(Object value, Set<String> into) {
        if (value instanceof CharSequence cs) {
            into.add(cs.toString());
        } else if (value instanceof List<?> list) {
            list.forEach(v -> addStrings(v, into));
        }
    }
}
