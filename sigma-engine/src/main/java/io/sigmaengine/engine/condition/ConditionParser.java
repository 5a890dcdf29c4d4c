package io.sigmaengine.engine.condition;

import io.sigmaengine.api.Limits;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.WritableToken;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses Sigma condition strings into {@link ConditionExpr} trees.
 *
 * <p>The parser only checks syntax. Selector expansion is the compiler's job, once the rule's search identifiers are
 * known: a pattern selects the identifiers it {@linkplain #patternMatches matches}, identifiers starting with
 * {@code _} only when the pattern itself starts with {@code _}; {@code them} selects every identifier not starting
 * with {@code _}; a selector that selects nothing is removed.
 *
 * <p>Thread-safe: every call uses its own lexer and parser; the ANTLR prediction caches they share are thread-safe.
 */
public final class ConditionParser {

    /** The two condition languages: rule conditions and temporal correlation conditions. */
    enum Dialect {
        SIGMA,
        CORRELATION
    }

    private ConditionParser() {
    }

    /**
     * Parses the {@code condition} of a detection.
     *
     * @throws ConditionSyntaxException with code {@code condition-empty}, {@code condition-too-long},
     *                                  {@code condition-pipe}, {@code condition-too-deep},
     *                                  {@code condition-operator-case}, {@code condition-quantifier} or
     *                                  {@code condition-syntax}
     */
    public static ParsedCondition parse(String condition, Limits limits) throws ConditionSyntaxException {
        return parse(condition, limits, Dialect.SIGMA);
    }

    /**
     * Parses the condition of a temporal correlation rule: rule names ({@code [A-Za-z_][A-Za-z0-9_]*}) combined with
     * {@code and}, {@code or}, {@code not} (lowercase or uppercase) and parentheses; no selectors. Rule names become
     * {@link ConditionExpr.Identifier}s.
     *
     * @throws ConditionSyntaxException with the codes of {@link #parse}
     */
    public static ParsedCondition parseCorrelationCondition(String condition, Limits limits)
            throws ConditionSyntaxException {
        return parse(condition, limits, Dialect.CORRELATION);
    }

    /**
     * Whether identifier {@code name} matches selector {@code pattern}: {@code *} matches any run of characters
     * (including none), every other character matches itself; the whole name must match. (pySigma anchors only at
     * the start, so there {@code 1 of sel} also selects {@code selection}; this engine does not.)
     */
    public static boolean patternMatches(String pattern, String name) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(name, "name");
        // Greedy glob match with backtracking to the last '*': linear in practice, never exponential.
        int p = 0;
        int n = 0;
        int star = -1;
        int starMatch = 0;
        while (n < name.length()) {
            if (p < pattern.length() && pattern.charAt(p) == '*') {
                while (p + 1 < pattern.length() && pattern.charAt(p + 1) == '*') {
                    p++; // a run of stars is one star; without this each name would cost the run's length
                }
                star = p++;
                starMatch = n;
            } else if (p < pattern.length() && pattern.charAt(p) == name.charAt(n)) {
                p++;
                n++;
            } else if (star >= 0) {
                p = star + 1;
                n = ++starMatch;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }

    private static ParsedCondition parse(String condition, Limits limits, Dialect dialect)
            throws ConditionSyntaxException {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(limits, "limits");
        checkText(condition, limits);

        CommonTokenStream tokens = new CommonTokenStream(lexer(condition));
        tokens.fill();
        if (dialect == Dialect.CORRELATION) {
            retypeForCorrelation(tokens.getTokens());
        }
        checkDepth(tokens.getTokens(), limits.maxConditionDepth());

        try {
            SigmaConditionParser.ConditionContext tree = parseTree(tokens, dialect);
            return new AstBuilder().build(tree);
        } catch (StackOverflowError e) {
            // Unreachable with a sane depth limit; a huge configured limit must still not crash the caller.
            throw new ConditionSyntaxException("condition-too-deep", "condition nests too deeply for the thread's"
                    + " stack; maxConditionDepth (" + limits.maxConditionDepth() + ") is set too high"
                    + " (Limits.withMaxConditionDepth)", 0);
        }
    }

    private static void checkText(String condition, Limits limits) throws ConditionSyntaxException {
        if (condition.length() > limits.maxConditionLength()) {
            throw new ConditionSyntaxException("condition-too-long", "condition is " + condition.length()
                    + " characters long; the limit is " + limits.maxConditionLength() + " (Limits.withMaxConditionLength)",
                    limits.maxConditionLength() + 1);
        }
        if (condition.isBlank()) {
            throw new ConditionSyntaxException("condition-empty", "condition is empty", 1);
        }
        int pipe = condition.indexOf('|');
        if (pipe >= 0) {
            throw new ConditionSyntaxException("condition-pipe", "'|' at column " + (pipe + 1)
                    + ": the pipe aggregation syntax ('| count() ...', '| near ...') was removed in Sigma 2.0;"
                    + " express it as a correlation rule (event_count, value_count, temporal, ...)", pipe + 1);
        }
    }

    private static SigmaConditionLexer lexer(String condition) {
        SigmaConditionLexer lexer = new SigmaConditionLexer(CharStreams.fromString(condition));
        // The OTHER token makes every input lexable; nothing may go to the console.
        lexer.removeErrorListeners();
        return lexer;
    }

    /**
     * Correlation conditions have no selectors: uppercase operators become operators, the selector keywords become
     * plain rule names, and words that are not valid rule names become {@code OTHER} tokens for the parser to reject.
     */
    private static void retypeForCorrelation(List<Token> tokens) throws ConditionSyntaxException {
        for (int i = 0; i < tokens.size(); i++) {
            WritableToken token = (WritableToken) tokens.get(i);
            int type = token.getType();
            boolean quantifier = type == SigmaConditionLexer.ONE || type == SigmaConditionLexer.ANY
                    || type == SigmaConditionLexer.ALL;
            if (quantifier && tokens.get(i + 1).getType() == SigmaConditionLexer.OF) {
                throw new ConditionSyntaxException("condition-syntax", "'" + token.getText() + " of' at column "
                        + SyntaxErrors.column(token) + ": selectors ('1 of', 'any of', 'all of') are not allowed in"
                        + " correlation conditions", SyntaxErrors.column(token));
            }
            if (type == SigmaConditionLexer.ID) {
                switch (token.getText()) {
                    case "AND" -> token.setType(SigmaConditionLexer.AND);
                    case "OR" -> token.setType(SigmaConditionLexer.OR);
                    case "NOT" -> token.setType(SigmaConditionLexer.NOT);
                    default -> {
                        if (!SyntaxErrors.isRuleName(token.getText())) {
                            token.setType(SigmaConditionLexer.OTHER);
                        }
                    }
                }
            } else if (type == SigmaConditionLexer.ANY || type == SigmaConditionLexer.ALL
                    || type == SigmaConditionLexer.OF || type == SigmaConditionLexer.THEM) {
                token.setType(SigmaConditionLexer.ID);
            } else if (type == SigmaConditionLexer.ONE || type == SigmaConditionLexer.PATTERN) {
                token.setType(SigmaConditionLexer.OTHER);
            }
        }
    }

    /**
     * Linear scan for nesting deeper than the limit, run before the recursive-descent parser so that hostile input
     * such as 10,000 nested parentheses gives an error instead of a StackOverflowError. Each {@code (} and each
     * {@code not} adds a level; a {@code not} chain ends with its operand, a parenthesised group with its {@code )}.
     */
    private static void checkDepth(List<Token> tokens, int maxDepth) throws ConditionSyntaxException {
        Deque<Integer> outerDepths = new ArrayDeque<>();
        int depth = 0;
        int pendingNots = 0;
        for (Token token : tokens) {
            switch (token.getType()) {
                case SigmaConditionLexer.NOT -> {
                    pendingNots++;
                    if (depth + pendingNots > maxDepth) {
                        throw tooDeep(maxDepth, SyntaxErrors.column(token));
                    }
                }
                case SigmaConditionLexer.LPAREN -> {
                    outerDepths.push(depth);
                    depth += pendingNots + 1;
                    pendingNots = 0;
                    if (depth > maxDepth) {
                        throw tooDeep(maxDepth, SyntaxErrors.column(token));
                    }
                }
                case SigmaConditionLexer.RPAREN -> {
                    // An unbalanced ')' is left for the parser to report.
                    if (!outerDepths.isEmpty()) {
                        depth = outerDepths.pop();
                    }
                    pendingNots = 0;
                }
                default -> pendingNots = 0;
            }
        }
    }

    private static ConditionSyntaxException tooDeep(int maxDepth, int column) {
        return new ConditionSyntaxException("condition-too-deep", "condition nests parentheses and 'not' more than "
                + maxDepth + " levels deep at column " + column + " (Limits.withMaxConditionDepth)", column);
    }

    /**
     * Two-stage parse: SLL prediction is fast and suffices for virtually every input; only when it fails does full LL
     * prediction run, to decide whether the input is really invalid and where.
     */
    private static SigmaConditionParser.ConditionContext parseTree(CommonTokenStream tokens, Dialect dialect)
            throws ConditionSyntaxException {
        SigmaConditionParser parser = new SigmaConditionParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        try {
            return parser.condition();
        } catch (ParseCancellationException sllFailure) {
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            try {
                return parser.condition();
            } catch (ParseCancellationException failure) {
                Token offending = failure.getCause() instanceof RecognitionException e && e.getOffendingToken() != null
                        ? e.getOffendingToken()
                        : parser.getCurrentToken();
                throw SyntaxErrors.describe(tokens.getTokens(), offending.getTokenIndex(), dialect);
            }
        }
    }
}
