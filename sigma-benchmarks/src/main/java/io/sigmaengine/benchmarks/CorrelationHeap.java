package io.sigmaengine.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Measures the heap one live correlation group takes: builds a detector, creates {@code groups} groups with
 * {@code events} events each, and compares the used heap after full collections before and after. Run:
 * {@code java -cp sigma-benchmarks.jar io.sigmaengine.benchmarks.CorrelationHeap [groups] [events]}.
 */
public final class CorrelationHeap {

    private CorrelationHeap() {
    }

    public static void main(String[] args) throws InterruptedException {
        int groups = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int events = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        for (CorrelationWorkload.Kind kind : CorrelationWorkload.Kind.values()) {
            CorrelationWorkload w = new CorrelationWorkload(kind, groups, true);
            long before = usedAfterGc();
            for (long i = 0; i < (long) groups * events; i++) {
                w.next();
            }
            long after = usedAfterGc();
            if (w.detector.stats().liveGroups() != groups) {
                throw new IllegalStateException("expected " + groups + " live groups: " + w.detector.stats());
            }
            System.out.printf(Locale.ROOT, "%-17s %,d groups x %d events: %,d bytes retained, %.0f bytes per group "
                    + "(its key, e.g. \"user-123456\", included)%n", kind, groups, events, after - before,
                    (after - before) / (double) groups);
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
