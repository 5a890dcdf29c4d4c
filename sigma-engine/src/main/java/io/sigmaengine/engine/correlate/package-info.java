/**
 * Correlation rules over event streams: sliding event-time windows per group, chaining, bounded state and
 * snapshots, behind the public {@link io.sigmaengine.api.Detector}.
 */
package io.sigmaengine.engine.correlate;
