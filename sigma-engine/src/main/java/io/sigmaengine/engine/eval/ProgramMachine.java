package io.sigmaengine.engine.eval;

import io.sigmaengine.api.Event;
import io.sigmaengine.api.EventAdapter;
import io.sigmaengine.api.ValueVisitor;
import io.sigmaengine.engine.match.Scalars;
import io.sigmaengine.engine.match.ValueTest;
import io.sigmaengine.engine.model.SigmaNumber;
import io.sigmaengine.engine.program.Automaton;
import io.sigmaengine.engine.program.Bucket;
import io.sigmaengine.engine.program.FieldScan;
import io.sigmaengine.engine.program.Program;
import io.sigmaengine.engine.program.Route;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Runs a compiled {@link Program}. Per event: follow the routing tree to a bucket, scan the bucket's fields once
 * (case-folding each value once) to decide scanned predicates and collect candidate rules, then run each
 * candidate's branch code, evaluating the remaining predicates at most once per event.
 *
 * <p>Each thread gets its own reusable context; steady-state evaluation allocates nothing for string, number
 * and boolean comparisons (regular expressions and other rare comparisons may).
 */
public final class ProgramMachine implements RuleMatcher {

    private final Program program;
    private final Map<String, Integer> slotByName = new HashMap<>();

    public ProgramMachine(Program program) {
        this.program = program;
        for (int i = 0; i < program.fields.length; i++) {
            slotByName.put(program.fields[i], i);
        }
    }

    public Program program() {
        return program;
    }

    @Override
    public <E> BoundMachine<E> bind(EventAdapter<E> adapter) {
        return new BoundMachine<>(this, adapter);
    }

    /** The machine bound to an event type; keeps one context per thread. */
    public static final class BoundMachine<E> implements Bound<E> {
        private final Binding<E> binding;
        private final ThreadLocal<Context<E>> contexts;

        BoundMachine(ProgramMachine machine, EventAdapter<E> adapter) {
            this.binding = new Binding<>(machine, adapter);
            // Contexts reference the binding, never this object: a thread's map then holds no strong path back to
            // its ThreadLocal, so a rule set that has been swapped out can be collected.
            this.contexts = ThreadLocal.withInitial(() -> new Context<>(binding));
        }

        @Override
        public void match(E event, Sink sink) {
            contexts.get().run(event, sink);
        }

        /** Events evaluated and candidate rules run so far (for reporting the prefilter's selectivity). */
        public long[] statistics() {
            return new long[]{binding.events.sum(), binding.rulesRun.sum()};
        }
    }

    /** What every thread's context shares: the program, the adapter and its bound field getters, counters. */
    private static final class Binding<E> {
        final ProgramMachine machine;
        final EventAdapter<E> adapter;
        final EventAdapter.FieldGetter<E>[] getters;
        final LongAdder events = new LongAdder();
        final LongAdder rulesRun = new LongAdder();

        @SuppressWarnings("unchecked")
        Binding(ProgramMachine machine, EventAdapter<E> adapter) {
            this.machine = machine;
            this.adapter = adapter;
            String[] fields = machine.program.fields;
            this.getters = new EventAdapter.FieldGetter[fields.length];
            for (int i = 0; i < fields.length; i++) {
                getters[i] = adapter.bind(fields[i]);
            }
        }
    }

    /** Per-thread evaluation state; every per-event array is reset by bumping a generation number. */
    private static final class Context<E> implements Automaton.Hits, ValueTest.Fields {
        private final Binding<E> bound;
        private final Program program;
        private final Object[] values;
        private final int[] valueGen;
        private final int[] predGen;
        private final boolean[] predVal;
        private final int[] ruleGen;
        private final int[] candidates;
        private final KeywordScanner keywordScanner = new KeywordScanner();
        private final KeywordTester keywordTester = new KeywordTester();
        private E event;
        private int gen;
        private int candidateCount;
        /** Digits of an integer value, for scanning it as text without allocating. */
        private final char[] buf = new char[20];
        /** The raw text of the value being scanned (reused; grows to the longest value seen). */
        private char[] text = new char[256];
        private FieldScan scan;
        private Bucket bucket;
        /** Values the field scans read this event (by identity), which the keyword scan can skip. */
        private final Object[] scanned = new Object[32];
        private int scannedCount;
        private boolean recordScanned;
        private int textLength;
        private long numberKey;

