/**
 * Stage 1 of loading: safe YAML text to a position-annotated node tree, typed exactly like PyYAML's YAML 1.1
 * resolver, with duplicate-key detection and limits on aliases, depth, node count and size.
 */
package io.sigmaengine.engine.yaml;
