package io.sigmaengine.engine.condition;

import io.sigmaengine.engine.condition.ConditionExpr.And;
import io.sigmaengine.engine.condition.ConditionExpr.Identifier;
import io.sigmaengine.engine.condition.ConditionExpr.Not;
import io.sigmaengine.engine.condition.ConditionExpr.Or;
import io.sigmaengine.engine.condition.ConditionExpr.Quantifier;
import io.sigmaengine.engine.condition.ConditionExpr.Selector;
import io.sigmaengine.engine.condition.SigmaConditionParser.AndExprContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.GroupContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.IdentifierContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.NotExprContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.OrExprContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.PrimaryContext;
import io.sigmaengine.engine.condition.SigmaConditionParser.SelectorContext;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Converts a parse tree into the {@link ConditionExpr} tree, collecting compatibility warnings. Nested {@code or}s
 * (and {@code and}s) merge into one n-ary node, also across parentheses, since both operators are associative.
 */
final class AstBuilder {

    private final List<ParsedCondition.Warning> warnings = new ArrayList<>();

    ParsedCondition build(SigmaConditionParser.ConditionContext tree) {
        return new ParsedCondition(or(tree.orExpr()), warnings);
    }

    private ConditionExpr or(OrExprContext ctx) {
        List<AndExprContext> parts = ctx.andExpr();
        if (parts.size() == 1) {
            return and(parts.get(0));
        }
        List<ConditionExpr> operands = new ArrayList<>(parts.size());
        for (AndExprContext part : parts) {
            ConditionExpr operand = and(part);
            if (operand instanceof Or nested) {
                operands.addAll(nested.operands());
            } else {
                operands.add(operand);
            }
        }
        return new Or(operands, SyntaxErrors.column(ctx.getStart()));
    }

    private ConditionExpr and(AndExprContext ctx) {
        List<NotExprContext> parts = ctx.notExpr();
        if (parts.size() == 1) {
            return not(parts.get(0));
        }
        List<ConditionExpr> operands = new ArrayList<>(parts.size());
        for (NotExprContext part : parts) {
            ConditionExpr operand = not(part);
            if (operand instanceof And nested) {
                operands.addAll(nested.operands());
            } else {
                operands.add(operand);
            }
        }
        return new And(operands, SyntaxErrors.column(ctx.getStart()));
    }

    private ConditionExpr not(NotExprContext ctx) {
        ConditionExpr expr = primary(ctx.primary());
        List<TerminalNode> nots = ctx.NOT();
        for (int i = nots.size() - 1; i >= 0; i--) {
            expr = new Not(expr, SyntaxErrors.column(nots.get(i).getSymbol()));
        }
        return expr;
    }

    private ConditionExpr primary(PrimaryContext ctx) {
        if (ctx instanceof GroupContext group) {
            return or(group.orExpr());
        }
        if (ctx instanceof SelectorContext selector) {
            return selector(selector);
        }
        return identifier(((IdentifierContext) ctx).ID().getSymbol());
    }

    private ConditionExpr selector(SelectorContext ctx) {
        Quantifier quantifier = ctx.quantifier.getType() == SigmaConditionLexer.ALL ? Quantifier.ALL : Quantifier.ANY;
        String pattern = ctx.target.getType() == SigmaConditionLexer.THEM ? null : ctx.target.getText();
        if (pattern != null && pattern.indexOf('-') >= 0) {
            warnings.add(new ParsedCondition.Warning("pattern-with-dash", "selector pattern '" + pattern
                    + "' contains '-', which pySigma-based tools reject in patterns", SyntaxErrors.column(ctx.target)));
        }
        return new Selector(quantifier, pattern, SyntaxErrors.column(ctx.quantifier));
    }

    private ConditionExpr identifier(Token token) {
        String name = token.getText();
        int column = SyntaxErrors.column(token);
        // pySigma matches 'not' as a prefix, not as a word: it reads 'notepad' as 'not epad'.
        if (name.startsWith("not")) {
            warnings.add(new ParsedCondition.Warning("identifier-starts-with-not", "identifier '" + name
                    + "' starts with 'not': pySigma-based tools read it as 'not " + name.substring(3)
                    + "'; consider renaming it", column));
        }
        return new Identifier(name, column);
    }
}
