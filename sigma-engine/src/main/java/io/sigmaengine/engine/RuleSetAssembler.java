package io.sigmaengine.engine;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.RuleInfo;
import io.sigmaengine.api.RuleKind;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.engine.condition.ConditionExpr;
import io.sigmaengine.engine.correlate.CorrelationPlanner;
import io.sigmaengine.engine.eval.ProgramMachine;
import io.sigmaengine.engine.eval.ReferenceEvaluator;
import io.sigmaengine.engine.eval.RuleMatcher;
import io.sigmaengine.engine.ir.IrRule;
import io.sigmaengine.engine.ir.Lowering;
import io.sigmaengine.engine.optimize.ProgramCompiler;
import io.sigmaengine.engine.optimize.TaskRunner;
import io.sigmaengine.engine.load.Diagnostics;
import io.sigmaengine.engine.load.LoadedRules;
import io.sigmaengine.engine.load.RuleLoader;
import io.sigmaengine.engine.model.ConditionEntry;
import io.sigmaengine.engine.model.Detection;
import io.sigmaengine.engine.model.DetectionItem;
import io.sigmaengine.engine.model.DetectionNode;
import io.sigmaengine.engine.model.LogSource;
import io.sigmaengine.engine.model.Modifier;
import io.sigmaengine.engine.model.ModelException;
import io.sigmaengine.engine.model.RuleMeta;
import io.sigmaengine.engine.model.SigmaCorrelation;
import io.sigmaengine.engine.model.SigmaFilter;
import io.sigmaengine.engine.model.SigmaRule;
import io.sigmaengine.engine.model.SigmaValue;
import io.sigmaengine.engine.pipeline.Pipeline;
import io.sigmaengine.engine.pipeline.PipelineException;
import io.sigmaengine.engine.pipeline.PipelineRunner;
import io.sigmaengine.engine.pipeline.Placeholders;
import io.sigmaengine.engine.resolve.ConditionResolver;
import io.sigmaengine.engine.resolve.ResolvedRule;
import io.sigmaengine.engine.resolve.RuleExpr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the stages that turn rule sources into a {@link RuleSet}: load every document, resolve correlation and
 * filter references across files, attach filters, run pipelines, substitute placeholder values, resolve
 * conditions, prepare the evaluator and plan the correlations. Every problem becomes a diagnostic; a rule with an error is left out.
 */
final class RuleSetAssembler {

    private static final Pattern REGEX_PLACEHOLDER = Pattern.compile("%([^%]+)%");

    private final List<RuleSetBuilderImpl.RuleSource> sources;
    private final List<Pipeline> pipelines;
    private final List<Diagnostic> pipelineWarnings;
    private final Map<String, List<String>> placeholders;
    private final Limits limits;
    private final boolean evaluateDeprecated;
    private final boolean explain;
    private final int loadThreads;
    private final Diagnostics diag = new Diagnostics();
    /** Detection rules' log sources as the pipelines left them, by id and name, for correlation pipelines. */
    private final Map<String, LogSource> processedLogSources = new HashMap<>();
    private int rejected;
    /** Values and condition terms of the rules compiled so far, against {@link Limits#maxRuleSetSize()}. */
    private long compiledSize;

    RuleSetAssembler(List<RuleSetBuilderImpl.RuleSource> sources, List<Pipeline> pipelines,
                     List<Diagnostic> pipelineWarnings, Map<String, List<String>> placeholders, Limits limits,
                     boolean evaluateDeprecated, boolean explain, int loadThreads) {
        this.sources = sources;
        this.pipelines = pipelines;
        this.pipelineWarnings = pipelineWarnings;
        this.placeholders = placeholders;
        this.limits = limits;
        this.evaluateDeprecated = evaluateDeprecated;
        this.explain = explain;
        this.loadThreads = loadThreads;
    }

