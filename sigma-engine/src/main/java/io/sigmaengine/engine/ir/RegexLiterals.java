package io.sigmaengine.engine.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds literals that every match of a regex must contain, for prefiltering: one literal per top-level
 * alternative. Deliberately conservative: only the top-level sequence of each alternative is read; groups,
 * character classes (other than one character or a letter in both cases, like {@code [Pp]}), escapes other than
 * escaped punctuation, and optional characters end a run. A wrong answer here would hide matches, so when in
 * doubt it returns nothing.
 */
final class RegexLiterals {

    private RegexLiterals() {
    }

    /**
     * Literals of which every match contains at least one (case as written; the caller folds them), or
     * {@code null} if none can be derived.
     */
    static List<String> required(String re) {
        int start = leadingFlags(re);
        List<String> branches = splitTopLevel(re.substring(start));
        if (branches == null) {
            return null;
        }
        List<String> out = new ArrayList<>(branches.size());
        for (String b : branches) {
            String lit = longestInSequence(b);
            if (lit == null) {
                return null;
            }
            out.add(lit);
        }
        return out;
    }

    /** Length of leading inline flags like {@code (?i)} or {@code (?is)}, which do not change what is required. */
    private static int leadingFlags(String re) {
        if (re.startsWith("(?")) {
            int close = re.indexOf(')');
            if (close > 2 && re.substring(2, close).chars().allMatch(c -> "imsU".indexOf(c) >= 0)) {
                return close + 1;
            }
        }
        return 0;
    }

    /** The top-level alternatives, or {@code null} if the pattern is not well-formed enough to read. */
    private static List<String> splitTopLevel(String re) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < re.length(); i++) {
            char c = re.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = skipClass(re, i) - 1;
                if (i < 0) {
                    return null;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(re.substring(from, i));
                from = i + 1;
            }
        }
        if (depth != 0) {
            return null;
        }
        out.add(re.substring(from));
        return out;
    }

    /** The longest run of required literal characters in a sequence without top-level alternation. */
    private static String longestInSequence(String re) {
        String best = null;
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < re.length()) {
            char c = re.charAt(i);
            int next;
            char lit;
            if (c == '\\' && i + 1 < re.length()) {
                char e = re.charAt(i + 1);
                if ("xupPcNkQ0123456789".indexOf(e) >= 0) {
                    return null; // multi-character escapes (hex, unicode, properties, quoting): too irregular
                }
                if (Character.isLetterOrDigit(e)) {
                    best = longer(best, run);
                    i += 2;
                    continue;
                }
                lit = e;
                next = i + 2;
            } else if (c == '[') {
                int end = skipClass(re, i);
                if (end < 0) {
                    return null;
                }
                int single = singleLetterClass(re.substring(i + 1, end - 1));
                if (single < 0) {
                    best = longer(best, run);
                    i = end;
                    continue;
                }
                lit = (char) single;
                next = end;
            } else if (c == '(') {
                best = longer(best, run);
                i = skipGroup(re, i);
                if (i < 0) {
                    return null;
                }
                continue;
            } else if (c == '{') {
                // A counted repetition of what precedes (already excluded from the run): skip the counts.
                best = longer(best, run);
                int close = re.indexOf('}', i);
                if (close < 0) {
                    return null;
                }
                i = close + 1;
                continue;
            } else if (".^$)*+?}".indexOf(c) >= 0) {
                best = longer(best, run);
                i++;
                continue;
            } else {
                lit = c;
                next = i + 1;
            }
            char q = next < re.length() ? re.charAt(next) : 0;
            if (q == '?' || q == '*' || q == '{') {
                best = longer(best, run); // optional or counted: the character may be absent
                run.setLength(0);
                i = next;
                continue;
            }
            run.append(lit);
            if (q == '+') {
                // One or more: the character is required, but what follows need not be adjacent to the run.
                best = longer(best, run);
                run.setLength(0);
                i = next + 1;
                continue;
            }
            i = next;
        }
        return longer(best, run);
    }

    private static String longer(String best, StringBuilder run) {
        String r = run.length() > (best == null ? 0 : best.length()) ? run.toString() : best;
        run.setLength(0);
        return r;
    }

    /**
     * A class of exactly one character, or of one letter in both cases ({@code [Pp]}), as that character; else -1.
     */
    private static int singleLetterClass(String body) {
        if (body.length() == 1 && "^\\-]".indexOf(body.charAt(0)) < 0) {
            return body.charAt(0);
        }
        if (body.length() == 2) {
            char a = body.charAt(0);
            char b = body.charAt(1);
            if (Character.isLetter(a) && a != b && Character.toLowerCase(a) == Character.toLowerCase(b)) {
                return Character.toLowerCase(a);
            }
        }
        return -1;
    }

    /** Index just after a character class starting at {@code i}, or -1 if it does not end. */
    private static int skipClass(String re, int i) {
        int j = i + 1;
        if (j < re.length() && re.charAt(j) == '^') {
            j++;
        }
        if (j < re.length() && re.charAt(j) == ']') {
            j++;
        }
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j += 2;
                continue;
            }
            if (c == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
                int close = re.indexOf(":]", j + 2);
                if (close < 0) {
                    return -1;
                }
                j = close + 2;
                continue;
            }
            if (c == ']') {
                return j + 1;
            }
            j++;
        }
        return -1;
    }

    /** Index just after the group starting at {@code i}, or -1 if it does not end. */
    private static int skipGroup(String re, int i) {
        int depth = 0;
        for (int j = i; j < re.length(); j++) {
            char c = re.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '[') {
                j = skipClass(re, j) - 1;
                if (j < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return j + 1;
            }
        }
        return -1;
    }
}
