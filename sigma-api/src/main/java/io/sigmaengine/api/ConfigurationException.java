package io.sigmaengine.api;

/**
 * The engine was configured with something unusable: an unknown built-in pipeline, an unreadable rule path, an
 * invalid pipeline file, a bad limit. Problems inside individual rules are never thrown: they are
 * {@link Diagnostic}s of the {@link RuleSet}.
 */
public class ConfigurationException extends SigmaException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }

    public ConfigurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
