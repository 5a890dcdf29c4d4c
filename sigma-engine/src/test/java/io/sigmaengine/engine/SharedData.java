package io.sigmaengine.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the shared corpus and conformance folders ({@code ../shared} beside the repository). Tests read them in
 * place; nothing from them is copied into the project.
 */
public final class SharedData {

    private SharedData() {
    }

    /** The shared folder: the {@code sigma.shared.dir} system property, or a {@code shared} sibling of an ancestor. */
    public static Path root() {
        String prop = System.getProperty("sigma.shared.dir");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("conformance"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the shared corpus folder (../shared); set -Dsigma.shared.dir");
    }

    public static Path conformance() {
        return root().resolve("conformance");
    }

    public static Path corpus() {
        return root().resolve("corpus");
    }
}
