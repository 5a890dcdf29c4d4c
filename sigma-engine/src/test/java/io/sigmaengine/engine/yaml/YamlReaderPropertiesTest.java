package io.sigmaengine.engine.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmaengine.api.Limits;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class YamlReaderPropertiesTest {

    private static void assertWellFormed(YamlStream s) {
        assertNotNull(s.documents());
        YamlException e = s.error();
        if (e != null) {
            assertNotNull(e.code());
            assertNotNull(e.getMessage());
            assertTrue(e.line() >= 1 && e.column() >= 1, e::toString);
        }
    }

    private static YScalar value(String written) {
        YamlStream s = YamlReader.read("p.yml", "v: " + written + "\n", Limits.defaults());
        assertNull(s.error(), () -> written + " gave " + s.error());
        return assertInstanceOf(YScalar.class, ((YMap) s.documents().get(0).root()).get("v"));
    }

    @Property(tries = 2_000)
    void anyTextGivesAResultNeverAnException(@ForAll String text) {
        assertWellFormed(YamlReader.read("p.yml", text, Limits.defaults()));
    }

    @Property(tries = 3_000)
    void yamlLookingTextGivesAResultNeverAnException(
            @ForAll @StringLength(max = 80) @Chars({'[', ']', '{', '}', ':', ',', '-', '&', '*', '!', '|', '>', '\'',
                    '"', '%', '@', '`', '#', '?', '<', '=', '~', '\\', ' ', ' ', '\n', '\n', '\t', 'a', 'b', '1',
                    '0', 'x', '.'}) String text) {
        assertWellFormed(YamlReader.read("p.yml", text, Limits.defaults()));
    }

    @Property(tries = 1_000)
    void anyBytesGiveAResultNeverAnException(@ForAll @Size(max = 200) byte[] bytes) {
        assertWellFormed(YamlReader.read("p.yml", bytes, Limits.defaults()));
    }

    @Property
    void decimalAndHexLongsAreInts(@ForAll long n) {
        assertEquals(n, value(Long.toString(n)).value());
        String hex = (n < 0 ? "-0x" : "0x") + Long.toHexString(Math.abs(n));
        if (n != Long.MIN_VALUE) {
            assertEquals(n, value(hex).value());
        }
    }

    @Property
    void singleQuotedTextIsKeptExactly(@ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~')
                                       @CharRange(from = '\u00a0', to = '\u024f') String text) {
        YScalar s = value("'" + text.replace("'", "''") + "'");
        assertEquals(YScalar.Type.STRING, s.type());
        assertEquals(text, s.value());
    }
}
