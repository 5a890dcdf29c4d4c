package io.sigmaengine.engine.model;

import java.util.HashMap;
import java.util.Map;

/** The value modifiers of Sigma 2.1 (pySigma's 33 identifiers plus the spec's {@code utf16le}). */
public enum Modifier {
    CONTAINS("contains"),
    STARTSWITH("startswith"),
    ENDSWITH("endswith"),
    ALL("all"),
    NEQ("neq"),
    EXISTS("exists"),
    CASED("cased"),
    WINDASH("windash"),
    RE("re"),
    I("i"),
    IGNORECASE("ignorecase"),
    M("m"),
    MULTILINE("multiline"),
    S("s"),
    DOTALL("dotall"),
    BASE64("base64"),
    BASE64OFFSET("base64offset"),
    WIDE("wide"),
    UTF16LE("utf16le"),
    UTF16BE("utf16be"),
    UTF16("utf16"),
    CIDR("cidr"),
    GT("gt"),
    GTE("gte"),
    LT("lt"),
    LTE("lte"),
    MINUTE("minute"),
    HOUR("hour"),
    DAY("day"),
    WEEK("week"),
    MONTH("month"),
    YEAR("year"),
    FIELDREF("fieldref"),
    EXPAND("expand");

    private static final Map<String, Modifier> BY_NAME = new HashMap<>();

    static {
        for (Modifier m : values()) {
            BY_NAME.put(m.yamlName, m);
        }
    }

    private final String yamlName;

    Modifier(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name as written in rules (lowercase). */
    public String yamlName() {
        return yamlName;
    }

    /** Looks a modifier up by its exact (case-sensitive) name; {@code null} if unknown. */
    public static Modifier byName(String name) {
        return BY_NAME.get(name);
    }

    @Override
    public String toString() {
        return yamlName;
    }
}
