package io.sigmaengine.engine.match;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** Unicode simple case folding (decisions.md #1). */
class CaseFoldTest {

    @Test
    void foldsCaseClassesToOneRepresentative() {
        assertEquals(CaseFold.fold("kerberos"), CaseFold.fold("\u212Aerberos"));
        assertEquals(CaseFold.fold("sc.exe"), CaseFold.fold("\u017Fc.exe"));
        assertEquals(CaseFold.fold("οδυσσευς"), CaseFold.fold("ΟΔΥΣΣΕΥΣ"));
        assertEquals(CaseFold.fold("пароль"), CaseFold.fold("ПАРОЛЬ"));
        assertEquals(CaseFold.fold("ｍｉｍｉｋａｔｚ"), CaseFold.fold("ＭＩＭＩＫＡＴＺ"));
        assertEquals(CaseFold.fold("\uD801\uDC28"), CaseFold.fold("\uD801\uDC00"), "Deseret is beyond the BMP");
    }

    @Test
    void doesNotMergeDistinctLetters() {
        assertNotEquals(CaseFold.fold("ｍｉｍｉｋａｔｚ"), CaseFold.fold("mimikatz"));
        assertNotEquals(CaseFold.fold("\u0131"), CaseFold.fold("i"), "dotless i is its own letter");
        assertNotEquals(CaseFold.fold("\u0130"), CaseFold.fold("i"), "dotted capital I has no simple folding");
    }

    @Test
    void keepsLengthInChars() {
        String s = "A\uD801\uDC00ẞ\u0130x";
        assertEquals(s.length(), CaseFold.fold(s).length());
        char[] buf = new char[s.length()];
        CaseFold.foldInto(s, buf);
        assertEquals(CaseFold.fold(s), new String(buf));
    }
}
