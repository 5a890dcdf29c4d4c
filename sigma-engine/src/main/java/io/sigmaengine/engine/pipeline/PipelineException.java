package io.sigmaengine.engine.pipeline;

/** A pipeline refused a rule ({@code rule_failure}, {@code detection_item_failure}, strict field mapping, ...). */
public class PipelineException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String code;

    public PipelineException(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