        Context(Binding<E> bound) {
            this.bound = bound;
            this.program = bound.machine.program;
            this.values = new Object[program.fields.length];
            this.valueGen = new int[program.fields.length];
            this.predGen = new int[program.predicateCount()];
            this.predVal = new boolean[program.predicateCount()];
            this.ruleGen = new int[program.ruleCount()];
            this.candidates = new int[program.ruleCount()];
        }

        void run(E e, Sink sink) {
            event = e;
            if (++gen == 0) {
                Arrays.fill(valueGen, 0);
                Arrays.fill(predGen, 0);
                Arrays.fill(ruleGen, 0);
                gen = 1;
            }
            candidateCount = 0;
            try {
                Bucket b = route();
                bucket = b;
                for (int r : b.always) {
                    mark(r);
                }
                FieldScan[] scans = program.scans;
                scannedCount = 0;
                recordScanned = b.keywordScan != null;
                for (int slot : b.scanSlots) {
                    Object v = value(slot);
                    if (v != Event.MISSING && v != null) {
                        scanValue(scans[slot], v);
                    }
                }
                recordScanned = false;
                if (b.keywordScan != null) {
                    scan = b.keywordScan;
                    bound.adapter.visitValues(event, keywordScanner);
                }
                int n = candidateCount;
                if (n > 1) {
                    sort(candidates, n);
                }
                for (int i = 0; i < n; i++) {
                    int r = candidates[i];
                    if (execute(program.code[r])) {
                        sink.matched(r);
                    }
                }
                bound.events.increment();
                bound.rulesRun.add(n);
            } finally {
                event = null;
                bucket = null;
                Arrays.fill(scanned, 0, scannedCount, null);
                if (text.length > (1 << 16)) {
                    text = new char[256]; // do not keep a huge buffer alive after one huge value
                }
            }
        }

        private static void sort(int[] a, int n) {
            if (n > 32) {
                Arrays.sort(a, 0, n);
                return;
            }
            for (int i = 1; i < n; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= 0 && a[j] > x) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
        }

        private void mark(int rule) {
            if (ruleGen[rule] != gen) {
                ruleGen[rule] = gen;
                candidates[candidateCount++] = rule;
            }
        }

        Object value(int slot) {
            if (valueGen[slot] != gen) {
                values[slot] = bound.getters[slot].get(event);
                valueGen[slot] = gen;
            }
            return values[slot];
        }

        @Override
        public Object apply(String field) {
            Integer slot = bound.machine.slotByName.get(field);
            return slot != null ? value(slot) : bound.adapter.get(event, field);
        }

        // -------------------------------------------------------------- routing

        private Bucket route() {
            Object node = program.root;
            while (node instanceof Route r) {
                Object v = value(r.slot);
                if (v == Event.MISSING || v == null || v instanceof Map) {
                    node = r.other;
                } else if (v instanceof List || v instanceof Object[]) {
                    node = r.any;
                } else if (r.numeric) {
                    int i = numberKey(v) ? Arrays.binarySearch(r.numberKeys, numberKey) : -1;
                    node = i >= 0 ? r.targets[i] : r.other;
                } else {
                    int i = r.textKeys.find(Scalars.text(v));
                    node = i >= 0 ? r.targets[i] : r.other;
                }
            }
            return (Bucket) node;
        }

