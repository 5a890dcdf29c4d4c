/**
 * Linear-time regular-expression search that gives exactly RE2/J's answer, run as a lazily built, shared DFA that
 * does not allocate once its states exist.
 */
package io.sigmaengine.engine.regex;
