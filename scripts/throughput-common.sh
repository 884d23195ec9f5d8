# Shared start of scripts/spark-throughput.sh and scripts/spark-overhead.sh; sourced, not run.
# Expects ROOT (the checkout), WORK (the work directory, created empty here) and SEEDS. Writes
# WORK/study.yaml (SEEDS runs of PPO CartPole-v1 with back-propagation, 100k steps each), builds the
# checkout outside the timings and defines log (a line with the time and the load average, also
# appended to WORK/phases.log).
rm -rf "$WORK"; mkdir -p "$WORK"
cat >"$WORK/study.yaml" <<YAML
envs: [CartPole-v1]
algo: ppo
steps: 100000
seeds: $SEEDS
variants:
  bp: {learner: bp}
YAML
"$ROOT/lpdm" envs >/dev/null 2>&1 # build first, outside the timings
log() { echo "[$(date -u +%H:%M:%S)] $* (load $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$WORK/phases.log"; }
