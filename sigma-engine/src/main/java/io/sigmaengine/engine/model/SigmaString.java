package io.sigmaengine.engine.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * A Sigma string value parsed into tokens: literal text, the wildcards {@code *} and {@code ?}, and (only under
 * the {@code expand} modifier) placeholders. Modifiers work on tokens, never on raw text, so that
 * {@code startswith: 'C:\Windows\'} appends a real wildcard instead of producing the escaped text
 * {@code C:\Windows\*}.
 *
 * <p>Immutable. Adjacent literals are merged and consecutive {@code *} collapse into one.
 */
public final class SigmaString {

    /** One token of a Sigma string. */
    public sealed interface Token permits Literal, AnyString, AnyChar, Placeholder {
    }

    /** Literal text (never empty). */
    public record Literal(String text) implements Token {
        public Literal {
            Objects.requireNonNull(text);
        }
    }

    /** {@code *}: any run of characters, including none and including newlines. */
    public enum AnyString implements Token {
        INSTANCE;

        @Override
        public String toString() {
            return "*";
        }
    }

    /** {@code ?}: exactly one character (one code point). */
    public enum AnyChar implements Token {
        INSTANCE;

        @Override
        public String toString() {
            return "?";
        }
    }

    /** {@code %name%} under the {@code expand} modifier. */
    public record Placeholder(String name) implements Token {
    }

    private final List<Token> tokens;

    private SigmaString(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** Builds a string from tokens, normalising them (merging literals, collapsing {@code **}). */
    public static SigmaString of(List<Token> tokens) {
        List<Token> out = new ArrayList<>(tokens.size());
        StringBuilder pending = null;
        for (Token t : tokens) {
            if (t instanceof Literal lit) {
                if (lit.text().isEmpty()) {
                    continue;
                }
                if (pending == null) {
                    pending = new StringBuilder();
                }
                pending.append(lit.text());
                continue;
            }
            if (pending != null) {
                out.add(new Literal(pending.toString()));
                pending = null;
            }
            if (t == AnyString.INSTANCE && !out.isEmpty() && out.get(out.size() - 1) == AnyString.INSTANCE) {
                continue;
            }
            out.add(t);
        }
        if (pending != null) {
            out.add(new Literal(pending.toString()));
        }
        return new SigmaString(Collections.unmodifiableList(out));
    }

    /** A string of one literal (no wildcards). */
    public static SigmaString literal(String text) {
        return of(List.of(new Literal(text)));
    }

    /**
     * Parses rule text with Sigma's escaping rules: {@code *} and {@code ?} are wildcards; a backslash before
     * {@code *}, {@code ?} or {@code \} makes that character literal and is consumed; any other backslash is a
     * literal backslash (so Windows paths need no escaping).
     */
    public static SigmaString parse(String text) {
        List<Token> out = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 < n) {
                    char next = text.charAt(i + 1);
                    if (next == '*' || next == '?' || next == '\\') {
                        lit.append(next);
                        i++;
                        continue;
                    }
                }
                lit.append('\\');
            } else if (c == '*' || c == '?') {
                flush(lit, out);
                out.add(c == '*' ? AnyString.INSTANCE : AnyChar.INSTANCE);
            } else {
                lit.append(c);
            }
        }
        flush(lit, out);
        return of(out);
    }

    private static void flush(StringBuilder lit, List<Token> out) {
        if (lit.length() > 0) {
            out.add(new Literal(lit.toString()));
            lit.setLength(0);
        }
    }

    public List<Token> tokens() {
        return tokens;
    }

    public boolean isEmpty() {
        return tokens.isEmpty();
    }

    /** Whether the string holds a {@code *} or {@code ?}. */
    public boolean hasWildcards() {
        for (Token t : tokens) {
            if (t == AnyString.INSTANCE || t == AnyChar.INSTANCE) {
                return true;
            }
        }
        return false;
    }

    public boolean hasPlaceholders() {
        for (Token t : tokens) {
            if (t instanceof Placeholder) {
                return true;
            }
        }
        return false;
    }

    /** Whether the string is only literal text (or empty). */
    public boolean isPlain() {
        for (Token t : tokens) {
            if (!(t instanceof Literal)) {
                return false;
            }
        }
        return true;
    }

    public boolean startsWithAnyString() {
        return !tokens.isEmpty() && tokens.get(0) == AnyString.INSTANCE;
    }

    public boolean endsWithAnyString() {
        return !tokens.isEmpty() && tokens.get(tokens.size() - 1) == AnyString.INSTANCE;
    }

    /** The literal text of a plain string; only meaningful when {@link #isPlain()}. */
    public String plainText() {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokens) {
            if (t instanceof Literal l) {
                sb.append(l.text());
            }
        }
        return sb.toString();
    }

    /** This string with {@code *} added in front, unless it already starts with one. */
    public SigmaString prependAnyString() {
        if (startsWithAnyString()) {
            return this;
        }
        List<Token> t = new ArrayList<>(tokens.size() + 1);
        t.add(AnyString.INSTANCE);
        t.addAll(tokens);
        return of(t);
    }

    /** This string with {@code *} added at the end, unless it already ends with one. */
    public SigmaString appendAnyString() {
        if (endsWithAnyString()) {
            return this;
        }
        List<Token> t = new ArrayList<>(tokens.size() + 1);
        t.addAll(tokens);
        t.add(AnyString.INSTANCE);
        return of(t);
    }

    /**
     * The rule-text form: literal {@code *}, {@code ?} and {@code \} are escaped where needed so that
     * {@link #parse(String)} gives this string back; placeholders are written as {@code %name%}.
     */
    public String toRuleText() {
        StringBuilder sb = new StringBuilder();
        for (int ti = 0; ti < tokens.size(); ti++) {
            Token t = tokens.get(ti);
            if (t instanceof Literal l) {
                boolean wildcardFollows = ti + 1 < tokens.size()
                        && (tokens.get(ti + 1) == AnyString.INSTANCE || tokens.get(ti + 1) == AnyChar.INSTANCE);
                String s = l.text();
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '*' || c == '?') {
                        sb.append('\\').append(c);
                    } else if (c == '\\') {
                        // A backslash only needs escaping where the parser would otherwise read it as an escape.
                        char next = i + 1 < s.length() ? s.charAt(i + 1) : 0;
                        boolean beforeSpecial = next == '*' || next == '?' || next == '\\'
                                || (i + 1 == s.length() && wildcardFollows);
                        sb.append(beforeSpecial ? "\\\\" : "\\");
                    } else {
                        sb.append(c);
                    }
                }
            } else if (t instanceof Placeholder p) {
                sb.append('%').append(p.name()).append('%');
            } else {
                sb.append(t);
            }
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigmaString s && s.tokens.equals(tokens);
    }

    @Override
    public int hashCode() {
        return tokens.hashCode();
    }

    @Override
    public String toString() {
        return toRuleText();
    }
}
