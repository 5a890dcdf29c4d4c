package io.sigmaengine.engine.model;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.Set;

/**
 * Regex compilation with RE2/J, whose matching time is linear in the input: rule regexes are semi-trusted, and a
 * backtracking engine would let one rule ({@code ^(a+)+$}) hang the process. Constructs that need backtracking
 * (backreferences, lookaround, atomic groups, possessive quantifiers) are rejected by name.
 */
public final class RegexSupport {

    private RegexSupport() {
    }

    /** Compiles a Sigma regex with its flags, or explains why it cannot run. */
    public static Pattern compile(String regex, Set<SigmaValue.RegexFlag> flags, int maxLength)
            throws ModelException {
        if (regex.length() > maxLength) {
            throw new ModelException("regex-too-long", "regular expression is " + regex.length()
                    + " characters long; the limit is " + maxLength + " (Limits.withMaxRegexLength)");
        }
        String unsupported = unsupportedConstruct(regex);
        if (unsupported != null) {
            throw new ModelException("regex-unsupported", "regular expression '" + abbreviate(regex) + "' uses "
                    + unsupported + ", which cannot be evaluated in linear time; rewrite the pattern without it");
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
