package io.sigmaengine.engine.condition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sigmaengine.api.Limits;
import io.sigmaengine.engine.condition.ConditionExpr.And;
import io.sigmaengine.engine.condition.ConditionExpr.Identifier;
import io.sigmaengine.engine.condition.ConditionExpr.Not;
import io.sigmaengine.engine.condition.ConditionExpr.Or;
import io.sigmaengine.engine.condition.ConditionExpr.Quantifier;
import io.sigmaengine.engine.condition.ConditionExpr.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

class ConditionParserProperties {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "of", "them", "1", "any", "all");
    private static final Set<String> CORRELATION_OPERATORS = Set.of("and", "or", "not", "AND", "OR", "NOT");
    private static final Set<String> CODES = Set.of("condition-empty", "condition-pipe", "condition-operator-case",
            "condition-quantifier", "condition-syntax", "condition-too-long", "condition-too-deep");
    private static final String[] SPACES = {" ", "  ", "\t", "\n", "\r\n", " \n\t "};

    private static final int OR = 1;
    private static final int AND = 2;
    private static final int NOT = 3;
    private static final int ATOM = 4;

    @Property
    void printedTreesParseBackToTheFlattenedTree(@ForAll("sigmaTrees") ConditionExpr tree, @ForAll long seed)
            throws ConditionSyntaxException {
        String printed = print(tree, new Random(seed), false);
        ConditionExpr parsed = ConditionParser.parse(printed, Limits.defaults()).expr();
        assertEquals(Sexpr.of(flatten(tree)), Sexpr.of(parsed), printed);
        assertLeafColumns(parsed, printed);
    }

    @Property
    void printedCorrelationTreesParseBack(@ForAll("correlationTrees") ConditionExpr tree, @ForAll long seed)
            throws ConditionSyntaxException {
        String printed = print(tree, new Random(seed), true);
        ConditionExpr parsed = ConditionParser.parseCorrelationCondition(printed, Limits.defaults()).expr();
        assertEquals(Sexpr.of(flatten(tree)), Sexpr.of(parsed), printed);
        assertLeafColumns(parsed, printed);
    }

    @Property
    void garbageGivesOnlyConditionSyntaxExceptions(@ForAll("garbage") String condition) {
        for (boolean correlation : new boolean[] {false, true}) {
            try {
                if (correlation) {
                    ConditionParser.parseCorrelationCondition(condition, Limits.defaults());
                } else {
                    ConditionParser.parse(condition, Limits.defaults());
                }
            } catch (ConditionSyntaxException e) {
                assertTrue(CODES.contains(e.code()), e.code());
                assertTrue(e.column() >= 1 && e.column() <= condition.length() + 1,
                        () -> e.column() + " for " + condition);
            }
        }
    }

    @Provide
    Arbitrary<ConditionExpr> sigmaTrees() {
        Arbitrary<String> generated = Arbitraries.strings().withChars("abcnotdrlhemy0123456789_-ANDOT")
                .ofMinLength(1).ofMaxLength(8).filter(name -> !KEYWORDS.contains(name));
        Arbitrary<String> tricky = Arbitraries.of("notepad", "order", "android", "or_x", "all_sel", "themes", "1sel",
                "kw-dash", "AND", "NOT", "Or", "not_x", "-", "_filter");
        Arbitrary<ConditionExpr> identifiers = Arbitraries.oneOf(generated, tricky).map(name -> new Identifier(name, 0));
        Arbitrary<String> patterns = Arbitraries.strings().withChars("abthem1_*-").ofMinLength(1).ofMaxLength(6)
                .filter(pattern -> !KEYWORDS.contains(pattern));
        Arbitrary<ConditionExpr> selectors = Arbitraries.of(Quantifier.values())
                .flatMap(q -> Arbitraries.oneOf(patterns, Arbitraries.just(null)).map(p -> new Selector(q, p, 0)));
        return trees(Arbitraries.oneOf(identifiers, selectors), 4);
    }

    @Provide
    Arbitrary<ConditionExpr> correlationTrees() {
        Arbitrary<ConditionExpr> names = Arbitraries.strings().withChars("abcnotrANDOR_0123456789").ofMinLength(1)
                .ofMaxLength(8)
                .filter(name -> name.matches("[A-Za-z_][A-Za-z0-9_]*") && !CORRELATION_OPERATORS.contains(name))
                .map(name -> new Identifier(name, 0));
        return trees(names, 4);
    }

    private static Arbitrary<ConditionExpr> trees(Arbitrary<ConditionExpr> leaves, int depth) {
        if (depth == 0) {
            return leaves;
        }
        Arbitrary<ConditionExpr> sub = trees(leaves, depth - 1);
        Arbitrary<List<ConditionExpr>> operands = sub.list().ofMinSize(2).ofMaxSize(4);
        return Arbitraries.frequencyOf(
                Tuple.of(3, leaves),
                Tuple.of(2, operands.map(list -> new Or(list, 0))),
                Tuple.of(2, operands.map(list -> new And(list, 0))),
                Tuple.of(1, sub.map(operand -> new Not(operand, 0))));
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> characters = Arbitraries.strings()
                .withChars("aAnNdDoOrRtT1*_-()|[].$ \t\n\u00e9\u00a0")
                .withCharRange('\u0000', '\u007f')
                .ofMaxLength(40);
        Arbitrary<String> tokenSoup = Arbitraries.of("and", "or", "not", "of", "them", "1", "any", "all", "(", ")",
                        "sel", "sel*", "AND", "Not", "OF", "2", "x-y", "[", "|", "notepad", "\uD83D\uDE00", "")
                .list().ofMaxSize(12)
                .flatMap(tokens -> Arbitraries.of(SPACES).list().ofSize(tokens.size()).map(spaces -> {
                    StringBuilder text = new StringBuilder();
                    for (int i = 0; i < tokens.size(); i++) {
                        text.append(tokens.get(i)).append(spaces.get(i));
                    }
                    return text.toString();
                }));
        return Arbitraries.oneOf(characters, tokenSoup);
    }

    /** Merges Or-in-Or and And-in-And, which the parser does since both are associative. */
    private static ConditionExpr flatten(ConditionExpr expr) {
        if (expr instanceof Or or) {
            return new Or(flattenOperands(or.operands(), Or.class), 0);
        }
        if (expr instanceof And and) {
            return new And(flattenOperands(and.operands(), And.class), 0);
        }
        if (expr instanceof Not not) {
            return new Not(flatten(not.operand()), 0);
        }
        return expr;
    }

    private static List<ConditionExpr> flattenOperands(List<ConditionExpr> operands, Class<?> kind) {
        List<ConditionExpr> flat = new ArrayList<>();
        for (ConditionExpr operand : operands) {
            ConditionExpr child = flatten(operand);
            if (kind.isInstance(child)) {
                flat.addAll(child instanceof Or or ? or.operands() : ((And) child).operands());
            } else {
                flat.add(child);
            }
        }
        return flat;
    }

    /** Prints with random whitespace, redundant parentheses and quantifier/operator spellings. */
    private static String print(ConditionExpr expr, Random random, boolean correlation) {
        List<String> tokens = new ArrayList<>();
        print(expr, OR, random, correlation, tokens);
        StringBuilder text = new StringBuilder(random.nextBoolean() ? space(random) : "");
        for (int i = 0; i < tokens.size(); i++) {
            text.append(tokens.get(i));
            boolean nextToParen = i + 1 < tokens.size()
                    && (tokens.get(i).equals("(") || tokens.get(i).equals(")")
                        || tokens.get(i + 1).equals("(") || tokens.get(i + 1).equals(")"));
            if (i + 1 == tokens.size() ? random.nextBoolean() : !nextToParen || random.nextBoolean()) {
                text.append(space(random));
            }
        }
        return text.toString();
    }

    private static void print(ConditionExpr expr, int required, Random random, boolean correlation,
                              List<String> out) {
        int precedence = expr instanceof Or ? OR : expr instanceof And ? AND : expr instanceof Not ? NOT : ATOM;
        boolean parens = precedence < required || random.nextInt(5) == 0;
        if (parens) {
            out.add("(");
        }
        if (expr instanceof Or or) {
            printOperands(or.operands(), "or", OR, random, correlation, out);
        } else if (expr instanceof And and) {
            printOperands(and.operands(), "and", AND, random, correlation, out);
        } else if (expr instanceof Not not) {
            out.add(operator("not", random, correlation));
            print(not.operand(), NOT, random, correlation, out);
        } else if (expr instanceof Selector selector) {
            out.add(selector.quantifier() == Quantifier.ALL ? "all" : random.nextBoolean() ? "1" : "any");
            out.add("of");
            out.add(selector.isThem() ? "them" : selector.pattern());
        } else {
            out.add(((Identifier) expr).name());
        }
        if (parens) {
            out.add(")");
        }
    }

    private static void printOperands(List<ConditionExpr> operands, String operator, int precedence, Random random,
                                      boolean correlation, List<String> out) {
        for (int i = 0; i < operands.size(); i++) {
            if (i > 0) {
                out.add(operator(operator, random, correlation));
            }
            // Left-associative chains: an operand of the same operator needs no parentheses.
            print(operands.get(i), precedence, random, correlation, out);
        }
    }

    private static String operator(String operator, Random random, boolean correlation) {
        return correlation && random.nextBoolean() ? operator.toUpperCase() : operator;
    }

    private static String space(Random random) {
        return SPACES[random.nextInt(SPACES.length)];
    }

    /** Every leaf's column points at its text in the printed condition. */
    private static void assertLeafColumns(ConditionExpr expr, String printed) {
        if (expr instanceof Or or) {
            or.operands().forEach(operand -> assertLeafColumns(operand, printed));
        } else if (expr instanceof And and) {
            and.operands().forEach(operand -> assertLeafColumns(operand, printed));
        } else if (expr instanceof Not not) {
            assertTrue(printed.regionMatches(true, not.column() - 1, "not", 0, 3), printed);
            assertLeafColumns(not.operand(), printed);
        } else if (expr instanceof Selector selector) {
            int offset = selector.column() - 1;
            assertTrue(selector.quantifier() == Quantifier.ALL
                    ? printed.startsWith("all", offset)
                    : printed.startsWith("1", offset) || printed.startsWith("any", offset), printed);
        } else {
            Identifier identifier = (Identifier) expr;
            assertTrue(printed.startsWith(identifier.name(), identifier.column() - 1), printed);
        }
    }
}
