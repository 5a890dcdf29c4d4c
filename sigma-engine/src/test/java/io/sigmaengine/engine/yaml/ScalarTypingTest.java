package io.sigmaengine.engine.yaml;

import static io.sigmaengine.engine.yaml.Yamls.error;
import static io.sigmaengine.engine.yaml.Yamls.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.sigmaengine.engine.yaml.YScalar.Type;

import java.math.BigInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scalar typing must be PyYAML's (SafeLoader, YAML 1.1). Every expectation below was checked against PyYAML 6.0.3
 * (for errors: PyYAML fails too).
 */
class ScalarTypingTest {

    private static YScalar scalar(String written) {
        return assertInstanceOf(YScalar.class, map("v: " + written + "\n").get("v"));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // int: decimal, hex, octal, binary, underscores, base 60, signs, big
                arguments("4688", Type.INT, 4688L),
                arguments("0x17", Type.INT, 23L),
                arguments("017", Type.INT, 15L),
                arguments("0b101", Type.INT, 5L),
                arguments("1_000", Type.INT, 1000L),
                arguments("190:20:30", Type.INT, 685230L),
                arguments("-0x1A", Type.INT, -26L),
                arguments("+12", Type.INT, 12L),
                arguments("-0", Type.INT, 0L),
                arguments("0_", Type.INT, 0L),
                arguments("-1:30", Type.INT, -90L),
                arguments("9223372036854775807", Type.INT, Long.MAX_VALUE),
                arguments("-9223372036854775808", Type.INT, Long.MIN_VALUE),
                arguments("9223372036854775808", Type.INT, new BigInteger("9223372036854775808")),
                arguments("123456789012345678901234567890", Type.INT, new BigInteger("123456789012345678901234567890")),
                arguments("0x8000000000000000", Type.INT, new BigInteger("8000000000000000", 16)),
                // not ints
                arguments("08", Type.STRING, "08"),
                arguments("0778", Type.STRING, "0778"),
                arguments("0o17", Type.STRING, "0o17"),
                arguments("1:60", Type.STRING, "1:60"),
                arguments("1,000", Type.STRING, "1,000"),
                // float: PyYAML needs a dot, and a sign in the exponent
                arguments("09.5", Type.FLOAT, 9.5),
                arguments("1.0", Type.FLOAT, 1.0),
                arguments("1.", Type.FLOAT, 1.0),
                arguments(".5", Type.FLOAT, 0.5),
                arguments("1.0e+3", Type.FLOAT, 1000.0),
                arguments("1.e+3", Type.FLOAT, 1000.0),
                arguments(".5e-3", Type.FLOAT, 0.0005),
                arguments("1_2_3.4_5", Type.FLOAT, 123.45),
                arguments("190:20:30.15", Type.FLOAT, 685230.15),
                arguments("-0.0", Type.FLOAT, -0.0),
                arguments(".inf", Type.FLOAT, Double.POSITIVE_INFINITY),
                arguments("+.inf", Type.FLOAT, Double.POSITIVE_INFINITY),
                arguments("-.inf", Type.FLOAT, Double.NEGATIVE_INFINITY),
                arguments("-.Inf", Type.FLOAT, Double.NEGATIVE_INFINITY),
                arguments(".nan", Type.FLOAT, Double.NaN),
                arguments(".NaN", Type.FLOAT, Double.NaN),
                arguments(".NAN", Type.FLOAT, Double.NaN),
                arguments("1.0e+400", Type.FLOAT, Double.POSITIVE_INFINITY),
                // not floats
                arguments("1e3", Type.STRING, "1e3"),
                arguments("1e+3", Type.STRING, "1e+3"),
                arguments("1.0e3", Type.STRING, "1.0e3"),
                arguments("-.5", Type.STRING, "-.5"),
                arguments("-.nan", Type.STRING, "-.nan"),
                arguments("._5", Type.STRING, "._5"),
                arguments("0.1.2", Type.STRING, "0.1.2"),
                arguments(".", Type.STRING, "."),
                arguments("-x", Type.STRING, "-x"),
                // bool: only the exact spellings
                arguments("yes", Type.BOOL, true),
                arguments("Yes", Type.BOOL, true),
                arguments("YES", Type.BOOL, true),
                arguments("on", Type.BOOL, true),
                arguments("True", Type.BOOL, true),
                arguments("OFF", Type.BOOL, false),
                arguments("no", Type.BOOL, false),
                arguments("false", Type.BOOL, false),
                arguments("y", Type.STRING, "y"),
                arguments("n", Type.STRING, "n"),
                arguments("yEs", Type.STRING, "yEs"),
                arguments("tRUE", Type.STRING, "tRUE"),
                arguments("nO", Type.STRING, "nO"),
                // null
                arguments("~", Type.NULL, null),
                arguments("null", Type.NULL, null),
                arguments("Null", Type.NULL, null),
                arguments("NULL", Type.NULL, null),
                arguments("", Type.NULL, null),
                arguments("nULL", Type.STRING, "nULL"),
                arguments("~~", Type.STRING, "~~"),
                // timestamp: kept as text
                arguments("2024-01-01", Type.TIMESTAMP, "2024-01-01"),
                arguments("2001-12-14t21:59:43.10-05:00", Type.TIMESTAMP, "2001-12-14t21:59:43.10-05:00"),
                arguments("2001-12-14 21:59:43.10 -5", Type.TIMESTAMP, "2001-12-14 21:59:43.10 -5"),
                arguments("2001-12-14T21:59:43Z", Type.TIMESTAMP, "2001-12-14T21:59:43Z"),
                arguments("2024-13-45", Type.TIMESTAMP, "2024-13-45"),
                arguments("2024-1-1", Type.STRING, "2024-1-1"),
                arguments("2024/01/01", Type.STRING, "2024/01/01"),
                // quoting always gives a string
                arguments("'4688'", Type.STRING, "4688"),
                arguments("\"0x17\"", Type.STRING, "0x17"),
                arguments("'yes'", Type.STRING, "yes"),
                arguments("''", Type.STRING, ""),
                arguments("\"~\"", Type.STRING, "~"),
                // the value indicator '=' and '<<' outside a key are plain strings
                arguments("=", Type.STRING, "="),
                arguments("<<", Type.STRING, "<<"),
                // the non-specific tag '!' resolves as if untagged (PyYAML does, even when quoted)
                arguments("! 12", Type.INT, 12L),
                arguments("! '12'", Type.INT, 12L),
                // explicit standard tags convert the value
                arguments("!!str 12", Type.STRING, "12"),
                arguments("!!str yes", Type.STRING, "yes"),
                arguments("!!int \"12\"", Type.INT, 12L),
                arguments("!!int 0x1F", Type.INT, 31L),
                arguments("!!float 1", Type.FLOAT, 1.0),
                arguments("!!float 1e3", Type.FLOAT, 1000.0),
                arguments("!!float '-.inf'", Type.FLOAT, Double.NEGATIVE_INFINITY),
                arguments("!!bool \"YeS\"", Type.BOOL, true),
                arguments("!!null abc", Type.NULL, null),
                arguments("!!timestamp 2024-1-1", Type.TIMESTAMP, "2024-1-1"),
                arguments("!<tag:yaml.org,2002:int> 7", Type.INT, 7L),
                arguments("!!str", Type.STRING, ""));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @MethodSource("table")
    void typesLikePyYaml(String written, Type type, Object value) {
        YScalar s = scalar(written);
        assertEquals(type, s.type(), "type");
        assertEquals(value, s.value(), "value");
        if (value != null) {
            assertEquals(value.getClass(), s.value().getClass(), "value class");
        }
    }

