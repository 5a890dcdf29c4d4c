package io.sigmaengine.benchmarks;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.event.EventFileReader;
import io.sigmaengine.engine.event.JsonEventReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The data every benchmark uses, read in place from the shared corpus ({@code -Dsigma.shared.dir}, default
 * {@code ../shared} next to the repository): the SigmaHQ Windows rules and the real Windows events of
 * {@code corpus/events}.
 */
final class BenchData {

    private BenchData() {
    }

    static Path shared() {
        String prop = System.getProperty("sigma.shared.dir");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "shared");
        if (!Files.isDirectory(p.resolve("corpus"))) {
            throw new IllegalStateException("shared corpus not found at " + p.toAbsolutePath()
                    + "; run from the repository root or set -Dsigma.shared.dir");
        }
        return p;
    }

    static Path windowsRules() {
        return shared().resolve("corpus/sigmahq/rules/windows");
    }

    /** The rule files, in a fixed shuffled order so that prefixes are representative subsets. */
    static List<Path> ruleFiles() {
        try (Stream<Path> s = Files.walk(windowsRules())) {
            List<Path> files = new ArrayList<>(s.filter(p -> p.toString().endsWith(".yml")).sorted().toList());
            Collections.shuffle(files, new Random(42));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A rule set of the first {@code limit} rule files (all if negative), with the sysmon and windows pipelines. */
    static RuleSet rules(int limit) {
        List<Path> files = ruleFiles();
        RuleSetBuilder b = Sigma.ruleSet().explainMatches(false).addPipeline("sysmon").addPipeline("windows");
        for (Path f : limit < 0 ? files : files.subList(0, Math.min(limit, files.size()))) {
            b.addRules(f);
        }
        return b.build();
    }

    /** The raw JSON lines of every corpus event file, in file order. */
    static List<String> eventLines() {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.walk(shared().resolve("corpus/events"))) {
            for (Path f : s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList()) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        lines.add(line);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Every corpus event, parsed. */
    static List<Event> events() {
        JsonEventReader reader = new JsonEventReader(Limits.defaults());
        List<Event> out = new ArrayList<>();
        for (String line : eventLines()) {
            out.add(reader.parse(line));
        }
        return out;
    }

    /** Every {@code n}-th element: a deterministic sample spread over all event files. */
    static <T> List<T> everyNth(List<T> all, int n) {
        List<T> out = new ArrayList<>(all.size() / n + 1);
        for (int i = 0; i < all.size(); i += n) {
            out.add(all.get(i));
        }
        return out;
    }

    /** Rule texts for the load benchmark: every file under {@code rules*} of SigmaHQ, read into memory. */
    static List<String[]> allRuleTexts() {
        List<String[]> out = new ArrayList<>();
        Path hq = shared().resolve("corpus/sigmahq");
        for (String folder : new String[]{"rules", "rules-emerging-threats", "rules-threat-hunting",
                "rules-compliance", "rules-dfir", "rules-placeholder"}) {
            try (Stream<Path> s = Files.walk(hq.resolve(folder))) {
                for (Path f : s.filter(p -> p.toString().endsWith(".yml")).sorted().toList()) {
                    out.add(new String[]{f.toString(), Files.readString(f, StandardCharsets.UTF_8)});
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
