package io.sigmaengine.engine.regex;

import com.google.re2j.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Patterns that take exponential time in a backtracking engine finish on 100 kB inputs, with the DFA and with the
 * NFA simulation it falls back to when its cache is full (a cache too small for even the start state).
 */
class LinearTimeTest {

    private static final int SIZE = 100_000;

    @ParameterizedTest
    @CsvSource({
        "(a+)+$,    a, '',  true",
        "(a+)+$,    a, '!', false",
        "(a|a)*b,   a, b,   true",
        "(a|a)*b,   a, '',  false",
        "(x+x+)+y,  x, y,   true",
        "(x+x+)+y,  x, '',  false",
        "^(\\w+\\s?)*$, a, '', true",
        "^(\\w+\\s?)*$, a, '!', false",
    })
    void pathologicalPatternsRunInLinearTime(String pattern, String unit, String tail, boolean expected)
            throws UnsupportedRegexException {
        String text = unit.repeat(SIZE) + tail;
        assertEquals(expected, Pattern.compile(pattern).matcher(text).find(), "RE2/J");
        assertEquals(expected, LinearRegex.compile(pattern, 0).matches(text), "lazy DFA");
        assertEquals(expected, LinearRegex.compile(pattern, 0, 0).matches(text), "NFA simulation");
    }
}
