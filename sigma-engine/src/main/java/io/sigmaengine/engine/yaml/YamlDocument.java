package io.sigmaengine.engine.yaml;

/**
 * One document of a YAML stream.
 *
 * @param root      the document's root node ({@code null} for an empty document)
 * @param startLine 1-based line where the document starts (its first node, or the {@code ---} marker)
 */
public record YamlDocument(YNode root, int startLine) {
}
