/**
 * Benchmark workloads shared by the {@code lpdm bench} command (lpdm-cli) and the JMH benchmarks
 * of {@link lpdm.bench}: one update step of a network under a learning rule ({@link UpdateStep}),
 * the activation-memory probe ({@link MemoryProbe}) and end-to-end training throughput
 * ({@link Throughput}). Nothing here depends on JMH: the CLI runs these classes with JMH absent
 * from its class path. See docs/performance.md.
 */
package lpdm.bench.workloads;
