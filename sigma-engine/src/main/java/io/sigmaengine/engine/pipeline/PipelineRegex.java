package io.sigmaengine.engine.pipeline;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;

import java.util.ArrayList;
import java.util.List;

/**
 * The regular expressions of pipeline files ({@code match_string}, {@code include_fields} with {@code mode: re},
 * {@code replace_string}). pySigma uses Python's {@code re}; the engine uses RE2/J so that rule values, which may
 * come from anywhere, are processed in linear time. The syntax is the same for the usual constructs (classes,
 * {@code \w}, {@code (?P<name>...)}, {@code (?i)}); back-references and look-around are rejected when the pipeline
 * loads. Python's {@code re.match} (anchored at the start only) is {@link #matchesAtStart}; {@code re.sub}
 * replacement templates ({@code \1}, {@code \g<1>}, {@code \g<name>}) are {@link Replacement}s.
 */
final class PipelineRegex {

    private PipelineRegex() {
    }

    /** @throws IllegalArgumentException with the reason if the pattern is not valid RE2 syntax */
    static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regular expression '" + regex + "' is not supported: "
                    + e.getDescription() + " (pipelines use RE2 syntax: no back-references or look-around)", e);
        }
    }

    /** Python's {@code re.match}: a match that starts at the beginning of the text. */
    static boolean matchesAtStart(Pattern p, String text) {
        return p.matcher(text).lookingAt();
    }

    /** A parsed {@code re.sub} replacement template. */
    static final class Replacement {
        /** Literal text ({@code String}), group numbers ({@code Integer}) and group names (in a {@code Name}). */
        private final List<Object> parts;

        private record Name(String name) {
        }

        private Replacement(List<Object> parts) {
            this.parts = parts;
        }

        /**
         * Parses a Python replacement template for {@code pattern}.
         *
         * @throws IllegalArgumentException for a reference to a group the pattern does not have
         */
        static Replacement parse(String template, Pattern pattern) {
            List<Object> parts = new ArrayList<>();
            StringBuilder lit = new StringBuilder();
            int n = template.length();
            for (int i = 0; i < n; i++) {
                char c = template.charAt(i);
                if (c != '\\' || i + 1 == n) {
                    lit.append(c);
                    continue;
                }
                char e = template.charAt(++i);
                Object ref = null;
                if (e == '0') { // Python: an octal escape, not a group
                    int end = i + 1;
                    while (end < n && end < i + 3 && template.charAt(end) >= '0' && template.charAt(end) <= '7') {
                        end++;
                    }
                    lit.append((char) Integer.parseInt(template.substring(i, end), 8));
                    i = end - 1;
                } else if (Character.isDigit(e)) {
                    int end = i + 1 < n && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                    ref = Integer.parseInt(template.substring(i, end));
                    i = end - 1;
                } else if (e == 'g' && i + 1 < n && template.charAt(i + 1) == '<') {
                    int close = template.indexOf('>', i + 2);
                    if (close < 0) {
                        throw new IllegalArgumentException("unterminated group reference in '" + template + "'");
                    }
                    String g = template.substring(i + 2, close);
                    ref = g.chars().allMatch(Character::isDigit) && !g.isEmpty() ? (Object) Integer.parseInt(g)
                            : new Name(g);
                    i = close;
                } else {
                    lit.append(switch (e) {
                        case 'n' -> "\n";
                        case 't' -> "\t";
                        case 'r' -> "\r";
                        case '\\' -> "\\";
                        default -> "\\" + e;
                    });
                }
                if (ref != null) {
                    check(ref, pattern, template);
                    if (lit.length() > 0) {
                        parts.add(lit.toString());
                        lit.setLength(0);
                    }
                    parts.add(ref);
                }
            }
            if (lit.length() > 0) {
                parts.add(lit.toString());
            }
            return new Replacement(List.copyOf(parts));
        }

        private static void check(Object ref, Pattern pattern, String template) {
            if (ref instanceof Integer g && g > pattern.groupCount()) {
                throw new IllegalArgumentException("replacement '" + template + "' refers to group " + g
                        + ", but the regular expression has " + pattern.groupCount());
            }
            if (ref instanceof Name name && !pattern.namedGroups().containsKey(name.name())) {
                throw new IllegalArgumentException("replacement '" + template + "' refers to group '" + name.name()
                        + "', which the regular expression does not define");
            }
        }

        /** Python's {@code re.sub(pattern, template, text)}: every non-overlapping match replaced. */
        String replaceAll(Pattern pattern, String text) {
            Matcher m = pattern.matcher(text);
            StringBuilder out = new StringBuilder();
            int last = 0;
            while (m.find()) {
                out.append(text, last, m.start());
                for (Object p : parts) {
                    String g = p instanceof Integer i ? m.group(i) : p instanceof Name nm ? m.group(nm.name()) : null;
                    out.append(p instanceof String s ? s : g == null ? "" : g);
                }
                last = m.end();
            }
            return out.append(text, last, text.length()).toString();
        }
    }
}
