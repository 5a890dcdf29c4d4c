package io.sigmaengine.engine.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmaengine.api.Limits;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionParserTest {

    private static final Limits LIMITS = Limits.defaults();

    private static ParsedCondition parse(String condition) throws ConditionSyntaxException {
        return ConditionParser.parse(condition, LIMITS);
    }

    private static String tree(String condition) throws ConditionSyntaxException {
        return Sexpr.of(parse(condition).expr());
    }

    private static ConditionSyntaxException error(String condition) {
        return assertThrows(ConditionSyntaxException.class, () -> parse(condition));
    }

    private static void assertError(String condition, String code, int column) {
        ConditionSyntaxException e = error(condition);
        assertEquals(code, e.code(), () -> condition + " -> " + e.getMessage());
        assertEquals(column, e.column(), () -> condition + " -> " + e.getMessage());
    }

    @Nested
    class Precedence {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "a or b and not c          | or(a, and(b, not(c)))",
            "not a and b               | and(not(a), b)",
            "not a or b                | or(not(a), b)",
            "not (a or b)              | not(or(a, b))",
            "not not x                 | not(not(x))",
            "a and (b or c)            | and(a, or(b, c))",
            "(a or b) and c            | and(or(a, b), c)",
            "a and b or c and d        | or(and(a, b), and(c, d))",
            "not 1 of sel* and b       | and(not(any(sel*)), b)",
            "all of them or not a      | or(all(them), not(a))",
            "((a))                     | a",
        })
        void bindsOrLoosestThenAndThenNot(String condition, String expected) throws Exception {
            assertEquals(expected, tree(condition));
        }
    }

    @Nested
    class Flattening {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "a or b or c                   | or(a, b, c)",
            "a and b and c and d           | and(a, b, c, d)",
            "(a or b) or c                 | or(a, b, c)",
            "a or (b or (c or d))          | or(a, b, c, d)",
            "(a and b) and (c and d)       | and(a, b, c, d)",
            "a or (b and c) or d           | or(a, and(b, c), d)",
            "not (a or b) or c             | or(not(or(a, b)), c)",
            "(a or b) and (c or d)         | and(or(a, b), or(c, d))",
        })
        void mergesNestedOperatorsOfTheSameKind(String condition, String expected) throws Exception {
            assertEquals(expected, tree(condition));
        }

        @Test
        void columnsPointAtNodeStarts() throws Exception {
            var or = assertInstanceOf(ConditionExpr.Or.class, parse("(a or b) or not c").expr());
            assertEquals(1, or.column());
            assertEquals(2, or.operands().get(0).column());
            assertEquals(7, or.operands().get(1).column());
            var not = assertInstanceOf(ConditionExpr.Not.class, or.operands().get(2));
            assertEquals(13, not.column());
            assertEquals(17, not.operand().column());
        }
    }

    @Nested
    class Selectors {

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "1 of them          | any(them)",
            "any of them        | any(them)",
            "all of them        | all(them)",
            "any of sel_*       | any(sel_*)",
            "1 of selection     | any(selection)",
            "all of *           | all(*)",
            "1 of *filter*      | any(*filter*)",
            "all of them_x      | all(them_x)",
            "1 of not_*         | any(not_*)",
        })
        void parses(String condition, String expected) throws Exception {
            ParsedCondition parsed = parse(condition);
            assertEquals(expected, Sexpr.of(parsed.expr()));
            assertEquals(List.of(), parsed.warnings());
        }

        @Test
        void themHasNoPattern() throws Exception {
            var selector = assertInstanceOf(ConditionExpr.Selector.class, parse("  all of them").expr());
            assertTrue(selector.isThem());
            assertEquals(ConditionExpr.Quantifier.ALL, selector.quantifier());
            assertEquals(3, selector.column());
        }

        @Test
        void dashInPatternIsAcceptedWithWarning() throws Exception {
            ParsedCondition parsed = parse("all of sel-*");
            assertEquals("all(sel-*)", Sexpr.of(parsed.expr()));
            ParsedCondition.Warning warning = parsed.warnings().get(0);
            assertEquals("pattern-with-dash", warning.code());
            assertEquals(8, warning.column());
            assertTrue(warning.message().contains("sel-*"), warning.message());
        }

        @Test
        void invalidPatternCharacterIsAnErrorAtItsColumn() {
            assertError("1 of sele[", "condition-syntax", 10);
            assertError("1 of sel.x", "condition-syntax", 9);
        }
    }

    @Nested
    class Identifiers {

        @ParameterizedTest
        @ValueSource(strings = {"notepad", "order", "android", "or_x", "all_sel", "themes", "anything", "office",
            "kw-dash", "selection_1", "1sel", "NOT", "AND", "And", "Of", "x-"})
        void keywordsAreWholeWords(String name) throws Exception {
            assertEquals(name, tree(name));
        }

        @Test
        void identifierStartingWithNotIsParsedWholeButWarned() throws Exception {
            ParsedCondition parsed = parse("sel and notepad");
            assertEquals("and(sel, notepad)", Sexpr.of(parsed.expr()));
            ParsedCondition.Warning warning = parsed.warnings().get(0);
            assertEquals("identifier-starts-with-not", warning.code());
            assertEquals(9, warning.column());
            assertTrue(warning.message().contains("notepad"), warning.message());
        }

        @Test
        void keywordPrefixesAreIdentifiers() throws Exception {
            assertEquals("or(order, android)", tree("order or android"));
            assertEquals(List.of(), parse("order or android").warnings());
        }

        @Test
        void whitespaceIncludingTabsAndNewlinesSeparatesTokens() throws Exception {
            assertEquals("or(and(a, not(b)), any(c*))", tree("\n  a\tand\r\nnot   b \n or\t1 of   c*  \n"));
            assertEquals("and(a, b)", tree("(a)and(b)"));
        }

        @Test
        void identifierColumnsAreOffsetsInTheString() throws Exception {
            var and = assertInstanceOf(ConditionExpr.And.class, parse("a and\n  b").expr());
            assertEquals(1, and.operands().get(0).column());
            assertEquals(9, and.operands().get(1).column());
        }
    }

    @Nested
    class Errors {

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "\t\n  "})
        void empty(String condition) {
            assertError(condition, "condition-empty", 1);
        }

        @Test
        void pipeAnywhereIsReportedBeforeParsing() {
            ConditionSyntaxException e = error("selection | count() by host > 5");
            assertEquals("condition-pipe", e.code());
            assertEquals(11, e.column());
            assertTrue(e.getMessage().contains("correlation"), e.getMessage());
            assertError("((( | near x", "condition-pipe", 5);
        }

        @ParameterizedTest
        @CsvSource({
            "selection AND filter, 11, and",
            "a Or b, 3, or",
            "NOT a, 1, not",
            "a and NOT b, 7, not",
            "NOT (a), 1, not",
            "a and Not 1 of x, 7, not",
            "a NOT b, 3, not",
        })
        void operatorInWrongCase(String condition, int column, String operator) {
            ConditionSyntaxException e = error(condition);
            assertEquals("condition-operator-case", e.code(), e.getMessage());
            assertEquals(column, e.column());
            assertTrue(e.getMessage().contains("operators are lowercase: write '" + operator + "'"), e.getMessage());
        }

        @ParameterizedTest
        @CsvSource({"2 of x, 1", "ALL of x, 1", "one of x, 1", "a and Any of them, 7", "ALL OF them, 1"})
        void invalidQuantifier(String condition, int column) {
            ConditionSyntaxException e = error(condition);
            assertEquals("condition-quantifier", e.code(), e.getMessage());
            assertEquals(column, e.column());
            assertTrue(e.getMessage().contains("only '1', 'any' and 'all' are quantifiers"), e.getMessage());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "sel and (       | 10",
            "(a and b        | 9",
            "a and b)        | 8",
            "a and           | 6",
            "or a            | 1",
            "a b             | 3",
            "()              | 2",
            "a and ()        | 8",
            "of x            | 1",
            "a and of x      | 7",
            "1 of            | 5",
            "all them        | 5",
            "1 of and        | 6",
            "sel*            | 1",
            "a or sel_*      | 6",
            "them            | 1",
            "a not b         | 3",
            "sel.x           | 4",
            "$               | 1",
            "a and b ,       | 9",
            "sélection       | 2",
            "a or 😀 b       | 6",
            "all             | 4",
            "1               | 2",
            "a ) (           | 3",
            "(a))            | 4",
        })
        void syntax(String condition, int column) {
            assertError(condition, "condition-syntax", column);
        }

        @Test
        void messagesNameTheTokenAndWhatWasExpected() {
            assertEquals("unexpected 'b' at column 3; expected 'and', 'or' or end of condition",
                    error("a b").getMessage());
            assertEquals("unexpected 'b' at column 4; expected 'and', 'or' or ')'", error("(a b)").getMessage());
            assertEquals("unexpected end of condition at column 11: missing ')' to close the '(' at column 9",
                    error("sel and (a").getMessage());
            assertEquals("unexpected end of condition at column 10; expected an identifier, 'not', '(' or a selector"
                    + " such as '1 of selection*' after '('", error("sel and (").getMessage());
            assertEquals("unexpected character '[' at column 10", error("1 of sele[").getMessage());
            assertEquals("unbalanced ')' at column 8: there is no '(' to close", error("a and b)").getMessage());
            assertEquals("empty parentheses at column 1", error("()").getMessage());
            assertTrue(error("a not b").getMessage().contains("write 'and not'"));
            assertTrue(error("sel*").getMessage().contains("'1 of sel*'"));
        }

        @Test
        void hugeTokensAreShortenedInMessages() {
            String word = "x".repeat(10_000);
            ConditionSyntaxException e = error("a " + word);
            assertTrue(e.getMessage().length() < 200, e.getMessage());
        }

        @Test
        void tooLong() throws Exception {
            Limits limits = LIMITS.withMaxConditionLength(10);
            assertEquals("or(a, b)", Sexpr.of(ConditionParser.parse("a or b", limits).expr()));
            ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parse("a or b or c", limits));
            assertEquals("condition-too-long", e.code());
            assertEquals(11, e.column());
        }
    }

    @Nested
    class Depth {

        private static String parens(int depth, String inner) {
            return "(".repeat(depth) + inner + ")".repeat(depth);
        }

        @Test
        void fortyDeepParenthesesParse() throws Exception {
            assertEquals("a", tree(parens(40, "a")));
            assertEquals("and(a, b)", tree(parens(40, "a and b")));
        }

        @Test
        void depthEqualToTheLimitParsesAndOneMoreFails() throws Exception {
            Limits limits = LIMITS.withMaxConditionDepth(3);
            assertEquals("not(not(x))", Sexpr.of(ConditionParser.parse("not (not x)", limits).expr()));
            assertEquals("a", Sexpr.of(ConditionParser.parse("(((a)))", limits).expr()));
            assertEquals("and(a, b, c)", Sexpr.of(ConditionParser.parse("((a)) and ((b)) and ((c))", limits).expr()));
            assertEquals("and(not(not(not(a))), not(not(not(b))))",
                    Sexpr.of(ConditionParser.parse("not not not a and not not not b", limits).expr()));

            ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parse("not (not (not x))", limits));
            assertEquals("condition-too-deep", e.code());
            assertEquals(10, e.column());
            assertEquals("condition-too-deep", assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parse("((((a))))", limits)).code());
        }

        @Test
        void tenThousandNestedParenthesesAreTooDeepNotAStackOverflow() {
            assertError(parens(10_000, "a"), "condition-too-deep", 201);
            assertError("(".repeat(10_000), "condition-too-deep", 201);
        }

        @Test
        void tenThousandNotsAreTooDeep() {
            assertError("not ".repeat(10_000) + "a", "condition-too-deep", 801);
        }

        @Test
        void stackOverflowIsReportedAsTooDeep() {
            // A limit far beyond what the stack holds: the parser's own recursion must still not escape as an Error.
            Limits unlimited = LIMITS.withMaxConditionDepth(Integer.MAX_VALUE)
                    .withMaxConditionLength(Integer.MAX_VALUE);
            ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parse(parens(100_000, "a"), unlimited));
            assertEquals("condition-too-deep", e.code());
            assertEquals(0, e.column());
        }

        @Test
        void hundredThousandOperandOrChainIsOneFlatNode() throws Exception {
            int n = 100_000;
            StringBuilder condition = new StringBuilder();
            for (int i = 0; i < n; i++) {
                condition.append(i == 0 ? "" : " or ").append("s").append(i);
            }
            Limits limits = LIMITS.withMaxConditionLength(condition.length());
            var or = assertInstanceOf(ConditionExpr.Or.class,
                    ConditionParser.parse(condition.toString(), limits).expr());
            assertEquals(n, or.operands().size());
            assertEquals(new ConditionExpr.Identifier("s0", 1), or.operands().get(0));
            assertEquals("s99999", ((ConditionExpr.Identifier) or.operands().get(n - 1)).name());
        }

        @Test
        void longAndChainInsideOrChain() throws Exception {
            String chain = String.join(" and ", Collections.nCopies(20_000, "a")) + " or b";
            Limits limits = LIMITS.withMaxConditionLength(chain.length());
            var or = assertInstanceOf(ConditionExpr.Or.class, ConditionParser.parse(chain, limits).expr());
            assertEquals(20_000, ((ConditionExpr.And) or.operands().get(0)).operands().size());
        }
    }

    @Nested
    class Correlation {

        private static String tree(String condition) throws ConditionSyntaxException {
            return Sexpr.of(ConditionParser.parseCorrelationCondition(condition, LIMITS).expr());
        }

        private static void assertError(String condition, String code, int column) {
            ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parseCorrelationCondition(condition, LIMITS));
            assertEquals(code, e.code(), () -> condition + " -> " + e.getMessage());
            assertEquals(column, e.column(), () -> condition + " -> " + e.getMessage());
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "rule_a and not rule_b           | and(rule_a, not(rule_b))",
            "rule_a AND NOT rule_b           | and(rule_a, not(rule_b))",
            "a OR b and c                    | or(a, and(b, c))",
            "NOT (a or b)                    | not(or(a, b))",
            "_private or any or them or of   | or(_private, any, them, of)",
            "notepad                         | notepad",
        })
        void parses(String condition, String expected) throws Exception {
            assertEquals(expected, tree(condition));
        }

        @Test
        void errors() {
            assertError("1 of rule_*", "condition-syntax", 1);
            assertError("a or all of them", "condition-syntax", 6);
            assertError("a And b", "condition-operator-case", 3);
            assertError("Not a", "condition-operator-case", 1);
            assertError("a and rule-x", "condition-syntax", 7);
            assertError("a and 1rule", "condition-syntax", 7);
            assertError("a and rule*", "condition-syntax", 7);
            assertError("a and (b", "condition-syntax", 9);
            assertError("a | count()", "condition-pipe", 3);
            assertError("", "condition-empty", 1);
            assertError("NOT ".repeat(300) + "a", "condition-too-deep", 801);
        }

        @Test
        void messages() {
            ConditionSyntaxException e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parseCorrelationCondition("a and rule-x", LIMITS));
            assertTrue(e.getMessage().contains("not a valid rule name"), e.getMessage());
            e = assertThrows(ConditionSyntaxException.class,
                    () -> ConditionParser.parseCorrelationCondition("a And b", LIMITS));
            assertTrue(e.getMessage().contains("lowercase or uppercase: write 'and'"), e.getMessage());
        }
    }

    @Nested
    class PatternMatching {

        @ParameterizedTest
        @CsvSource({
            "sel*, sel, true",
            "sel*, selection, true",
            "sel*, xsel, false",
            "*, anything, true",
            "*, '', true",
            "selection, selection, true",
            "selection, selection_1, false",
            "sel, selection, false",
            "*filter*, main_filter_1, true",
            "a*b*c, aXbYc, true",
            "a*b*c, aXbY, false",
            "a*b, abab, true",
            "a*b, aba, false",
            "**, x, true",
            "sel_*, sel-1, false",
        })
        void wholeNameGlob(String pattern, String name, boolean expected) {
            assertEquals(expected, ConditionParser.patternMatches(pattern, name));
        }

        @Test
        void pathologicalPatternIsFast() {
            assertFalse(ConditionParser.patternMatches("a*".repeat(50) + "b", "a".repeat(10_000)));
        }
    }
}
