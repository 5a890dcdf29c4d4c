package io.sigmaengine.engine.corpus;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.RuleKind;
import io.sigmaengine.api.RuleSet;
import io.sigmaengine.api.RuleSetBuilder;
import io.sigmaengine.api.Sigma;
import io.sigmaengine.engine.SharedData;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every rule file of the SigmaHQ repository snapshot loads. pySigma loads all 3,780 rules under {@code rules*}
 * and only fails on the 25 placeholder rules when no placeholder values are configured; the engine must do the
 * same. Files under {@code deprecated/} and {@code unsupported/} load too, and every rejection there must carry a
 * specific reason (the removed aggregation syntax, mostly).
 */
class SigmaHqLoadTest {

    private static final Path SIGMAHQ = SharedData.corpus().resolve("sigmahq");

    private static RuleSet load(String... folders) throws IOException {
        RuleSetBuilder b = Sigma.ruleSet();
        for (String f : folders) {
            b.addRules(SIGMAHQ.resolve(f));
        }
        return b.build();
    }

    private static long yamlDocuments(String... folders) throws IOException {
        long n = 0;
        for (String f : folders) {
            try (Stream<Path> s = Files.walk(SIGMAHQ.resolve(f))) {
                for (Path p : s.filter(x -> x.toString().endsWith(".yml")).toList()) {
                    n += Files.readString(p).lines().filter(l -> l.equals("---")).count() + 1;
                }
            }
        }
        return n;
    }

    /** Error codes by how many times they occur. */
    private static Map<String, Long> errorCodes(RuleSet rs) {
        return rs.diagnostics().stream().filter(Diagnostic::isError)
                .collect(Collectors.groupingBy(Diagnostic::code, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyRuleLoadsExceptPlaceholderRulesWithoutValues() throws IOException {
        String[] folders = {"rules", "rules-emerging-threats", "rules-threat-hunting", "rules-compliance",
                "rules-dfir", "rules-placeholder"};
        RuleSet rs = load(folders);
        long detection = rs.rules().stream().filter(r -> r.kind() == RuleKind.DETECTION).count();
        assertEquals(3780, yamlDocuments(folders), "rule documents in the snapshot");
        assertEquals(3755, detection, "loaded detection rules");
        assertEquals(25, rs.rejectedCount(), "rejected rules");
        assertEquals(Map.of("unresolved-placeholder", 25L), errorCodes(rs),
                rs.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::toString)
                        .collect(Collectors.joining("\n")));
        for (Diagnostic d : rs.diagnostics()) {
            if (d.isError()) {
                assertTrue(d.message().contains("|expand"), "a rejected rule uses expand: " + d);
            }
        }
    }

    @Test
    void placeholderRulesLoadWhenValuesAreSupplied() throws IOException {
        RuleSet probe = load("rules-placeholder");
        Set<String> names = probe.diagnostics().stream().filter(Diagnostic::isError)
                .map(d -> d.message().replaceAll("^placeholder %([^%]+)%.*", "$1")).collect(Collectors.toSet());
        assertTrue(names.size() >= 5, "placeholder names: " + names);
        RuleSetBuilder b = Sigma.ruleSet().addRules(SIGMAHQ.resolve("rules-placeholder"));
        // Each rule needs every one of its placeholders; supply all names found, iterating until none is missing.
        for (int round = 0; round < 10; round++) {
            RuleSet rs = b.build();
            List<Diagnostic> missing = rs.diagnostics().stream().filter(Diagnostic::isError).toList();
            if (missing.isEmpty()) {
                assertEquals(0, rs.rejectedCount());
                assertEquals(23, rs.rules().size(), "placeholder rule documents");
                return;
            }
            for (Diagnostic d : missing) {
                assertEquals("unresolved-placeholder", d.code(), d.toString());
                b.placeholder(d.message().replaceAll("^placeholder %([^%]+)%.*", "$1"), List.of("value_*"));
            }
        }
        throw new AssertionError("placeholders never resolved");
    }

    @Test
    void deprecatedAndUnsupportedRulesLoadOrFailForASpecificReason() throws IOException {
        RuleSet rs = load("deprecated", "unsupported");
        Map<String, Long> codes = errorCodes(rs);
        assertEquals(Set.of("condition-pipe", "timeframe-removed", "condition-syntax", "unresolved-placeholder"),
                codes.keySet(), codes.toString());
        assertEquals(66, rs.rejectedCount());
        assertEquals(195, rs.rules().size());
        for (Diagnostic d : rs.diagnostics()) {
            if (d.code().equals("condition-pipe")) {
                assertTrue(d.message().contains("correlation"), d.message());
            }
            assertTrue(d.location().line() > 0, "positioned: " + d);
        }
    }
}
