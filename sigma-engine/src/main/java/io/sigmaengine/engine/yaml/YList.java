package io.sigmaengine.engine.yaml;

import java.util.List;

/** A YAML sequence. */
public record YList(int line, int column, List<YNode> items) implements YNode {

    public YList {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public YNode get(int i) {
        return items.get(i);
    }
}
