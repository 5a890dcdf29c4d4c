package io.sigmaengine.engine.match;

import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.model.SigmaValue.RegexFlag;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code re} values: searched with the linear matcher where it runs the pattern, with RE2/J otherwise. */
class RegexValueTest {

    private static boolean test(String regex, Set<RegexFlag> flags, Object value) throws ModelException {
        return ValueTest.of(new SigmaValue.Regex(regex, flags), false, 1000).testScalar(value, f -> null);
    }

    @Test
    void searchesWithTheFlagsOfTheSubModifiers() throws ModelException {
        assertTrue(test("\\\\[a-z]{3}\\.tmp$", Set.of(), "C:\\Temp\\abc.tmp"));
        assertFalse(test("\\\\[a-z]{3}\\.tmp$", Set.of(), "C:\\Temp\\ABC.tmp"));
        assertTrue(test("\\\\[a-z]{3}\\.tmp$", Set.of(RegexFlag.IGNORE_CASE), "C:\\Temp\\ABC.tmp"));
        assertTrue(test("^b$", Set.of(RegexFlag.MULTILINE), "a\nb"));
        assertTrue(test("a.b", Set.of(RegexFlag.DOTALL), "a\nb"));
        assertTrue(test("^4688$", Set.of(), 4688), "numbers are searched as their text");
    }

    @Test
    void patternsOnlyRe2jRunsStillWork() throws ModelException {
        assertTrue(test("\\p{Greek}", Set.of(), "\u03A3"), "Unicode classes are left to RE2/J");
        assertFalse(test("\\p{Greek}", Set.of(), "S"));
    }

    @Test
    void invalidAndBacktrackingPatternsAreStillRejectedByName() {
        assertEquals("regex-invalid", assertThrows(ModelException.class,
                () -> test("a(b", Set.of(), "")).code());
        assertEquals("regex-unsupported", assertThrows(ModelException.class,
                () -> test("(a)\\1", Set.of(), "")).code());
    }
}
