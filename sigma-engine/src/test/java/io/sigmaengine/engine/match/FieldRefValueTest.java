package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.SigmaValue;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code fieldref}: the other field's value compared ignoring case, as a whole, prefix, suffix or substring. */
class FieldRefValueTest {

    private static boolean test(String mode, String value, Object other) throws Exception {
        SigmaValue.FieldRef ref = new SigmaValue.FieldRef("Other", mode.equals("endswith") || mode.equals("contains"),
                mode.equals("startswith") || mode.equals("contains"));
        ValueTest t = ValueTest.of(ref, false, 1000);
        Map<String, Object> fields = Map.of("Other", other);
        return t.testField(value, fields::get);
    }

    @Test
    void comparesIgnoringCaseIncludingSpecialFolds() throws Exception {
        assertTrue(test("equals", "Administrator", "ADMINISTRATOR"));
        assertTrue(test("equals", "\u212Aelvin", "kELVIN"));
        assertTrue(test("contains", "C:\\Users\\BOB\\x.exe", "bob"));
        assertTrue(test("endswith", "a\uD801\uDC00", "\uD801\uDC28"));
        assertFalse(test("equals", "\u0130", "i"));
        assertFalse(test("startswith", "ab", "abc"));
        assertTrue(test("equals", "42", 42L));
    }

    /** Folding char by char must agree with folding each whole string first. */
    @Property(tries = 3000)
    void agreesWithWholeStringFolding(@ForAll("modes") String mode, @ForAll("texts") String a,
                                      @ForAll("texts") String b) throws Exception {
        String fa = CaseFold.fold(a);
        String fb = CaseFold.fold(b);
        boolean expected = switch (mode) {
            case "contains" -> fa.contains(fb);
            case "startswith" -> fa.startsWith(fb);
            case "endswith" -> fa.endsWith(fb);
            default -> fa.equals(fb);
        };
        assertEquals(expected, test(mode, a, b), mode + " " + a + " / " + b);
    }

    @Provide
    Arbitrary<String> modes() {
        return Arbitraries.of("equals", "contains", "startswith", "endswith");
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> unit = Arbitraries.oneOf(Arbitraries.strings().withChars("aAkK\u212AsS\u017F\u0130i")
                .ofLength(1), Arbitraries.of("\uD801\uDC00", "\uD801\uDC28"));
        return unit.list().ofMaxSize(5).map(l -> String.join("", l));
    }
}
