package io.sigmaengine.engine.regex;

/**
 * What empty-width assertions see at a position between two characters, exactly as RE2/J's
 * {@code Utils.emptyOpContext}: line boundaries are {@code \n} only, word characters are ASCII {@code [0-9A-Za-z_]}.
 */
final class Context {

    /** Assertion conditions; a position satisfies an assertion when it has all of its bits. */
    static final int BEGIN_LINE = 1;
    static final int END_LINE = 2;
    static final int BEGIN_TEXT = 4;
    static final int END_TEXT = 8;
    static final int WORD_BOUNDARY = 16;
    static final int NO_WORD_BOUNDARY = 32;

    /** Conditions that depend on the character before a position. */
    static final int LOOKS_BEHIND = BEGIN_LINE | BEGIN_TEXT | WORD_BOUNDARY | NO_WORD_BOUNDARY;

    /** Kinds of the character on one side of a position; {@code EDGE} is the start or end of the text. */
    static final int EDGE = 0;
    static final int NEWLINE = 1;
    static final int WORD = 2;
    static final int OTHER = 3;

    private Context() {
    }

    static int kindOf(int cp) {
        if (cp == '\n') {
            return NEWLINE;
        }
        return isWord(cp) ? WORD : OTHER;
    }

    static boolean isWord(int cp) {
        return cp >= 'a' && cp <= 'z' || cp >= 'A' && cp <= 'Z' || cp >= '0' && cp <= '9' || cp == '_';
    }

    /** The conditions that hold between a character of kind {@code before} and one of kind {@code after}. */
    static int between(int before, int after) {
        int c = 0;
        if (before == EDGE) {
            c |= BEGIN_TEXT | BEGIN_LINE;
        } else if (before == NEWLINE) {
            c |= BEGIN_LINE;
        }
        if (after == EDGE) {
            c |= END_TEXT | END_LINE;
        } else if (after == NEWLINE) {
            c |= END_LINE;
        }
        c |= (before == WORD) != (after == WORD) ? WORD_BOUNDARY : NO_WORD_BOUNDARY;
        return c;
    }
}
