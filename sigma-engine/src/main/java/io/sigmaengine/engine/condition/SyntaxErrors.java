package io.sigmaengine.engine.condition;

import io.sigmaengine.engine.condition.ConditionParser.Dialect;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;

/**
 * Turns the first token the parser rejected into a precise {@link ConditionSyntaxException}. The grammar is LL(1), so
 * what may come at that point follows from the token before it; recognisable mistakes (wrong-case operators, bad
 * quantifiers) get their own codes and hints.
 */
final class SyntaxErrors {

    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_*-]+");
    private static final List<String> OPERATORS = List.of("and", "or", "not");
    private static final int MAX_SHOWN = 40;

    private SyntaxErrors() {
    }

    static int column(Token token) {
        return token.getStartIndex() + 1;
    }

    static boolean isRuleName(String text) {
        return RULE_NAME.matcher(text).matches();
    }

    /** The error for the rejected token {@code tokens.get(index)}. */
    static ConditionSyntaxException describe(List<Token> tokens, int index, Dialect dialect) {
        Token offending = tokens.get(index);
        Token previous = index > 0 ? tokens.get(index - 1) : null;
        int column = column(offending);
        String text = offending.getText();
        String where = (offending.getType() == Token.EOF ? "unexpected end of condition" : "unexpected " + show(text))
                + " at column " + column;

        // 'NOT a': the wrongly cased 'NOT' was taken for an identifier, so the parser only stops after it.
        if (previous != null && isMiscasedOperator(previous, "not") && startsOperand(tokens, index - 1)) {
            return operatorCase(previous, dialect);
        }
        if (previous != null && endsOperand(previous)) {
            for (String operator : OPERATORS) {
                if (isMiscasedOperator(offending, operator)) {
                    return operatorCase(offending, dialect);
                }
            }
        }
        if (dialect == Dialect.SIGMA && text.equalsIgnoreCase("of") && previous != null
                && previous.getType() == SigmaConditionLexer.ID && startsOperand(tokens, index - 1)) {
            return new ConditionSyntaxException("condition-quantifier", show(previous.getText()) + " at column "
                    + column(previous) + " is not a quantifier: only '1', 'any' and 'all' are quantifiers",
                    column(previous));
        }

        switch (offending.getType()) {
            case SigmaConditionLexer.OTHER -> {
                // Only correlation conditions turn whole words into OTHER tokens: invalid rule names.
                return syntax(WORD.matcher(text).matches()
                        ? show(text) + " at column " + column + " is not a valid rule name: rule names in correlation"
                          + " conditions match [A-Za-z_][A-Za-z0-9_]*"
                        : "unexpected character " + show(text) + " at column " + column, column);
            }
            case SigmaConditionLexer.OF -> {
                if (startsOperand(tokens, index)) {
                    return syntax(where + ": 'of' needs a quantifier before it: '1 of', 'any of' or 'all of'",
                            column);
                }
            }
            case SigmaConditionLexer.PATTERN -> {
                if (startsOperand(tokens, index)) {
                    return syntax(show(text) + " at column " + column + " is not an identifier: '*' is only allowed"
                            + " in a selector pattern such as " + show("1 of " + text), column);
                }
            }
            case SigmaConditionLexer.THEM -> {
                if (startsOperand(tokens, index)) {
                    return syntax(where + ": 'them' is only valid in '1 of them', 'any of them' or 'all of them'",
                            column);
                }
            }
            default -> {
            }
        }

        if (previous == null || startsOperand(tokens, index)) {
            if (offending.getType() == SigmaConditionLexer.RPAREN && previous != null
                    && previous.getType() == SigmaConditionLexer.LPAREN) {
                return syntax("empty parentheses at column " + column(previous), column);
            }
            return syntax(where + "; expected " + (dialect == Dialect.SIGMA
                    ? "an identifier, 'not', '(' or a selector such as '1 of selection*'"
                    : "a rule name, 'not' or '('")
                    + (previous == null ? "" : " after " + show(previous.getText())), column);
        }
        int previousType = previous.getType();
        if (previousType == SigmaConditionLexer.ONE || previousType == SigmaConditionLexer.ANY
                || previousType == SigmaConditionLexer.ALL) {
            return syntax(where + "; expected 'of' after the quantifier " + show(previous.getText()), column);
        }
        if (previousType == SigmaConditionLexer.OF) {
            return syntax(where + "; expected an identifier pattern such as 'selection*' or 'them' after 'of'",
                    column);
        }

        // The previous token ended an operand: an operator, ')' or the end must follow.
        Token open = unclosedParenthesis(tokens, index);
        if (offending.getType() == SigmaConditionLexer.RPAREN && open == null) {
            return syntax("unbalanced ')' at column " + column + ": there is no '(' to close", column);
        }
        if (offending.getType() == Token.EOF && open != null) {
            return syntax(where + ": missing ')' to close the '(' at column " + column(open), column);
        }
        String hint = offending.getType() == SigmaConditionLexer.NOT ? " (to negate, write 'and not')" : "";
        return syntax(where + "; expected 'and', 'or' or " + (open == null ? "end of condition" : "')'") + hint,
                column);
    }

    /** Whether the token at {@code index} stands where an operand must start. */
    private static boolean startsOperand(List<Token> tokens, int index) {
        if (index == 0) {
            return true;
        }
        int type = tokens.get(index - 1).getType();
        return type == SigmaConditionLexer.LPAREN || type == SigmaConditionLexer.AND
                || type == SigmaConditionLexer.OR || type == SigmaConditionLexer.NOT;
    }

    private static boolean endsOperand(Token token) {
        int type = token.getType();
        return type == SigmaConditionLexer.ID || type == SigmaConditionLexer.PATTERN
                || type == SigmaConditionLexer.THEM || type == SigmaConditionLexer.RPAREN;
    }

    /** Correctly cased operators are AND/OR/NOT tokens by now, so an ID spelling one can only be miscased. */
    private static boolean isMiscasedOperator(Token token, String operator) {
        return token.getType() == SigmaConditionLexer.ID && token.getText().equalsIgnoreCase(operator);
    }

    private static ConditionSyntaxException operatorCase(Token token, Dialect dialect) {
        String wanted = token.getText().toLowerCase(Locale.ROOT);
        String rule = dialect == Dialect.SIGMA
                ? "operators are lowercase"
                : "operators are written in lowercase or uppercase";
        return new ConditionSyntaxException("condition-operator-case", show(token.getText()) + " at column "
                + column(token) + ": " + rule + ": write '" + wanted + "'", column(token));
    }

    /** The innermost '(' left open before {@code index}, or null. */
    private static Token unclosedParenthesis(List<Token> tokens, int index) {
        Deque<Token> open = new ArrayDeque<>();
        for (int i = 0; i < index; i++) {
            int type = tokens.get(i).getType();
            if (type == SigmaConditionLexer.LPAREN) {
                open.push(tokens.get(i));
            } else if (type == SigmaConditionLexer.RPAREN && !open.isEmpty()) {
                open.pop();
            }
        }
        return open.peek();
    }

    private static ConditionSyntaxException syntax(String message, int column) {
        return new ConditionSyntaxException("condition-syntax", message, column);
    }

    /** Quotes a token, shortening hostile megabyte-long words. */
    private static String show(String text) {
        return "'" + (text.length() <= MAX_SHOWN ? text : text.substring(0, MAX_SHOWN) + "...") + "'";
    }
}
