package io.sigmaengine.engine.load;

import io.sigmaengine.engine.yaml.YMap;
import io.sigmaengine.engine.yaml.YNode;

import java.util.ArrayList;
import java.util.List;

/** pySigma's {@code deep_dict_update} on YAML maps, used for legacy {@code action} collections. */
final class YamlMerge {

    private YamlMerge() {
    }

    /**
     * Merges {@code src} into {@code dest}: for each key of {@code src}, two maps merge recursively; anything else
     * is replaced by {@code src}'s value (lists are replaced, not joined).
     */
    static YMap deepMerge(YMap dest, YMap src) {
        List<YMap.Entry> entries = new ArrayList<>(dest.entries());
        for (YMap.Entry s : src.entries()) {
            int i = indexOf(entries, s.key());
            if (i < 0) {
                entries.add(s);
            } else {
                YNode d = entries.get(i).value();
                YNode v = d instanceof YMap dm && s.value() instanceof YMap sm ? deepMerge(dm, sm) : s.value();
                YMap.Entry old = entries.get(i);
                entries.set(i, new YMap.Entry(old.key(), old.keyLine(), old.keyColumn(), v));
            }
        }
        return new YMap(dest.line(), dest.column(), entries);
    }

    /** Scalar or list keys that {@code src} replaces in {@code dest} (for a warning). */
    static List<String> overriddenKeys(YMap dest, YMap src) {
        List<String> out = new ArrayList<>();
        collect("", dest, src, out);
        return out;
    }

    private static void collect(String prefix, YMap dest, YMap src, List<String> out) {
        for (YMap.Entry s : src.entries()) {
            YNode d = dest.get(s.key());
            if (d == null) {
                continue;
            }
            if (d instanceof YMap dm && s.value() instanceof YMap sm) {
                collect(prefix + s.key() + ".", dm, sm, out);
            } else {
                out.add(prefix + s.key());
            }
        }
    }

    static YMap without(YMap map, String key) {
        List<YMap.Entry> entries = new ArrayList<>(map.entries());
        entries.removeIf(e -> e.key().equals(key));
        return new YMap(map.line(), map.column(), entries);
    }

    private static int indexOf(List<YMap.Entry> entries, String key) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).key().equals(key)) {
                return i;
            }
        }
        return -1;
    }
}
