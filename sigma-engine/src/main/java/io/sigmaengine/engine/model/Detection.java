package io.sigmaengine.engine.model;

import io.sigmaengine.api.SourceLocation;

/**
 * A named search identifier of a rule's {@code detection} section.
 *
 * @param name     the identifier as written (case-sensitive)
 * @param body     its items
 * @param location where the identifier is defined
 */
public record Detection(String name, DetectionNode body, SourceLocation location) {

    public Detection withBody(DetectionNode newBody) {
        return new Detection(name, newBody, location);
    }
}
