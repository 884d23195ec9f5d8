#!/usr/bin/env bash
# A study as a SLURM job array: one array task per shard, all writing to one shared directory
# (docs/lab.md, "Studies on a cluster"). Submit from the repository:
#   sbatch --array=1-8 examples/cluster/slurm-array.sh studies/cartpole-acrobot.yaml /shared/studies/ca
# then, once every task has finished (or as a dependent job: sbatch --dependency=afterok:JOBID ...):
#   ./lpdm gather /shared/studies/ca --out /shared/studies/ca
# A preempted or requeued task simply runs again: its shard continues its own runs from their checkpoints.
#SBATCH --job-name=lpdm-study
#SBATCH --cpus-per-task=2
#SBATCH --mem=4G
#SBATCH --time=24:00:00
#SBATCH --requeue
#SBATCH --output=lpdm-study-%A_%a.log
set -euo pipefail
STUDY="$1"
OUT="$2"
# SLURM numbers array tasks as given to --array (here 1..8); SLURM_ARRAY_TASK_COUNT is their number.
INDEX="${SLURM_ARRAY_TASK_ID}"
COUNT="${SLURM_ARRAY_TASK_COUNT}"
# One JVM per shard, warm across its runs; --jobs: runs trained at once in it (one per core).
./lpdm compare --study "$STUDY" --out "$OUT" --shard "$INDEX/$COUNT" --jobs "${SLURM_CPUS_PER_TASK:-1}" --quiet
