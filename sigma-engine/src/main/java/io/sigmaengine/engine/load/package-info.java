/**
 * Stage 3 of loading: YAML documents to the rule model. Recognises detection rules, filters, correlation rules
 * and legacy {@code action} collections; validates every field; reports each problem as a positioned diagnostic
 * and rejects only the document at fault.
 */
package io.sigmaengine.engine.load;
