package io.sigmaengine.engine.pipeline;

import java.util.List;
import java.util.Map;

/**
 * A processing pipeline.
 *
 * @param name     its {@code name}
 * @param priority its {@code priority}: pipelines run lowest first (10 = log source, 20 = backend pre, 50 =
 *                 backend, 60 = output format)
 * @param vars     its {@code vars}, for {@code value_placeholders}
 * @param items    the processing items in order
 * @param source   where it was loaded from
 */
public record Pipeline(String name, int priority, Map<String, List<String>> vars, List<ProcessingItem> items,
                       String source) {

    public Pipeline {
        vars = Map.copyOf(vars);
        items = List.copyOf(items);
    }
}
