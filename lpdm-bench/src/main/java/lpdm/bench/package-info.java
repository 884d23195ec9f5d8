/**
 * JMH benchmarks over the workloads of {@link lpdm.bench.workloads} (which {@code lpdm bench} runs
 * too, without JMH). Build and run (docs/performance.md has the measured tables):
 * <pre>
 * mvn -B -o -q package -pl lpdm-bench -am -DskipTests
 * java -jar lpdm-bench/target/benchmarks.jar                       # everything (about 15 minutes)
 * java -jar lpdm-bench/target/benchmarks.jar UpdateStep            # one class
 * java -jar lpdm-bench/target/benchmarks.jar FirstUpdateAllocation -prof gc
 * </pre>
 */
package lpdm.bench;