        /**
         * Whether {@code v} equals some long for a numeric comparison (a JSON integer, an integral float, or a
         * decimal string); the long is left in {@link #numberKey}. Mirrors {@link Scalars#number}.
         */
        private boolean numberKey(Object v) {
            if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                numberKey = ((Number) v).longValue();
                return true;
            }
            if (v instanceof CharSequence cs) {
                return parseIntegral(cs);
            }
            if (v instanceof Double || v instanceof Float) {
                double d = ((Number) v).doubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 1e18) {
                    numberKey = (long) d;
                    return true;
                }
            }
            if (v instanceof Number n && !(v instanceof Boolean)) {
                return exactLong(Scalars.number(n));
            }
            return false;
        }

        private boolean exactLong(SigmaNumber n) {
            if (n == null) {
                return false;
            }
            if (n.isLong()) {
                numberKey = n.longValue();
                return true;
            }
            try {
                numberKey = n.toBigDecimal().longValueExact();
                return true;
            } catch (ArithmeticException e) {
                return false;
            }
        }

        /** Strict decimal: optional sign, digits, optional all-zero fraction (so {@code 4688.0} is 4688). */
        private boolean parseIntegral(CharSequence s) {
            int n = s.length();
            if (n == 0) {
                return false;
            }
            if (n >= 19) {
                return exactLong(SigmaNumber.parseDecimal(s)); // may not fit a long: take the exact path
            }
            int i = 0;
            boolean neg = false;
            char c0 = s.charAt(0);
            if (c0 == '-' || c0 == '+') {
                neg = c0 == '-';
                i = 1;
            }
            int start = i;
            long acc = 0;
            while (i < n) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                acc = acc * 10 + (c - '0');
                i++;
            }
            boolean digits = i > start;
            if (i < n) {
                if (s.charAt(i) != '.') {
                    return false;
                }
                int fracStart = ++i;
                while (i < n && s.charAt(i) == '0') {
                    i++;
                }
                if (i < n) {
                    // A non-zero fraction (or a non-digit) never equals an integer.
                    return false;
                }
                if (!digits && i == fracStart) {
                    return false;
                }
            } else if (!digits) {
                return false;
            }
            numberKey = neg ? -acc : acc;
            return true;
        }

        // -------------------------------------------------------------- scanning

        private void scanValue(FieldScan s, Object v) {
            if (v instanceof List<?> list) {
                for (int i = 0, n = list.size(); i < n; i++) {
                    Object e = list.get(i);
                    if (e != null) {
                        scanValue(s, e);
                    }
                }
                return;
            }
            if (v instanceof Object[] arr) {
                for (Object e : arr) {
                    if (e != null) {
                        scanValue(s, e);
                    }
                }
                return;
            }
            if (!(v instanceof CharSequence || v instanceof Number || v instanceof Boolean)) {
                return;
            }
            if (recordScanned && s.includesKeywords && scannedCount < scanned.length) {
                scanned[scannedCount++] = v;
            }
            if (s.numbers.length > 0 && numberKey(v)) {
                int i = Arrays.binarySearch(s.numbers, numberKey);
                if (i >= 0) {
                    for (int a = s.numberActions[i], end = s.numberActions[i + 1]; a < end; a++) {
                        fire(s, a);
                    }
                }
            }
            Automaton automaton = s.automaton;
            if (automaton != null) {
                scan = s;
                boolean signed = v instanceof Integer || v instanceof Long;
                // Unsigned 64-bit counters (common in Windows events) get their digits without BigInteger.toString.
                if (signed || v instanceof BigInteger bi && bi.signum() >= 0 && bi.bitLength() <= 64) {
                    if (!s.scansIntegers) {
                        return;
                    }
                    long x = ((Number) v).longValue();
                    textLength = signed ? longText(x) : unsignedText(x);
                    automaton.scan(buf, textLength, this);
                } else {
                    CharSequence cs = v instanceof CharSequence c ? c : Scalars.text(v);
                    int n = cs.length();
                    textLength = n;
                    if (s.skip != null) {
                        s.skip.scanRaw(cs, n, this); // it skips most characters: reading them in place beats a copy
                        return;
                    }
                    if (text.length < n) {
                        text = new char[Math.max(n, text.length * 2)];
                    }
                    if (cs instanceof String str) {
                        str.getChars(0, n, text, 0); // an intrinsic bulk copy: cheaper than charAt per char
                    } else {
                        for (int i = 0; i < n; i++) {
                            text[i] = cs.charAt(i);
                        }
                    }
                    automaton.scanRaw(text, n, this);
                }
            }
        }

        private int unsignedText(long x) {
            if (x >= 0) {
                return longText(x);
            }
            int pos = 20;
            long q = Long.divideUnsigned(x, 10);
            buf[--pos] = (char) ('0' + (x - q * 10));
            x = q;
            while (x != 0) {
                buf[--pos] = (char) ('0' + (x % 10));
                x /= 10;
            }
            int len = 20 - pos;
            System.arraycopy(buf, pos, buf, 0, len);
            return len;
        }

        private int longText(long x) {
            if (x == Long.MIN_VALUE) {
                String s = Long.toString(x);
                s.getChars(0, s.length(), buf, 0);
                return s.length();
            }
            int pos = 20;
            boolean neg = x < 0;
            long y = neg ? -x : x;
            do {
                buf[--pos] = (char) ('0' + (y % 10));
                y /= 10;
            } while (y != 0);
            if (neg) {
                buf[--pos] = '-';
            }
            int len = 20 - pos;
            System.arraycopy(buf, pos, buf, 0, len);
            return len;
        }

        @Override
        public void hit(int pattern, int end) {
            FieldScan s = scan;
            int plen = s.automaton.patternLength(pattern);
            for (int a = s.patternActions[pattern], last = s.patternActions[pattern + 1]; a < last; a++) {
                byte pos = s.actionPosition[a];
                if (pos != FieldScan.ANYWHERE) {
                    int start = end - plen;
                    if ((pos == FieldScan.PREFIX && start != 0) || (pos == FieldScan.SUFFIX && end != textLength)
                            || (pos == FieldScan.WHOLE && (start != 0 || end != textLength))) {
                        continue;
                    }
                }
                fire(s, a);
            }
        }

        private void fire(FieldScan s, int action) {
            int p = s.actionPredicate[action];
            if (predGen[p] == gen) {
                return; // already true: its triggers have fired
            }
            predGen[p] = gen;
            predVal[p] = true;
            long[] members = bucket.members;
            for (int t = s.actionTriggers[action], end = s.actionTriggers[action + 1]; t < end; t++) {
                int r = s.triggers[t];
                if ((members[r >>> 6] & (1L << r)) != 0) {
                    mark(r);
                }
            }
        }

        /**
         * Scans each value of the event with the keyword scan, except values a field scan has just read: field
         * automata contain the keyword literals too, so those values are done.
         */
        private final class KeywordScanner implements ValueVisitor {
            @Override
            public boolean visit(Object value) {
                for (int i = 0; i < scannedCount; i++) {
                    if (scanned[i] == value) {
                        return true;
                    }
                }
                scanValue(scan, value);
                return true;
            }
        }

        // -------------------------------------------------------------- rule code

        private boolean execute(int[] code) {
            int pc = 0;
            int n = code.length;
            if (n == 0) {
                return true;
            }
            while (pc >= 0) {
                pc = predicate(code[pc]) ? code[pc + 1] : code[pc + 2];
            }
            return pc == Program.ACCEPT;
        }

        private boolean predicate(int p) {
            if (predGen[p] == gen) {
                return predVal[p];
            }
            if (program.predicateMode[p] == Program.SCANNED) {
                return false; // its field was scanned and nothing set it
            }
            int slot = program.predicateSlot[p];
            ValueTest t = program.predicateTest[p];
            boolean v = slot >= 0 ? t.testField(value(slot), this) : keyword(t);
            predGen[p] = gen;
            predVal[p] = v;
            return v;
        }

        private boolean keyword(ValueTest t) {
            keywordTester.test = t;
            keywordTester.found = false;
            bound.adapter.visitValues(event, keywordTester);
            keywordTester.test = null;
            return keywordTester.found;
        }

        /** Tests one keyword predicate against each value of the event until one matches. */
        private final class KeywordTester implements ValueVisitor {
            ValueTest test;
            boolean found;

            @Override
            public boolean visit(Object value) {
                if (test.testScalar(value, Context.this)) {
                    found = true;
                    return false;
                }
                return true;
            }
        }
    }
}
