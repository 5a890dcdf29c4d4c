package io.sigmaengine.api;

import java.util.Locale;
import java.util.Optional;

/** The {@code level} of a Sigma rule, from least to most severe. */
public enum Level {
    INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL;

    /** The lowercase name used in rule files. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a level name in any letter case. */
    public static Optional<Level> parse(String text) {
        for (Level l : values()) {
            if (l.name().equalsIgnoreCase(text)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
