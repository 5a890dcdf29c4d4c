/** Service-provider interface through which {@link io.sigmaengine.api.Sigma} finds the engine. */
package io.sigmaengine.api.spi;