    @Test
    void textIsTheScalarAsWrittenAfterEscapes() {
        YScalar hex = scalar("0x17");
        assertEquals("0x17", hex.text());
        assertFalse(hex.quoted());
        YScalar quoted = scalar("'0x17'");
        assertEquals("0x17", quoted.text());
        assertTrue(quoted.quoted());
        assertEquals("1_000", scalar("1_000").text());
    }

    @Test
    void quotedAndBlockScalarsKeepBackslashes() {
        YMap m = map("""
                a: 'C:\\Windows\\*'
                b: "C:\\\\Windows"
                c: C:\\Windows\\*
                d: |
                  C:\\Windows\\*
                  two
                e: >-
                  \\\\server\\share
                  folded
                f: "\\x41\\u00e9\\t"
                g: 'it''s'
                """);
        assertEquals("C:\\Windows\\*", ((YScalar) m.get("a")).text());
        assertEquals("C:\\Windows", ((YScalar) m.get("b")).text());
        assertEquals("C:\\Windows\\*", ((YScalar) m.get("c")).text());
        assertEquals("C:\\Windows\\*\ntwo\n", ((YScalar) m.get("d")).text());
        assertEquals("\\\\server\\share folded", ((YScalar) m.get("e")).text());
        assertEquals("A\u00e9\t", ((YScalar) m.get("f")).text());
        assertEquals("it's", ((YScalar) m.get("g")).text());
        for (String key : m.keys()) {
            YScalar s = (YScalar) m.get(key);
            assertEquals(Type.STRING, s.type(), key);
            assertEquals(s.text(), s.value(), key);
            assertEquals(!key.equals("c"), s.quoted(), key);
        }
    }

    @Test
    void blockScalarThatLooksLikeANumberIsAString() {
        YScalar s = scalar("|-\n  4688");
        assertEquals(Type.STRING, s.type());
        assertEquals("4688", s.value());
    }

    @Test
    void explicitTagWithAnInvalidValueIsAnError() {
        for (String bad : new String[] {"!!int abc", "!!int 1e3", "!!int ''", "!!float 0x10", "!!float 1f",
                "!!bool maybe", "!!timestamp 2024-01"}) {
            YamlException e = error("v: " + bad + "\n", YamlException.BAD_VALUE);
            assertEquals(1, e.line(), bad);
            assertEquals(4, e.column(), bad);
        }
    }

    @Test
    void intsPyYamlCannotBuildAreErrors() {
        // The resolver accepts them, but int('', 2) fails in PyYAML, so pySigma cannot load them either.
        error("v: 0b_\n", YamlException.BAD_VALUE);
        error("v: -0x__\n", YamlException.BAD_VALUE);
    }

    @Test
    void nonStringKeysAreKeptAsWritten() {
        YMap m = map("1: a\n0x10: b\ntrue: c\n~: d\n1.50: e\n2024-01-01: f\n");
        assertEquals(java.util.List.of("1", "0x10", "true", "~", "1.50", "2024-01-01"), m.keys());
    }
}
