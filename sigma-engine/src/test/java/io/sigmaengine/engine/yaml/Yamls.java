package io.sigmaengine.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sigmaengine.api.Limits;

/** Shortcuts for the YAML tests. */
final class Yamls {

    private Yamls() {
    }

    static YamlStream read(String text) {
        return YamlReader.read("test.yml", text, Limits.defaults());
    }

    /** The single document's root of a text that must read without error. */
    static YNode root(String text) {
        YamlStream s = read(text);
        assertNull(s.error(), () -> "unexpected error: " + s.error());
        assertEquals(1, s.documents().size(), "documents");
        return s.documents().get(0).root();
    }

    static YMap map(String text) {
        return assertInstanceOf(YMap.class, root(text));
    }

    /** The error of a text that must fail, after checking its code. */
    static YamlException error(String text, String code) {
        return error(read(text), code);
    }

    static YamlException error(YamlStream s, String code) {
        YamlException e = s.error();
        assertNotNull(e, "expected error " + code);
        assertEquals(code, e.code(), () -> "code of: " + e);
        return e;
    }

    static void assertPosition(int line, int column, YNode node) {
        assertEquals(line + ":" + column, node.line() + ":" + node.column(), () -> "position of " + node);
    }

    static void assertPosition(int line, int column, YamlException e) {
        assertEquals(line + ":" + column, e.line() + ":" + e.column(), () -> "position of " + e);
    }
}
