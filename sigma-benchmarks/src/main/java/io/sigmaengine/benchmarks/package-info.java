/** JMH benchmarks of the Sigma engine. */
package io.sigmaengine.benchmarks;
