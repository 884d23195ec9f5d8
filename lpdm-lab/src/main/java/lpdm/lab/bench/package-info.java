/**
 * Benchmark workloads shared by the {@code lpdm bench} command (lpdm-cli) and the JMH benchmarks
 * (lpdm-bench): one update step of a network under a learning rule ({@link lpdm.lab.bench.UpdateStep}),
 * the activation-memory probe ({@link lpdm.lab.bench.MemoryProbe}) and end-to-end training throughput
 * ({@link lpdm.lab.bench.Throughput}). Nothing here depends on JMH. See docs/performance.md.
 */
package lpdm.lab.bench;
