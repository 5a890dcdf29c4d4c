/**
 * Stage 1 of loading: safe YAML text to a position-annotated node tree, typed exactly like PyYAML's YAML 1.1
 * resolver, with duplicate-key detection and limits on aliases, depth, node count and size.
 *
 * <p>The entry point is {@link io.sigmaengine.engine.yaml.YamlReader}; its javadoc states what comes back for
 * empty documents, errors, tags, merge keys, anchors and limits.
 */
package io.sigmaengine.engine.yaml;
