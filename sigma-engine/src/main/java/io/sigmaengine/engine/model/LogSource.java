package io.sigmaengine.engine.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's {@code logsource}. {@code category}, {@code product} and {@code service} may be {@code null}.
 *
 * @param category the category, e.g. {@code process_creation}
 * @param product  the product, e.g. {@code windows}
 * @param service  the service, e.g. {@code security}
 * @param other    further keys as written (e.g. {@code definition}), in order
 */
public record LogSource(String category, String product, String service, Map<String, String> other) {

    public LogSource {
        other = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(other));
    }

    public static LogSource of(String category, String product, String service) {
        return new LogSource(category, product, service, Map.of());
    }

    /**
     * pySigma's containment test: this log source (of a filter or pipeline condition) covers {@code rule} when
     * every key set here equals the same key of the rule; keys left unset here match anything.
     */
    public boolean covers(LogSource rule) {
        return (category == null || Objects.equals(category, rule.category))
                && (product == null || Objects.equals(product, rule.product))
                && (service == null || Objects.equals(service, rule.service));
    }

    /** All keys as written, for metadata: category, product, service and the others. */
    public Map<String, String> asMap() {
        Map<String, String> m = new LinkedHashMap<>();
        if (category != null) {
            m.put("category", category);
        }
        if (product != null) {
            m.put("product", product);
        }
        if (service != null) {
            m.put("service", service);
        }
        m.putAll(other);
        return m;
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
