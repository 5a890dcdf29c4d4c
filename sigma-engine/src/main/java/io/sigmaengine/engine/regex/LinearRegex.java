package io.sigmaengine.engine.regex;

/**
 * A compiled regular expression that answers one question, in time linear in the text and without allocating
 * once warmed up: does the pattern match anywhere in the text? The answer is exactly RE2/J's
 * {@code Pattern.compile(pattern, flags).matcher(text).find()} for every pattern {@link #compile} accepts;
 * patterns it cannot run exactly as RE2/J does are refused, and the caller keeps RE2/J for them.
 *
 * <p>Instances are immutable apart from an internal, bounded cache of DFA states, and safe for concurrent use.
 */
public final class LinearRegex {

    /** The flag values of {@code com.google.re2j.Pattern}. */
    public static final int CASE_INSENSITIVE = RegexParser.CASE_INSENSITIVE;
    public static final int DOTALL = RegexParser.DOTALL;
    public static final int MULTILINE = RegexParser.MULTILINE;

    /** Memory bound of one regex's DFA cache; beyond it, searches fall back to NFA simulation. */
    static final long DEFAULT_CACHE_BYTES = 1 << 20;

    private final String pattern;
    private final int flags;
    private final LazyDfa dfa;

    private LinearRegex(String pattern, int flags, LazyDfa dfa) {
        this.pattern = pattern;
        this.flags = flags;
        this.dfa = dfa;
    }

    /**
     * Compiles {@code pattern} with RE2/J {@code Pattern} flags ({@link #CASE_INSENSITIVE}, {@link #DOTALL},
     * {@link #MULTILINE}).
     *
     * @throws UnsupportedRegexException if RE2/J rejects the pattern, or if it uses something this class cannot
     *     run exactly as RE2/J: Unicode classes ({@code \p}), case-insensitive letters whose RE2/J folding is
     *     inconsistent or never terminates, alternatives that RE2/J factors wrongly (one letter both case-sensitive
     *     and case-insensitive), lone surrogates, or counted repetitions that unroll too large
     */
    public static LinearRegex compile(String pattern, int flags) throws UnsupportedRegexException {
        return compile(pattern, flags, DEFAULT_CACHE_BYTES);
    }

    static LinearRegex compile(String pattern, int flags, long cacheBytes) throws UnsupportedRegexException {
        Nfa nfa = NfaCompiler.compile(RegexParser.parse(pattern, flags));
        return new LinearRegex(pattern, flags, new LazyDfa(nfa, cacheBytes));
    }

    /** Whether the pattern matches somewhere in {@code text} (an unanchored search, like RE2/J's {@code find()}). */
    public boolean matches(CharSequence text) {
        return dfa.matches(text);
    }

    public String pattern() {
        return pattern;
    }

    public int flags() {
        return flags;
    }

    @Override
    public String toString() {
        return pattern;
    }
}
