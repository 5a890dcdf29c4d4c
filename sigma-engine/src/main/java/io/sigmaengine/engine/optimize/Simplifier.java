package io.sigmaengine.engine.optimize;

import io.sigmaengine.engine.ir.Node;

import java.util.ArrayList;
import java.util.IdentityHashMap;
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

    private final Map<Node, Node> done;

    /** @param expectedNodes about how many nodes will be simplified (sizing the memo avoids rehashing it) */
    Simplifier(int expectedNodes) {
        done = new IdentityHashMap<>(expectedNodes);
    }

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
        Set<Object> seen = new java.util.HashSet<>();
        List<Node> out = new ArrayList<>(operands.size());
        for (Node op : operands) {
            Node s = simplify(op);
            if (s instanceof Node.Const c) {
                if (c.value() == and) {
                    continue; // true in an AND, false in an OR: neutral
                }
                return c; // false in an AND, true in an OR: absorbing
            }
            List<Node> items = and && s instanceof Node.And inner ? inner.operands()
                    : !and && s instanceof Node.Or inner ? inner.operands() : List.of(s);
            for (Node x : items) {
                if (seen.add(identity(x))) {
                    out.add(x);
                }
            }
        }
        if (out.isEmpty()) {
            return and ? Node.Const.TRUE : Node.Const.FALSE;
        }
        for (Node x : out) {
            if (x instanceof Node.Not nx && seen.contains(identity(nx.operand()))) {
                return and ? Node.Const.FALSE : Node.Const.TRUE; // x and not x / x or not x
            }
        }
        if (out.size() == 1) {
            return out.get(0);
        }
        return and ? new Node.And(out) : new Node.Or(out);
    }

    /**
     * What makes two operands duplicates: a leaf is its (interned) predicate, anything else is itself; comparing
     * whole subtrees structurally would be quadratic in deep trees.
     */
    private static Object identity(Node n) {
        return n instanceof Node.Leaf l ? l.predicate() : new IdentityKey(n);
    }

    /** Wraps a node so that it compares by identity. */
    private record IdentityKey(Node node) {
        @Override
        public boolean equals(Object o) {
            return o instanceof IdentityKey k && k.node == node;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(node);
        }
    }
}
