package io.sigmaengine.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.sigmaengine.api.Limits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Every SigmaHQ rule file must read cleanly. Reads the shared corpus in place; never copy it into the project. */
class SigmaHqCorpusTest {

    /** The shared folder: property {@code sigma.shared.dir} (set by the parent pom), else a {@code shared} sibling. */
    static Path sharedDir() {
        String property = System.getProperty("sigma.shared.dir");
        if (property != null && Files.isDirectory(Path.of(property, "corpus"))) {
            return Path.of(property);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("shared").resolve("corpus"))) {
                return dir.resolve("shared");
            }
        }
        return fail("shared corpus not found: set -Dsigma.shared.dir (was " + property + ")");
    }

    @Test
    void everyRuleFileReadsIntoAMappingDocument() throws IOException {
        Path corpus = sharedDir().resolve("corpus").resolve("sigmahq");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".yml")).sorted().toList();
        }
        assertTrue(files.size() > 3_000, "expected the SigmaHQ rules under " + corpus + ", found " + files.size());
        List<byte[]> contents = new ArrayList<>();
        long bytes = 0;
        for (Path f : files) {
            contents.add(Files.readAllBytes(f));
            bytes += contents.get(contents.size() - 1).length;
        }

        List<String> problems = new ArrayList<>();
        int documents = 0;
        long start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            YamlStream s = YamlReader.read(files.get(i).toString(), contents.get(i), Limits.defaults());
            documents += s.documents().size();
            if (s.error() != null) {
                problems.add(corpus.relativize(files.get(i)) + ": " + s.error());
            } else if (s.documents().stream().noneMatch(d -> d.root() instanceof YMap)) {
                problems.add(corpus.relativize(files.get(i)) + ": no mapping document");
            }
        }
        long firstPass = System.nanoTime() - start;
        start = System.nanoTime();
        for (int i = 0; i < files.size(); i++) {
            YamlReader.read(files.get(i).toString(), contents.get(i), Limits.defaults());
        }
        long secondPass = System.nanoTime() - start;

        System.out.printf("SigmaHQ corpus: %d files, %d documents, %.1f MB read in %d ms (cold JVM), %d ms (again)%n",
                files.size(), documents, bytes / 1e6, firstPass / 1_000_000, secondPass / 1_000_000);
        assertEquals(List.of(), problems);
    }
}
