package io.sigmaengine.engine.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayDeque;
import java.util.Set;

/**
 * Regex compilation with RE2/J, whose matching time is linear in the input: rule regexes are semi-trusted, and a
 * backtracking engine would let one rule ({@code ^(a+)+$}) hang the process. Constructs that need backtracking
 * (backreferences, lookaround, atomic groups, possessive quantifiers) are rejected by name.
 */
public final class RegexSupport {

    /** Where {@link #unrolledLength} saturates. */
    private static final long CAP = 1L << 40;
    /** A counted repetition: {@code {n}}, {@code {n,}} or {@code {n,m}}. */
    private static final java.util.regex.Pattern REPEAT = java.util.regex.Pattern.compile("\\{(\\d+)(?:,(\\d*))?}");

    /** An inline flag group that turns case-insensitivity on (or off, which is treated alike): {@code (?i)}. */
    private static final java.util.regex.Pattern INLINE_I = java.util.regex.Pattern.compile("\\(\\?[a-zA-Z-]*i");
    /** {@code \x{HHHH}} or {@code \xHH}, after the backslash. */
    private static final java.util.regex.Pattern ESCAPED_CODE_POINT =
            java.util.regex.Pattern.compile("x(?:\\{([0-9a-fA-F]+)}|([0-9a-fA-F]{2}))");
    /** RE2/J's range of characters that case-fold ({@code Unicode.MIN_FOLD} .. {@code MAX_FOLD}). */
    private static final int MIN_FOLD = 0x41;
    private static final int MAX_FOLD = 0x1E943;

    private RegexSupport() {
    }

    /** Compiles a Sigma regex with its flags, or explains why it cannot run. */
    public static Pattern compile(String regex, Set<SigmaValue.RegexFlag> flags, int maxLength)
            throws ModelException {
        if (regex.length() > maxLength) {
            throw new ModelException("regex-too-long", "regular expression is " + regex.length()
                    + " characters long; the limit is " + maxLength + " (Limits.withMaxRegexLength)");
        }
        long unrolled = unrolledLength(regex);
        if (unrolled > maxLength) {
            throw new ModelException("regex-too-long", "regular expression '" + abbreviate(regex) + "' is " + unrolled
                    + " characters long once its counted repetitions are unrolled; the limit is " + maxLength
                    + " (Limits.withMaxRegexLength)");
        }
        String unsupported = unsupportedConstruct(regex);
        if (unsupported != null) {
            throw new ModelException("regex-unsupported", "regular expression '" + abbreviate(regex) + "' uses "
                    + unsupported + ", which cannot be evaluated in linear time; rewrite the pattern without it");
        }
        if ((flags.contains(SigmaValue.RegexFlag.IGNORE_CASE) || INLINE_I.matcher(regex).find())
                && foldLoops(regex)) {
            throw new ModelException("regex-unsupported", "regular expression '" + abbreviate(regex) + "' matches "
                    + "U+1C80..U+1C88 (Cyrillic letter variants) case-insensitively, which RE2/J never finishes "
                    + "compiling; drop the i flag or those characters");
        }
        int f = 0;
        if (flags.contains(SigmaValue.RegexFlag.IGNORE_CASE)) {
            f |= Pattern.CASE_INSENSITIVE;
        }
        if (flags.contains(SigmaValue.RegexFlag.MULTILINE)) {
            f |= Pattern.MULTILINE;
        }
        if (flags.contains(SigmaValue.RegexFlag.DOTALL)) {
            f |= Pattern.DOTALL;
        }
        try {
            return Pattern.compile(regex, f);
        } catch (PatternSyntaxException e) {
            throw new ModelException("regex-invalid", "invalid regular expression '" + abbreviate(regex) + "': "
                    + e.getDescription());
        } catch (RuntimeException e) {
            throw new ModelException("regex-invalid", "invalid regular expression '" + abbreviate(regex) + "': "
                    + e.getMessage());
        }
    }

