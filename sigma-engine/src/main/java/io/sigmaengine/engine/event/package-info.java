/**
 * Events: JSON and map adapters that expose fields by Sigma name, and streaming readers for event files.
 */
package io.sigmaengine.engine.event;
