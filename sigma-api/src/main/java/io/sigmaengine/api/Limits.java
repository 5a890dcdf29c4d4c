package io.sigmaengine.api;

/**
 * Resource limits that protect the embedding process from hostile rules and events. Every limit has a documented
 * default that is far above anything found in real rule sets and logs; exceeding one gives a precise error (a
 * rejected rule or a rejected event), never a crash or a hang.
 *
 * <p>Immutable; derive variants with the {@code with...} methods.
 */
public final class Limits {

    private static final Limits DEFAULTS = new Limits(
            4 << 20, 50, 64, 200_000,
            64 << 10, 200, 10_000, 4_096, 100_000, 1_000_000, 32 << 10, 16 << 10,
            64 << 20, 256);

    private final int maxRuleFileBytes;
    private final int maxYamlAliases;
    private final int maxYamlDepth;
    private final int maxYamlNodes;
    private final int maxConditionLength;
    private final int maxConditionDepth;
    private final int maxConditionTerms;
    private final int maxValueVariants;
    private final int maxValuesPerRule;
    private final int maxRuleSetSize;
    private final int maxRegexLength;
    private final int maxEncodedValueLength;
    private final int maxEventBytes;
    private final int maxEventDepth;

    private Limits(int maxRuleFileBytes, int maxYamlAliases, int maxYamlDepth, int maxYamlNodes,
                   int maxConditionLength, int maxConditionDepth, int maxConditionTerms, int maxValueVariants,
                   int maxValuesPerRule, int maxRuleSetSize, int maxRegexLength, int maxEncodedValueLength,
                   int maxEventBytes, int maxEventDepth) {
        this.maxRuleFileBytes = positive("maxRuleFileBytes", maxRuleFileBytes);
        this.maxYamlAliases = nonNegative("maxYamlAliases", maxYamlAliases);
        this.maxYamlDepth = positive("maxYamlDepth", maxYamlDepth);
        this.maxYamlNodes = positive("maxYamlNodes", maxYamlNodes);
        this.maxConditionLength = positive("maxConditionLength", maxConditionLength);
        this.maxConditionDepth = positive("maxConditionDepth", maxConditionDepth);
        this.maxConditionTerms = positive("maxConditionTerms", maxConditionTerms);
        this.maxValueVariants = positive("maxValueVariants", maxValueVariants);
        this.maxValuesPerRule = positive("maxValuesPerRule", maxValuesPerRule);
        this.maxRuleSetSize = positive("maxRuleSetSize", maxRuleSetSize);
        this.maxRegexLength = positive("maxRegexLength", maxRegexLength);
        this.maxEncodedValueLength = positive("maxEncodedValueLength", maxEncodedValueLength);
        this.maxEventBytes = positive("maxEventBytes", maxEventBytes);
        this.maxEventDepth = positive("maxEventDepth", maxEventDepth);
    }

    private static int positive(String name, int v) {
        if (v <= 0) {
            throw new ConfigurationException("limit " + name + " must be positive, got " + v);
        }
        return v;
    }

    private static int nonNegative(String name, int v) {
        if (v < 0) {
            throw new ConfigurationException("limit " + name + " must not be negative, got " + v);
        }
        return v;
    }

    /** The default limits. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    /** Largest rule or pipeline file, in bytes (default 4 MiB). */
    public int maxRuleFileBytes() {
        return maxRuleFileBytes;
    }

    /** Most YAML alias references in one file (default 50); defeats "billion laughs" alias bombs. */
    public int maxYamlAliases() {
        return maxYamlAliases;
    }

    /** Deepest YAML nesting of maps and lists (default 64; real rules need about 6). */
    public int maxYamlDepth() {
        return maxYamlDepth;
    }

    /** Most YAML nodes in one file (default 200,000). */
    public int maxYamlNodes() {
        return maxYamlNodes;
    }

    /** Longest condition string, in characters (default 64 Ki). */
    public int maxConditionLength() {
        return maxConditionLength;
    }

    /** Deepest nesting of parentheses and {@code not} in a condition (default 200). */
    public int maxConditionDepth() {
        return maxConditionDepth;
    }

