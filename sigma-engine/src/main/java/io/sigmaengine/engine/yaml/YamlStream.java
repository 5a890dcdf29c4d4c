package io.sigmaengine.engine.yaml;

import java.util.List;

/**
 * The result of reading a YAML stream: the documents that could be read and, if reading stopped early, the error
 * that stopped it. Documents before a syntax error are still usable.
 *
 * @param documents the documents read, in order
 * @param error     the error that ended reading, or {@code null}
 */
public record YamlStream(List<YamlDocument> documents, YamlException error) {
    public YamlStream {
        documents = List.copyOf(documents);
    }
}
