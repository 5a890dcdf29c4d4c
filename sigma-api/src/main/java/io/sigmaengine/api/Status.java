package io.sigmaengine.api;

import java.util.Locale;
import java.util.Optional;

/** The {@code status} of a Sigma rule. */
public enum Status {
    STABLE, TEST, EXPERIMENTAL, DEPRECATED, UNSUPPORTED;

    /** The lowercase name used in rule files. */
    public String yamlName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether rules of this status are evaluated by default ({@code deprecated} and {@code unsupported} are not). */
    public boolean evaluatedByDefault() {
        return this != DEPRECATED && this != UNSUPPORTED;
    }

    /** Parses a status name in any letter case. */
    public static Optional<Status> parse(String text) {
        for (Status s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
