/**
 * The rule model: immutable detection rules, correlation rules and filters; search identifiers and detection
 * items; typed values ({@link io.sigmaengine.engine.model.SigmaString} tokens, numbers, regexes, networks, ...)
 * and the modifier chain that produces them. Nothing here knows about YAML or about compiled programs.
 */
package io.sigmaengine.engine.model;