    /**
     * The length of the pattern with counted repetitions unrolled ({@code (ab){3}} counts 6): RE2/J builds a
     * program of about that size, and both its memory and its time per input character grow with it, so that
     * {@code (a{1000}){1000}} (15 characters) would cost 60 MB. Saturates instead of overflowing.
     */
    static long unrolledLength(String re) {
        ArrayDeque<Long> open = new ArrayDeque<>(); // per open group: the length before it
        long length = 0;
        long last = 0; // length of the last atom or group, which a quantifier repeats
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            java.util.regex.Matcher repeat = c == '{' ? REPEAT.matcher(re).region(i, re.length()) : null;
            if (c == '(') {
                open.push(length);
                length = 0;
            } else if (c == ')' && !open.isEmpty()) {
                last = length;
                length = Math.min(CAP, open.pop() + length);
            } else if (repeat != null && repeat.lookingAt()) {
                long n = Math.max(1, Math.max(count(repeat.group(1)), count(repeat.group(2))));
                long repeated = last > CAP / n ? CAP : last * n;
                length = Math.min(CAP, length - last + repeated);
                last = repeated;
                i = repeat.end() - 1;
            } else if (c != '*' && c != '+' && c != '?' && c != '|') {
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = classEnd(re, i);
                }
                last = 1;
                length = Math.min(CAP, length + 1);
            }
        }
        while (!open.isEmpty()) {
            length = Math.min(CAP, open.pop() + length);
        }
        return length;
    }

    private static long count(String digits) {
        return digits == null || digits.isEmpty() ? 0 : digits.length() > 12 ? CAP : Long.parseLong(digits);
    }

    /** Index of the {@code ]} closing the class that starts at {@code start} (or the last index). */
    private static int classEnd(String re, int start) {
        int i = start + 1;
        if (i < re.length() && re.charAt(i) == '^') {
            i++;
        }
        if (i < re.length() && re.charAt(i) == ']') {
            i++;
        }
        for (; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']') {
                return i;
            }
        }
        return re.length() - 1;
    }

    /**
     * RE2/J 1.8 never finishes compiling a case-insensitive pattern that holds one of U+1C80..U+1C88 (Cyrillic letter
     * variants whose case orbit does not lead back to them), alone or inside a class range; so one short rule would
     * hang the loader. Whether the pattern holds one; a range that covers every foldable character is safe, as
     * RE2/J does not fold it.
     */
    static boolean foldLoops(String re) {
        boolean inClass = false;
        int rangeStart = -1; // in a class: the code point before a '-', waiting for the range's end
        int last = -1; // in a class: the previous single code point
        for (int i = 0; i < re.length(); ) {
            int c = re.codePointAt(i);
            int next = i + Character.charCount(c);
            int cp = c;
            if (c == '\\' && next < re.length()) {
                char e = re.charAt(next);
                if (e == 'Q') {
                    int end = re.indexOf("\\E", next + 1);
                    String quoted = re.substring(next + 1, end < 0 ? re.length() : end);
                    if (quoted.codePoints().anyMatch(RegexSupport::loops)) {
                        return true;
                    }
                    i = end < 0 ? re.length() : end + 2;
                    continue;
                }
                java.util.regex.Matcher hex = ESCAPED_CODE_POINT.matcher(re).region(next, re.length());
                if (hex.lookingAt()) {
                    String digits = hex.group(1) != null ? hex.group(1) : hex.group(2);
                    cp = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits, 16);
                    next = hex.end();
                } else if (Character.isLetter(e)) {
                    // \d, \w, \pL ...: RE2/J folds these from tables, never through the looping code
                    cp = -1;
                    next = e == 'p' || e == 'P' ? classNameEnd(re, next + 1) : next + 1;
                } else {
                    cp = e;
                    next++;
                }
            } else if (!inClass && c == '[') {
                inClass = true;
                rangeStart = -1;
                last = -1;
                next = re.startsWith("^", next) ? next + 1 : next;
                next = re.startsWith("]", next) ? next + 1 : next; // a ']' first is a member
                i = next;
                continue;
            } else if (inClass && c == ']') {
                inClass = false;
                i = next;
                continue;
            } else if (inClass && c == '-' && last >= 0) {
                rangeStart = last;
                i = next;
                continue;
            }
            if (inClass && rangeStart >= 0 && cp >= 0) {
                if (rangeStart <= 0x1C88 && cp >= 0x1C80 && !(rangeStart <= MIN_FOLD && cp >= MAX_FOLD)) {
                    return true;
                }
                rangeStart = -1;
                last = -1;
            } else {
                if (loops(cp)) {
                    return true;
                }
                last = cp;
            }
            i = next;
        }
        return false;
    }

    private static boolean loops(int cp) {
        return cp >= 0x1C80 && cp <= 0x1C88;
    }

    private static int classNameEnd(String re, int i) {
        if (i < re.length() && re.charAt(i) == '{') {
            int close = re.indexOf('}', i);
            return close < 0 ? re.length() : close + 1;
        }
        return Math.min(re.length(), i + 1);
    }

    /** Names a backtracking-only construct in the pattern, or returns {@code null}. */
    static String unsupportedConstruct(String re) {
        boolean inClass = false;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\' && i + 1 < re.length()) {
                char n = re.charAt(i + 1);
                if (!inClass && n >= '1' && n <= '9') {
                    return "a backreference (\\" + n + ")";
                }
                if (!inClass && n == 'k' && i + 2 < re.length() && re.charAt(i + 2) == '<') {
                    return "a named backreference (\\k<...>)";
                }
                i++;
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                }
                continue;
            }
            if (c == '[') {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                if (i + 1 < re.length() && re.charAt(i + 1) == '^') {
                    i++;
                }
                if (i + 1 < re.length() && re.charAt(i + 1) == ']') {
                    i++;
                }
                continue;
            }
            if (c == '(' && re.startsWith("(?", i)) {
                if (re.startsWith("(?=", i) || re.startsWith("(?!", i)) {
                    return "a lookahead assertion (" + re.substring(i, i + 3) + "...)";
                }
                if (re.startsWith("(?<=", i) || re.startsWith("(?<!", i)) {
                    return "a lookbehind assertion (" + re.substring(i, i + 4) + "...)";
                }
                if (re.startsWith("(?>", i)) {
                    return "an atomic group ((?>...))";
                }
            }
            if ((c == '+' || c == '*' || c == '?' || c == '}') && i + 1 < re.length() && re.charAt(i + 1) == '+') {
                return "a possessive quantifier (" + c + "+)";
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
