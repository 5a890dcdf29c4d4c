package io.sigmaengine.engine.model;

import io.sigmaengine.api.Limits;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Expected values from the Sigma modifier appendix and the semantics document §3 (pySigma-verified). */
class ModifierChainTest {

    private static SigmaValue apply(String key, RawValue... values) throws ModelException {
        ModifierChain.ParsedKey k = ModifierChain.parseKey(key);
        return ModifierChain.apply(k.field(), k.modifiers(), List.of(values), Limits.defaults()).values().get(0);
    }

    private static List<String> texts(SigmaValue v) {
        List<String> out = new ArrayList<>();
        if (v instanceof SigmaValue.Expansion e) {
            for (SigmaValue a : e.alternatives()) {
                out.addAll(texts(a));
            }
        } else {
            out.add(((SigmaValue.Str) v).string().toRuleText());
        }
        return out;
    }

    @Test
    void base64offsetGivesTheThreeAlignments() throws Exception {
        assertEquals(List.of("YWJj", "FiY", "hYm"), texts(apply("f|base64offset", RawValue.string("abc"))));
        assertEquals(List.of("SW52b2tlLU1pbWlrYXR6", "ludm9rZS1NaW1pa2F0e", "JbnZva2UtTWltaWthdH"),
                texts(apply("f|base64offset", RawValue.string("Invoke-Mimikatz"))));
    }

    @Test
    void wideBase64offsetEncodesUtf16le() throws Exception {
        assertEquals(List.of("cABpAG4AZw", "AAaQBuAGcA", "wAGkAbgBnA"),
                texts(apply("f|wide|base64offset", RawValue.string("ping"))));
    }

    @Test
    void utf16VariantsFollowTheSpecification() throws Exception {
        assertEquals(List.of("AGMAbQBk"), texts(apply("f|utf16be|base64", RawValue.string("cmd"))));
        assertEquals(List.of("//5jAG0AZAA="), texts(apply("f|utf16|base64", RawValue.string("cmd"))));
        assertEquals(List.of("YwBtAGQA"), texts(apply("f|wide|base64", RawValue.string("cmd"))));
        assertEquals(List.of("YwBtAGQA"), texts(apply("f|utf16le|base64", RawValue.string("cmd"))));
    }

    @Test
    void base64EncodesTheLiteralTextOfEscapes() throws Exception {
        assertEquals(List.of("YSpi"), texts(apply("f|base64", RawValue.string("a\\*b"))));
    }

    @Test
    void windashPermutesOnlyFlagPositions() throws Exception {
        assertEquals(5, texts(apply("f|windash", RawValue.string("-x"))).size());
        assertEquals(List.of("a-b"), texts(apply("f|windash", RawValue.string("a-b"))));
        List<String> help = texts(apply("f|windash|contains", RawValue.string("--help")));
        assertEquals(5, help.size());
        assertTrue(help.contains("*-/help*") && help.contains("*-\u2015help*"), help.toString());
        assertEquals(25, texts(apply("f|windash", RawValue.string("-a -b"))).size());
    }

    @Test
    void windashVariantExplosionIsALoadError() {
        ModelException e = assertThrows(ModelException.class,
                () -> apply("f|windash", RawValue.string("-a -b -c -d -e -f -g")));
        assertEquals("value-variants-limit", e.code());
    }

    @Test
    void positionAndTypeRules() {
        assertEquals("modifier-position",
                assertThrows(ModelException.class, () -> apply("f|contains|re", RawValue.string("a"))).code());
        assertEquals("modifier-type",
                assertThrows(ModelException.class, () -> apply("f|contains", RawValue.number(SigmaNumber.of(5))))
                        .code());
        assertEquals("modifier-type",
                assertThrows(ModelException.class, () -> apply("f|gte", RawValue.string("5"))).code());
        assertEquals("unknown-modifier",
                assertThrows(ModelException.class, () -> apply("f|CONTAINS", RawValue.string("x"))).code());
        assertEquals("modifier-wildcard",
                assertThrows(ModelException.class, () -> apply("f|contains|base64offset", RawValue.string("x")))
                        .code());
        assertEquals("cidr-invalid",
                assertThrows(ModelException.class, () -> apply("f|cidr", RawValue.string("10.0.0.1/8"))).code());
    }

    @Test
    void containsWrapsWithWildcardTokens() throws Exception {
        assertEquals(List.of("*whoami*>*"), texts(apply("f|contains", RawValue.string("whoami*>"))));
        assertEquals(List.of("C:\\Windows\\\\*"), texts(apply("f|startswith", RawValue.string("C:\\Windows\\"))));
        SigmaValue.Str s = (SigmaValue.Str) apply("f|startswith", RawValue.string("C:\\Windows\\"));
        assertTrue(s.string().endsWithAnyString());
    }
}
