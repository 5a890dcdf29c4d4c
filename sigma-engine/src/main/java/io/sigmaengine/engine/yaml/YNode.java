package io.sigmaengine.engine.yaml;

/** A node of a parsed YAML document: a map, a list or a scalar, with the position where it starts. */
public sealed interface YNode permits YMap, YList, YScalar {

    /** 1-based line where the node starts. */
    int line();

    /** 1-based column where the node starts. */
    int column();
}
