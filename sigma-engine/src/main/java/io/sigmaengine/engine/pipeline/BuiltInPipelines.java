package io.sigmaengine.engine.pipeline;

import io.sigmaengine.api.ConfigurationException;
import io.sigmaengine.api.Limits;
import io.sigmaengine.api.PipelineInfo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The pipelines that ship with the engine, written in pySigma's pipeline YAML and loaded from the class path. */
public final class BuiltInPipelines {

    private static final Map<String, PipelineInfo> INFO = new LinkedHashMap<>();
    private static final Map<String, Pipeline> CACHE = new ConcurrentHashMap<>();

    static {
        add("sysmon", 10, "generic Windows log source categories (process_creation, ...) to Sysmon EventIDs; "
                + "log source becomes service: sysmon");
        add("windows", 10, "Windows log source services (security, sysmon, powershell, ...) to Channel "
                + "conditions; PowerShell categories to their EventIDs");
        add("windows-audit", 10, "process_creation to Security event 4688 and registry categories to 4657, with "
                + "the Security field names; rules needing a field Security events lack are refused with the reason "
                + "(add 'windows' for the Channel)");
        add("ecs-windows", 20, "Winlogbeat >= 7 / Elastic Agent ECS documents, nested or with dotted keys: "
                + "winlog.channel, ECS field names, winlog.event_data.* for the rest (use after 'sysmon')");
        add("ecs-windows-old", 20, "Winlogbeat <= 6 documents: winlog.channel, EventID as event_id, event_data.* "
                + "for the rest (use after 'sysmon')");
    }

    private BuiltInPipelines() {
    }

    private static void add(String name, int priority, String description) {
        INFO.put(name, new PipelineInfo(name, priority, description));
    }

    public static List<PipelineInfo> list() {
        return List.copyOf(INFO.values());
    }

    public static boolean exists(String name) {
        return INFO.containsKey(name);
    }

    /** The named built-in pipeline; built-ins are loaded once and shared (pipelines are immutable). */
    public static Pipeline get(String name) {
        if (!INFO.containsKey(name)) {
            throw new ConfigurationException("unknown built-in pipeline '" + name + "'; built-ins are "
                    + INFO.keySet());
        }
        return CACHE.computeIfAbsent(name, BuiltInPipelines::read);
    }

    private static Pipeline read(String name) {
        String resource = name + ".yml";
        try (InputStream in = BuiltInPipelines.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigurationException("built-in pipeline resource " + resource + " is missing");
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return PipelineLoader.load("builtin:" + name, yaml, Limits.defaults()).pipeline();
        } catch (IOException e) {
            throw new ConfigurationException("cannot read built-in pipeline " + name, e);
        }
    }
}
