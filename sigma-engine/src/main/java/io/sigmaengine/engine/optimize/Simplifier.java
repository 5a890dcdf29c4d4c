package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Boolean simplification that preserves meaning exactly: constants fold ({@code x and false} is false), nested
 * ANDs and ORs flatten, duplicate operands go, double negation cancels, one-operand groups collapse, and
 * {@code not} is pushed through AND/OR no further (its operand is simplified in place). Shared subtrees are
 * simplified once.
 */
final class Simplifier {

    private final Map<Node, Node> done = new IdentityHashMap<>();

    Node simplify(Node n) {
        Node cached = done.get(n);
        if (cached != null) {
            return cached;
        }
        Node r = simplifyUncached(n);
        done.put(n, r);
        return r;
    }

    private Node simplifyUncached(Node n) {
        if (n instanceof Node.Not not) {
            Node inner = simplify(not.operand());
            if (inner instanceof Node.Const c) {
                return c.value() ? Node.Const.FALSE : Node.Const.TRUE;
            }
            if (inner instanceof Node.Not nn) {
                return nn.operand();
            }
            return new Node.Not(inner);
        }
        if (n instanceof Node.And a) {
            return group(a.operands(), true);
        }
        if (n instanceof Node.Or o) {
            return group(o.operands(), false);
        }
        return n;
    }

    private Node group(List<Node> operands, boolean and) {
        Set<Node> out = new LinkedHashSet<>();
        for (Node op : operands) {
            Node s = simplify(op);
            if (s instanceof Node.Const c) {
                if (c.value() == and) {
                    continue; // true in an AND, false in an OR: neutral
                }
                return c; // false in an AND, true in an OR: absorbing
            }
            if (and && s instanceof Node.And inner) {
                out.addAll(inner.operands());
            } else if (!and && s instanceof Node.Or inner) {
                out.addAll(inner.operands());
            } else {
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            return and ? Node.Const.TRUE : Node.Const.FALSE;
        }
        for (Node x : out) {
            if (x instanceof Node.Not nx && out.contains(nx.operand())) {
                return and ? Node.Const.FALSE : Node.Const.TRUE; // x and not x / x or not x
            }
        }
        List<Node> list = new ArrayList<>(out);
        if (list.size() == 1) {
            return list.get(0);
        }
        return and ? new Node.And(list) : new Node.Or(list);
    }
}