    /**
     * Most search-identifier references in one rule's condition once selectors such as {@code 1 of sel*} and
     * {@code all of them} are expanded into the identifiers they select (default 10,000; SigmaHQ rules need a few
     * dozen). Without it a condition of a few kilobytes could expand quadratically.
     */
    public int maxConditionTerms() {
        return maxConditionTerms;
    }

    /**
     * Most variants one rule value may expand into through {@code windash}, {@code base64offset} and placeholders
     * (default 4,096; {@code windash} alone gives 5^n variants for n flag positions).
     */
    public int maxValueVariants() {
        return maxValueVariants;
    }

    /**
     * Most values in one rule, counted after expansion by {@code windash}, {@code base64offset} and placeholders
     * (default 100,000).
     */
    public int maxValuesPerRule() {
        return maxValuesPerRule;
    }

    /**
     * Most values plus condition terms in one rule set, counted after expansion, after filters are attached and
     * after selectors are expanded (default 1,000,000; all of SigmaHQ's {@code rules} folder needs about 55,000).
     * Bounds the memory of a compiled rule set however the rules amplify: a rule that would exceed it is rejected.
     */
    public int maxRuleSetSize() {
        return maxRuleSetSize;
    }

    /**
     * Longest regular expression, in characters, counted both as written and with its counted repetitions unrolled
     * ({@code (ab){3}} counts 6; default 32 Ki). RE2/J matches in time linear in the input, but its program, and
     * so its memory and its time per input character, grow with the unrolled length.
     */
    public int maxRegexLength() {
        return maxRegexLength;
    }

    /** Longest value that {@code base64}/{@code base64offset}/UTF-16 modifiers may encode, in characters (16 Ki). */
    public int maxEncodedValueLength() {
        return maxEncodedValueLength;
    }

    /** Largest single event accepted by the JSON reader, in bytes (default 64 MiB). */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** Deepest nesting of objects and arrays in an event (default 256). */
    public int maxEventDepth() {
        return maxEventDepth;
    }

    public Limits withMaxRuleFileBytes(int v) {
        return new Limits(v, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength, maxConditionDepth,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxYamlAliases(int v) {
        return new Limits(maxRuleFileBytes, v, maxYamlDepth, maxYamlNodes, maxConditionLength, maxConditionDepth,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxYamlDepth(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, v, maxYamlNodes, maxConditionLength, maxConditionDepth,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxYamlNodes(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, v, maxConditionLength, maxConditionDepth,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxConditionLength(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, v, maxConditionDepth,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxConditionDepth(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength, v,
                maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxConditionTerms(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, v, maxValueVariants, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxValueVariants(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, v, maxValuesPerRule, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxValuesPerRule(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, v, maxRuleSetSize, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxRuleSetSize(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, maxValuesPerRule, v, maxRegexLength,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxRegexLength(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize, v,
                maxEncodedValueLength, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxEncodedValueLength(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize,
                maxRegexLength, v, maxEventBytes, maxEventDepth);
    }

    public Limits withMaxEventBytes(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize,
                maxRegexLength, maxEncodedValueLength, v, maxEventDepth);
    }

    public Limits withMaxEventDepth(int v) {
        return new Limits(maxRuleFileBytes, maxYamlAliases, maxYamlDepth, maxYamlNodes, maxConditionLength,
                maxConditionDepth, maxConditionTerms, maxValueVariants, maxValuesPerRule, maxRuleSetSize,
                maxRegexLength, maxEncodedValueLength, maxEventBytes, v);
    }

    @Override
    public String toString() {
        return "Limits{maxRuleFileBytes=" + maxRuleFileBytes + ", maxYamlAliases=" + maxYamlAliases
                + ", maxYamlDepth=" + maxYamlDepth + ", maxYamlNodes=" + maxYamlNodes
                + ", maxConditionLength=" + maxConditionLength + ", maxConditionDepth=" + maxConditionDepth
                + ", maxConditionTerms=" + maxConditionTerms + ", maxValueVariants=" + maxValueVariants
                + ", maxValuesPerRule=" + maxValuesPerRule + ", maxRuleSetSize=" + maxRuleSetSize
                + ", maxRegexLength=" + maxRegexLength + ", maxEncodedValueLength=" + maxEncodedValueLength
                + ", maxEventBytes=" + maxEventBytes + ", maxEventDepth=" + maxEventDepth + '}';
    }
}
