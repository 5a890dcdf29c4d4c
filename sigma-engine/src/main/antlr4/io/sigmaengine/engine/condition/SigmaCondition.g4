/*
 * Sigma detection conditions (Sigma specification v2.1).
 *
 * Precedence, loosest first: or, and, not, 'x of', parentheses. Operator chains are loops rather than recursion so
 * that a flat 100,000-operand 'or' parses without a deep stack; ConditionParser bounds the nesting depth (parentheses
 * and 'not') before this parser runs. Temporal correlation conditions reuse these rules: ConditionParser retypes their
 * tokens so that no selector can occur.
 */
grammar SigmaCondition;

condition : orExpr EOF ;

orExpr : andExpr (OR andExpr)* ;

andExpr : notExpr (AND notExpr)* ;

notExpr : NOT* primary ;

primary
    : LPAREN orExpr RPAREN                                         # group
    | quantifier=(ONE | ANY | ALL) OF target=(THEM | ID | PATTERN)  # selector
    | ID                                                           # identifier
    ;

// Keywords are lowercase and whole words: the lexer takes the longest match, so 'notepad', 'order' and 'all_sel'
// lex as ID; on equal length the keyword, listed first, wins.
AND : 'and' ;
OR : 'or' ;
NOT : 'not' ;
OF : 'of' ;
THEM : 'them' ;
ONE : '1' ;
ANY : 'any' ;
ALL : 'all' ;

LPAREN : '(' ;
RPAREN : ')' ;

ID : [A-Za-z0-9_-]+ ;

// A word with '*': valid only as the target of a selector.
PATTERN : [A-Za-z0-9_*-]+ ;

// Folded YAML leaves CR/LF and tabs in conditions.
WS : [ \t\r\n]+ -> skip ;

// Every other character is a token of its own, so the parser rather than the lexer reports it, with its column.
OTHER : . ;
