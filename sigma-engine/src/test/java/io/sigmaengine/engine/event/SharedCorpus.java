package io.sigmaengine.engine.event;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared corpus: {@code sigma.shared.dir} (set by surefire), else {@code ../shared} next to the repo. */
final class SharedCorpus {

    private SharedCorpus() {
    }

    static Path dir() {
        String configured = System.getProperty("sigma.shared.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        Path root = dir;
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("pom.xml"))) {
                root = p; // the outermost directory with a pom.xml is the repository root
            }
        }
        return root.resolve("../shared").normalize();
    }

    static Path corpus(String relative) {
        return dir().resolve("corpus").resolve(relative);
    }
}