    RuleSet assemble() {
        int threads = Math.min(loadThreads, Math.max(1, sources.size()));
        if (threads == 1) {
            return assemble(null);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sigma-rule-loader");
            t.setDaemon(true);
            return t;
        });
        try {
            return assemble(pool);
        } finally {
            pool.shutdownNow();
        }
    }

    /** @param pool threads for independent work (reading files, building scans), or {@code null} for none */
    private RuleSet assemble(ExecutorService pool) {
        pipelineWarnings.forEach(diag::add);
        LoadedRules loaded = loadSources(pool);
        rejected = loaded.rejected();
        warnDuplicateIds(loaded);

        List<SigmaCorrelation> correlations = validCorrelations(loaded);
        Set<String> silenced = silencedByCorrelations(loaded.rules(), correlations);

        List<RuleInfo> infos = new ArrayList<>();
        List<ReferenceEvaluator.PreparedRule> prepared = new ArrayList<>();
        List<Boolean> emits = new ArrayList<>();
        List<CorrelationPlanner.BaseRule> baseRules = new ArrayList<>();
        PipelineRunner runner = new PipelineRunner(pipelines);
        for (SigmaRule rule : loaded.rules()) {
            boolean evaluated = evaluateDeprecated || rule.meta().status() == null
                    || rule.meta().status().evaluatedByDefault();
            ReferenceEvaluator.PreparedRule pr = compile(rule, loaded.filters(), runner, evaluated);
            baseRules.add(new CorrelationPlanner.BaseRule(rule.meta(), pr != null && evaluated ? prepared.size() : -1,
                    pr == null));
            if (pr == null) {
                rejected++;
                continue;
            }
            infos.add(pr.rule().info());
            if (evaluated) {
                prepared.add(pr);
                emits.add(!silenced.contains(rule.meta().identity()));
            }
        }
        correlations = applyPipelines(correlations, runner);
        CorrelationPlanner.Result planned = CorrelationPlanner.plan(correlations, baseRules, prepared.size(),
                evaluateDeprecated, (c, evaluated) -> info(c.meta(), RuleKind.CORRELATION, LogSource.of(null, null,
                        null), evaluated), diag);
        rejected += planned.rejected();
        infos.addAll(planned.infos());
        for (SigmaFilter f : loaded.filters()) {
            infos.add(info(f.meta(), RuleKind.FILTER, f.logsource(), true));
        }
        boolean[] emitFlags = new boolean[emits.size()];
        for (int i = 0; i < emitFlags.length; i++) {
            emitFlags[i] = emits.get(i);
        }
        return new RuleSetImpl(infos, diag.all(), rejected, prepared, emitFlags, compile(prepared, pool),
                planned.plan(), explain);
    }

    private ReferenceEvaluator.PreparedRule compile(SigmaRule original, List<SigmaFilter> filters,
                                                    PipelineRunner runner, boolean evaluated) {
        String name = original.meta().identity();
        SigmaRule rule = attachFilters(original, filters);
        try {
            rule = runner.apply(rule);
        } catch (PipelineException e) {
            diag.error(e.code(), e.getMessage(), original.meta().location(), name);
            return null;
        }
        for (String ref : new String[] {original.meta().id(), original.meta().name()}) {
            if (ref != null) {
                processedLogSources.putIfAbsent(ref, rule.logsource());
            }
        }
        rule = substitutePlaceholders(rule);
        if (rule == null) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (Detection d : rule.detections()) {
            names.add(d.name());
        }
        List<RuleExpr> conditions = new ArrayList<>();
        for (ConditionEntry c : rule.conditions()) {
            RuleExpr e = ConditionResolver.resolve(c.expr(), names, 0, removed -> {
            });
            if (e == null) {
                diag.warn("condition-vanished", "condition '" + c.text() + "' selects no search identifier, so "
                        + "it can never match", c.location(), name);
                e = RuleExpr.Const.FALSE;
            }
            conditions.add(e);
        }
        // Counted after filters, pipelines and placeholders, before the evaluator allocates anything per value.
        long size = terms(conditions);
        for (Detection d : rule.detections()) {
            size += d.body().valueCount();
        }
        if (compiledSize + size > limits.maxRuleSetSize()) {
            diag.error("rule-set-limit", "the rule's " + size + " values and condition terms (filters and pipelines "
                    + "included) would take the rule set past " + limits.maxRuleSetSize()
                    + " (Limits.withMaxRuleSetSize)", original.meta().location(), name);
            return null;
        }
        compiledSize += size;
        RuleInfo info = info(original.meta(), RuleKind.DETECTION, original.logsource(), evaluated);
        try {
            return ReferenceEvaluator.prepare(new ResolvedRule(info, rule.detections(), conditions),
                    limits.maxRegexLength());
        } catch (ModelException e) {
            diag.error(e.code(), e.getMessage(), original.meta().location(), name);
            return null;
        }
    }

    /** Reads and parses every source, in parallel when allowed; diagnostics and rules come in source order. */
    private LoadedRules loadSources(ExecutorService pool) {
        if (pool != null) {
            LoadedRules loaded = loadInParallel(pool);
            if (loaded != null) {
                return loaded;
            }
        }
        LoadedRules loaded = new LoadedRules();
        RuleLoader loader = new RuleLoader(limits, diag, loaded);
        sources.forEach(s -> load(loader, s));
        return loaded;
    }

    private static void load(RuleLoader loader, RuleSetBuilderImpl.RuleSource s) {
        if (s.path() != null) {
            loader.loadFile(s.path());
        } else {
            loader.loadText(s.name(), s.text());
        }
    }

    private record FileResult(Diagnostics diagnostics, LoadedRules loaded) {
    }

    /**
     * Loads each source on its own. Returns {@code null} if the rule-set budget ({@link Limits#maxRuleSetSize()})
     * came into play: which rules still fit depends on the order, so only a sequential load decides it.
     */
    private LoadedRules loadInParallel(ExecutorService pool) {
        AtomicLong used = new AtomicLong();
        List<Future<FileResult>> results = new ArrayList<>(sources.size());
        for (RuleSetBuilderImpl.RuleSource s : sources) {
            results.add(pool.submit(() -> {
                Diagnostics d = new Diagnostics();
                LoadedRules l = new LoadedRules();
                long before = used.get();
                RuleLoader loader = new RuleLoader(limits, d, l, before);
                load(loader, s);
                used.addAndGet(loader.loadedValues() - before);
                return new FileResult(d, l);
            }));
        }
        Diagnostics merged = new Diagnostics();
        LoadedRules loaded = new LoadedRules();
        boolean budgetHit = false;
        for (Future<FileResult> f : results) {
            FileResult r = join(f);
            budgetHit |= r.diagnostics().all().stream().anyMatch(d -> d.code().equals("rule-set-limit"));
            merged.addAll(r.diagnostics());
            loaded.addAll(r.loaded());
        }
        if (budgetHit || used.get() > limits.maxRuleSetSize()) {
            return null;
        }
        diag.addAll(merged);
        return loaded;
    }

    private static <T> T join(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the rule set", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Lowers the evaluated rules to the IR and compiles them into one program. */
    private RuleMatcher compile(List<ReferenceEvaluator.PreparedRule> rules, ExecutorService pool) {
        Lowering lowering = new Lowering(limits.maxRegexLength());
        List<IrRule> ir = new ArrayList<>(rules.size());
        try {
            for (int i = 0; i < rules.size(); i++) {
                ReferenceEvaluator.PreparedRule pr = rules.get(i);
                ir.add(lowering.lower(i, pr.rule(), pr::tests));
            }
        } catch (ModelException e) {
            // Every value here was already prepared by the reference evaluator, so this cannot happen.
            throw new IllegalStateException("lowering failed after preparation: " + e.getMessage(), e);
        }
        TaskRunner runner = pool == null ? TaskRunner.SEQUENTIAL
                : tasks -> tasks.stream().map(pool::submit).toList().forEach(RuleSetAssembler::join);
        return new ProgramMachine(ProgramCompiler.compile(ir, rules.size(), runner));
    }

    /** Runs the pipelines over correlation rules (field names of group-by etc.); a refused one is rejected. */
    private List<SigmaCorrelation> applyPipelines(List<SigmaCorrelation> correlations, PipelineRunner runner) {
        Map<String, SigmaCorrelation> byRef = new HashMap<>();
        correlations.forEach(c -> index(byRef, c.meta(), c));
        List<SigmaCorrelation> out = new ArrayList<>();
        for (SigmaCorrelation c : correlations) {
            try {
                out.add(runner.apply(c, PipelineRunner.referencedLogSources(c, processedLogSources::get,
                        byRef::get)));
            } catch (PipelineException e) {
                diag.error(e.code(), e.getMessage(), c.meta().location(), c.meta().identity());
                rejected++;
            }
        }
        return out;
    }

    /** Detection references in resolved conditions. */
    private static long terms(List<RuleExpr> conditions) {
        long n = 0;
        ArrayList<RuleExpr> stack = new ArrayList<>(conditions);
        while (!stack.isEmpty()) {
            RuleExpr e = stack.remove(stack.size() - 1);
            if (e instanceof RuleExpr.Ref) {
                n++;
            } else if (e instanceof RuleExpr.Not not) {
                stack.add(not.operand());
            } else if (e instanceof RuleExpr.And and) {
                stack.addAll(and.operands());
            } else if (e instanceof RuleExpr.Or or) {
                stack.addAll(or.operands());
            }
        }
        return n;
    }

    /** Adds each applicable filter's detections under a fresh {@code _filter<n>_} prefix and ANDs its condition. */
    private SigmaRule attachFilters(SigmaRule rule, List<SigmaFilter> filters) {
        SigmaRule out = rule;
        int n = 0;
        for (SigmaFilter f : filters) {
            // A rule may lack an id or a name; contains(null) would throw on the immutable list.
            String id = rule.meta().id();
            String name = rule.meta().name();
            if (!f.logsource().covers(rule.logsource()) || !(f.anyRule() || id != null && f.ruleRefs().contains(id)
                    || name != null && f.ruleRefs().contains(name))) {
                continue;
            }
            String prefix;
            do {
                prefix = "_filter" + (++n) + "_";
            } while (hasPrefix(out, prefix));
            List<Detection> ds = new ArrayList<>(out.detections());
            for (Detection d : f.detections()) {
                ds.add(new Detection(prefix + d.name(), d.body(), d.location()));
            }
            ConditionExpr fc = prefixed(f.condition().expr(), prefix);
            List<ConditionEntry> cs = new ArrayList<>();
            for (ConditionEntry c : out.conditions()) {
                cs.add(new ConditionEntry("(" + c.text() + ") and (" + f.condition().text() + ")",
                        new ConditionExpr.And(List.of(c.expr(), fc), 0), c.location()));
            }
            out = out.withDetections(ds).withConditions(cs);
        }
        return out;
    }

    private static boolean hasPrefix(SigmaRule r, String prefix) {
        return r.detections().stream().anyMatch(d -> d.name().startsWith(prefix));
    }

    private static ConditionExpr prefixed(ConditionExpr e, String prefix) {
        if (e instanceof ConditionExpr.Identifier id) {
            return new ConditionExpr.Identifier(prefix + id.name(), id.column());
        }
        if (e instanceof ConditionExpr.Selector s) {
            return new ConditionExpr.Selector(s.quantifier(), prefix + (s.isThem() ? "*" : s.pattern()), s.column());
        }
        if (e instanceof ConditionExpr.Not n) {
            return new ConditionExpr.Not(prefixed(n.operand(), prefix), n.column());
        }
        List<ConditionExpr> ops = new ArrayList<>();
        List<ConditionExpr> src = e instanceof ConditionExpr.And a ? a.operands() : ((ConditionExpr.Or) e).operands();
        for (ConditionExpr o : src) {
            ops.add(prefixed(o, prefix));
        }
        return e instanceof ConditionExpr.And ? new ConditionExpr.And(ops, e.column())
                : new ConditionExpr.Or(ops, e.column());
    }

    /** Replaces placeholders by the caller's values; a placeholder left without values rejects the rule. */
    private SigmaRule substitutePlaceholders(SigmaRule rule) {
        String name = rule.meta().identity();
        List<Detection> out = new ArrayList<>();
        boolean[] failed = {false};
        for (Detection d : rule.detections()) {
            out.add(d.withBody(mapItems(d.body(), item -> {
                if (!item.modifiers().contains(Modifier.EXPAND) || failed[0]) {
                    return item;
                }
                List<SigmaValue> values = new ArrayList<>();
                for (SigmaValue v : item.values()) {
                    try {
                        SigmaValue r = Placeholders.substitute(v, n -> true, placeholders::get, limits);
                        List<String> left = new ArrayList<>(Placeholders.remaining(r));
                        if (r instanceof SigmaValue.Regex re) {
                            Matcher m = REGEX_PLACEHOLDER.matcher(re.pattern());
                            while (m.find()) {
                                left.add(m.group(1));
                            }
                        }
                        if (!left.isEmpty()) {
                            diag.error("unresolved-placeholder", "placeholder %" + left.get(0) + "% in '"
                                    + item.key() + "' has no values; supply them (RuleSetBuilder.placeholder, "
                                    + "or --var " + left.get(0) + "=VALUE on the command line) or use a pipeline "
                                    + "with value_placeholders", item.location(), name);
                            failed[0] = true;
                            return item;
                        }
                        values.add(r);
                    } catch (PipelineException e) {
                        diag.error(e.code(), e.getMessage(), item.location(), name);
                        failed[0] = true;
                        return item;
                    }
                }
                return item.withValues(values);
            })));
        }
        return failed[0] ? null : rule.withDetections(out);
    }

    private static DetectionNode mapItems(DetectionNode n, java.util.function.UnaryOperator<DetectionItem> f) {
        if (n instanceof DetectionNode.Item it) {
            DetectionItem r = f.apply(it.item());
            return r == it.item() ? n : new DetectionNode.Item(r);
        }
        List<DetectionNode> out = new ArrayList<>();
        if (n instanceof DetectionNode.AllOf a) {
            a.children().forEach(c -> out.add(mapItems(c, f)));
            return new DetectionNode.AllOf(out);
        }
        ((DetectionNode.AnyOf) n).children().forEach(c -> out.add(mapItems(c, f)));
        return new DetectionNode.AnyOf(out);
    }

    private void warnDuplicateIds(LoadedRules loaded) {
        Map<String, RuleMeta> seen = new HashMap<>();
        List<RuleMeta> all = new ArrayList<>();
        loaded.rules().forEach(r -> all.add(r.meta()));
        loaded.correlations().forEach(c -> all.add(c.meta()));
        loaded.filters().forEach(f -> all.add(f.meta()));
        for (RuleMeta m : all) {
            if (m.id() == null) {
                continue;
            }
            RuleMeta prev = seen.putIfAbsent(m.id(), m);
            if (prev != null) {
                diag.warn("duplicate-id", "id " + m.id() + " is also used by '" + prev.title() + "' at "
                        + prev.location(), m.location(), m.identity());
            }
        }
    }

    /** Correlations whose references resolve and that are not part of a reference cycle. */
    private List<SigmaCorrelation> validCorrelations(LoadedRules loaded) {
        Map<String, Object> byRef = new LinkedHashMap<>();
        for (SigmaRule r : loaded.rules()) {
            index(byRef, r.meta(), r);
        }
        for (SigmaCorrelation c : loaded.correlations()) {
            index(byRef, c.meta(), c);
        }
        List<SigmaCorrelation> ok = new ArrayList<>();
        for (SigmaCorrelation c : loaded.correlations()) {
            boolean good = true;
            for (String ref : c.ruleRefs()) {
                if (!byRef.containsKey(ref)) {
                    diag.error("correlation-unknown-rule", "correlation refers to rule '" + ref + "', which is not "
                            + "loaded (or was rejected)", c.meta().location(), c.meta().identity());
                    good = false;
                }
            }
            if (good && inCycle(c, byRef, new HashSet<>())) {
                diag.error("correlation-cycle", "correlation references form a cycle through '"
                        + c.meta().identity() + "'", c.meta().location(), c.meta().identity());
                good = false;
            }
            if (good) {
                ok.add(c);
            } else {
                rejected++;
            }
        }
        return ok;
    }

    private static <T> void index(Map<String, T> byRef, RuleMeta m, T rule) {
        if (m.id() != null) {
            byRef.putIfAbsent(m.id(), rule);
        }
        if (m.name() != null) {
            byRef.putIfAbsent(m.name(), rule);
        }
    }

    private static boolean inCycle(SigmaCorrelation start, Map<String, Object> byRef, Set<SigmaCorrelation> path) {
        if (!path.add(start)) {
            return true;
        }
        for (String ref : start.ruleRefs()) {
            if (byRef.get(ref) instanceof SigmaCorrelation next && inCycle(next, byRef, path)) {
                return true;
            }
        }
        path.remove(start);
        return false;
    }

    /** Identities of detection rules referenced by a correlation without {@code generate: true}. */
    private static Set<String> silencedByCorrelations(List<SigmaRule> rules, List<SigmaCorrelation> correlations) {
        Set<String> refs = new HashSet<>();
        for (SigmaCorrelation c : correlations) {
            if (!c.generate()) {
                refs.addAll(c.ruleRefs());
            }
        }
        Set<String> out = new HashSet<>();
        for (SigmaRule r : rules) {
            RuleMeta m = r.meta();
            if ((m.id() != null && refs.contains(m.id())) || (m.name() != null && refs.contains(m.name()))) {
                out.add(m.identity());
            }
        }
        return out;
    }

    private static RuleInfo info(RuleMeta m, RuleKind kind, LogSource ls, boolean evaluated) {
        return new RuleInfo(m.identity(), m.id(), m.name(), m.title(), kind, m.level(), m.status(), m.description(),
                m.author(), m.tags(), m.references(), m.falsePositives(), m.fields(), ls.asMap(), m.location(),
                evaluated);
    }
}
