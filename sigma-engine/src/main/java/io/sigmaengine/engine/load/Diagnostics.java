package io.sigmaengine.engine.load;

import io.sigmaengine.api.Diagnostic;
import io.sigmaengine.api.SourceLocation;

import java.util.ArrayList;
import java.util.List;

/** Collects diagnostics in the order they are found. Not thread-safe. */
public final class Diagnostics {

    private final List<Diagnostic> all = new ArrayList<>();

    public void error(String code, String message, SourceLocation at, String rule) {
        all.add(new Diagnostic(Diagnostic.Severity.ERROR, code, message, at, rule));
    }

    public void warn(String code, String message, SourceLocation at, String rule) {
        all.add(new Diagnostic(Diagnostic.Severity.WARNING, code, message, at, rule));
    }

    public void add(Diagnostic d) {
        all.add(d);
    }

    public void addAll(Diagnostics other) {
        all.addAll(other.all);
    }

    public List<Diagnostic> all() {
        return List.copyOf(all);
    }

    public int size() {
        return all.size();
    }

    public boolean hasErrors() {
        for (Diagnostic d : all) {
            if (d.isError()) {
                return true;
            }
        }
        return false;
    }

    /** Diagnostics added after {@code mark} (see {@link #size()}) that are errors. */
    public boolean hasErrorsSince(int mark) {
        for (int i = mark; i < all.size(); i++) {
            if (all.get(i).isError()) {
                return true;
            }
        }
        return false;
    }
}
