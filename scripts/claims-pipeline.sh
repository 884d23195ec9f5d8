#!/usr/bin/env bash
# Issue 18 (docs/claims.md): the claims studies in the order of the compute plan, one at a time,
# each with 2 workers (CLAIMS_JOBS) and nice 19 (CLAIMS_NICE; the machine is shared). Every step starts its study or, when
# its directory already holds one, continues it (compare --resume: completed runs are read, broken
# runs continue from their checkpoint). Reported studies are written by scripts/claims-pick.py
# from their finished tuning stage. Run it again to continue where it stopped.
# Usage: scripts/claims-pipeline.sh [STEP...]   (default: the steps not yet complete, in the order of the list at the end)
# Each study's per-run results go to studies/results/NAME.tsv (scripts/study-summaries.py), to be
# committed: the picks read them where run directories are gone (a new machine), a study complete
# there is not run again, and a tuning study it holds in part runs only the rest
# (scripts/study-remainder.py). `scripts/claims-pipeline.sh tables` writes the tables of every
# study with a run directory here, finished or not: run it before a session ends and commit them.
# Env: CLAIMS_RUNS (default /work/claims-runs): where run directories go (never the repository);
#      CLAIMS_BIN: directory with lpdm-cli.jar and lib/ to run (default: CLAIMS_RUNS/bin-13fb4b2 if it
#      exists, the binary the first runs used, so that continued runs stay bit-exact; else ./lpdm).
#      Pin one: mvn -B -q package -DskipTests; mkdir BIN; cp -r lpdm-cli/target/{lpdm-cli.jar,lib} BIN/;
#      git rev-parse HEAD > BIN/git_commit (recorded as the runs' git_commit).
#      CLAIMS_JOBS (default 2): worker threads per study (1 leaves a core to another study).
#      CLAIMS_NICE (default 19): the studies' nice level.
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
RUNS="${CLAIMS_RUNS:-/work/claims-runs}"
BIN="${CLAIMS_BIN:-$RUNS/bin-13fb4b2}"
JOBS="${CLAIMS_JOBS:-2}"
NICE="${CLAIMS_NICE:-19}"
mkdir -p "$RUNS"

if [ -f "$BIN/lpdm-cli.jar" ]; then
  # config.json's git_commit: the binary's commit (BIN/git_commit, written when it was pinned), not the
  # checkout's HEAD, which BuildInfo would read otherwise and which moves on while a study runs
  COMMIT=()
  [ -f "$BIN/git_commit" ] && COMMIT=(-Dlpdm.git_commit="$(cat "$BIN/git_commit")")
  LPDM=(java --add-modules jdk.incubator.vector -Dlpdm.home="$ROOT" "${COMMIT[@]}" -Djava.awt.headless=true -jar "$BIN/lpdm-cli.jar")
else
  LPDM=(./lpdm)
fi

compare_into() { # STUDY.yaml DIR: start the study in DIR, or continue it there (--resume) when DIR holds one
  local resume=()
  [ -f "$2/study.json" ] && resume=(--resume)
  nice -n "$NICE" "${LPDM[@]}" compare --study "$1" --out "$2" "${resume[@]}" --jobs "$JOBS" --quiet
}

study() { # NAME [tuning]: run or continue studies/NAME.yaml into $RUNS/NAME; then record its runs in
  # studies/results/NAME.tsv (commit it: run directories stay on the machine that ran them). A study
  # whose every run is complete in that file and that has no run directory here is not run again;
  # a tuning study that the file holds in part runs only the runs it lacks (rest_study).
  local name=$1 kind=${2:-} dir="$RUNS/$1" table="studies/results/$1.tsv"
  if [ ! -f "$dir/study.json" ] && [ -f "$table" ]; then
    if complete_in_table "$name"; then
      echo "== $name: every run complete in $table (run elsewhere); not run again" >&2
      return 0
    fi
    [ "$kind" = tuning ] && { rest_study "$name"; return $?; }
  fi
  echo "== $(date -u +%H:%M:%S) $name" >&2
  compare_into "studies/$name.yaml" "$dir"
  local rc=$?
  [ -d "$dir/runs" ] && python3 scripts/study-summaries.py "studies/$name.yaml" "$dir" --out "$table"
  keep_results "$name"
  echo "== $(date -u +%H:%M:%S) $name exit $rc" >&2
  return $rc
}

rest_study() { # NAME: a tuning study begun on another machine: only the runs studies/results/NAME.tsv
  # lacks, as remainder study files (scripts/study-remainder.py) run into $RUNS/NAME.rest/rest-HASH
  local name=$1 table="studies/results/$1.tsv" f d rc=0
  for f in "$RUNS/$name.rest"/rest-*.yaml; do  # what an earlier call on this machine finished
    [ -d "${f%.yaml}/runs" ] && python3 scripts/study-summaries.py "$f" "${f%.yaml}" --out "$table"
  done
  for f in $(python3 scripts/study-remainder.py "studies/$name.yaml" "$table" "$RUNS/$name.rest"); do
    d="${f%.yaml}"
    echo "== $(date -u +%H:%M:%S) $name: the runs $table lacks ($f)" >&2
    compare_into "$f" "$d" || rc=1
    [ -d "$d/runs" ] && python3 scripts/study-summaries.py "$f" "$d" --out "$table"
  done
  echo "== $(date -u +%H:%M:%S) $name exit $rc" >&2
  [ $rc = 0 ] && complete_in_table "$name"
}

keep_results() { # NAME: a finished reported study's results.json (every statistic of its report, 50-100
  # KB) as studies/results/NAME.results.json, to be committed: scripts/claims-table.py reads it when the
  # run directory is gone. Tuning studies (named *tune*) are left out: the picks read their .tsv, and
  # their results.json (300 KB and more) serve nothing
  local dir="$RUNS/$1"
  case $1 in *tune*) return 0 ;; esac
  [ -f "$dir/results.json" ] && [ "$dir/results.json" -nt "$dir/study.json" ] && cp "$dir/results.json" "studies/results/$1.results.json"
  return 0
}

tables() { # every study with a run directory here: its runs into studies/results/NAME.tsv (before a
  # session ends, so that what ran is committed even when a study is still running)
  local dir name f
  for dir in "$RUNS"/*/; do
    name=$(basename "$dir")
    [ -f "studies/$name.yaml" ] && [ -d "$dir/runs" ] \
      && python3 scripts/study-summaries.py "studies/$name.yaml" "$dir" --out "studies/results/$name.tsv" \
      && keep_results "$name"
    case $name in *.rest)
      for f in "$dir"rest-*.yaml; do
        [ -d "${f%.yaml}/runs" ] && python3 scripts/study-summaries.py "$f" "${f%.yaml}" --out "studies/results/${name%.rest}.tsv"
      done ;;
    esac
  done
  echo "== tables written: studies/results/" >&2
}

complete_in_table() { # NAME: does studies/results/NAME.tsv hold every run of studies/NAME.yaml, completed?
  python3 scripts/study-remainder.py --check "studies/$1.yaml" "studies/results/$1.tsv"
}

tuned() { # REPORTED TUNING...: run the tuning studies (one grid), pick, run the reported study
  # (PICK_SEEDS=11-15: the reported seeds, default 11-20; CHOSEN_FROM=studies/X.yaml: groups as chosen
  # in an earlier reported study, listed first (claims-pick --chosen-from); PICK_GROUPS=a,b,...: only those learners in the reported study;
  # PICK_SKIP_GROUPS=a,b,...: groups of the tuning studies left out of the pick (e.g. taken from CHOSEN_FROM instead);
  # PICK_WRITE_ENVS=E1,E2 / PICK_WRITE_STEPS=N: the reported study's envs / budget when not the tuning's;
  # PICK_ALLOW_EDGE=g1,g2: groups whose choice may sit at an end of the grid (claims-pick --allow-edge; say why); the reported runs of every learner
  # whose choice another reported study already ran, with the same definition, are copied from
  # the studies named in SEED_FROM)
  local reported=$1 t pairs=() groups=()
  [ -n "${PICK_GROUPS:-}" ] && groups=(--groups "$PICK_GROUPS")
  [ -n "${CHOSEN_FROM:-}" ] && groups+=(--chosen-from "$CHOSEN_FROM")
  [ -n "${PICK_SKIP_GROUPS:-}" ] && groups+=(--skip-groups "$PICK_SKIP_GROUPS")
  [ -n "${PICK_WRITE_ENVS:-}" ] && groups+=(--write-envs "$PICK_WRITE_ENVS")
  [ -n "${PICK_WRITE_STEPS:-}" ] && groups+=(--write-steps "$PICK_WRITE_STEPS")
  [ -n "${PICK_ALLOW_EDGE:-}" ] && groups+=(--allow-edge "$PICK_ALLOW_EDGE")
  shift
  for t in "$@"; do
    study "$t" tuning || return 1
    pairs+=("studies/$t.yaml" "$RUNS/$t")
  done
  if [ ! -f "studies/$reported.yaml" ]; then
    python3 scripts/claims-pick.py "${pairs[@]}" "${groups[@]}" --write "studies/$reported.yaml" --seeds "${PICK_SEEDS:-11-20}" \
      > "$RUNS/$reported.pick.md" || return 1
  fi
  seed_runs "$reported" ${SEED_FROM:-} && study "$reported"
}

seed_runs() { # TO FROM...: before TO's study first starts, copy each FROM study's completed runs of
  # every variant TO has with the same definition, when both have the same env, algo, steps, seeds
  # and top-level settings (the runs would be the same bytes); compare then reads them. A seed
  # already in TO is kept (the first FROM that has it wins). Nothing is copied for a study that
  # studies/results/TO.tsv holds complete (study() does not run it again).
  local to=$1 from v d env same
  shift
  [ -f "studies/$to.yaml" ] && [ ! -f "$RUNS/$to/study.json" ] || return 0
  [ -f "studies/results/$to.tsv" ] && complete_in_table "$to" && return 0
  for from in "$@"; do
    [ -f "studies/$from.yaml" ] && [ -d "$RUNS/$from/runs" ] || continue
    same=$(python3 - "studies/$from.yaml" "studies/$to.yaml" <<'PY'
import sys, yaml
a, b = (yaml.safe_load(open(f)) for f in sys.argv[1:3])
if all(a.get(k) == b.get(k) for k in ("envs", "algo", "steps", "seeds", "set")):
    print(" ".join(v for v in a["variants"] if b["variants"].get(v) == a["variants"][v]))
PY
) || continue
    env=$(python3 -c 'import sys, yaml; print(yaml.safe_load(open(sys.argv[1]))["envs"][0])' "studies/$to.yaml")
    for v in $same; do
      for d in "$RUNS/$from/runs/$env/$v"/seed*; do
        grep -q '"completed" *: *true' "$d/summary.json" 2>/dev/null || continue
        [ -e "$RUNS/$to/runs/$env/$v/$(basename "$d")" ] && continue
        mkdir -p "$RUNS/$to/runs/$env/$v" && cp -r "$d" "$RUNS/$to/runs/$env/$v/"
      done
      echo "== copied $from's completed $v runs into $to" >&2
    done
  done
}

decay() { # C1 SEEDS REPORTED "TUNING..." [ALSO...]: point 5's lr-schedule question on one env (see the decay-*
  # steps); TUNING: one or more tuning studies (one grid, as one quoted word); ALSO: further reported
  # studies whose runs of the same learners may be copied (seed_runs)
  local c1=$1 seeds=$2 reported=$3 tuning=$4
  shift 4
  # shellcheck disable=SC2086  # $tuning: several study names on purpose
  PICK_SEEDS=$seeds PICK_GROUPS=lpdm,lpdmdecay,plain,plaindecay CHOSEN_FROM="studies/$c1.yaml" SEED_FROM="$c1 $*" tuned "$reported" $tuning
}

main() {
steps=("$@")
# The first five steps are complete (docs/claims.md); name them to run them again. cartpole and acrobot
# ran again in session 16 on grids grown to 1 (their per-run tables are in studies/results/ since then);
# the pairs steps' and pendulum's tables are only in claims.md (their run directories were lost).
# halfcheetah and hopper (MuJoCo; issue 23's C3 rows, 5 reported seeds; complete in session 11) need
# libmujoco-dev and gcc.
# cartpole (re-chosen on the grid up to 1), ideas, decay-cartpole, acrobot (grid up to 1) and c4-tanh's
# readouts, decay-acrobot and decay-pendulum ran in session 16 and left the default list.
# decay-halfcheetah and decay-hopper ran in session 17 (complete; the default's schedule is decided).
[ ${#steps[@]} -eq 0 ] && steps=(c4-relu lunarlander lunarlandercontinuous bipedalwalker minatar)
for s in "${steps[@]}"; do
  case $s in
    # C1 CartPole on the grid 1e-4 .. 1: the points 1e-1, 3e-1 and 1 are point 5's tuning files, which hold
    # every learner of C1 (session 16; the six-point pick is studies/claims-c1-cartpole-grid6.yaml)
    cartpole) PICK_GROUPS=bp,frozen,lpdm,plain SEED_FROM="claims-c1-cartpole-grid6 claims-pairs-cartpole" tuned claims-c1-cartpole \
      claims-tune-cartpole claims-tune-cartpole-low claims-tune-cartpole-high claims-tune-cartpole-high2 \
      claims-ideas-tune-cartpole-high claims-ideas-tune-cartpole-high2 claims-ideas-tune-cartpole-high3 ;;
    # (-high3: the points 1e-1, 3e-1 and 1, run in session 16 because CartPole's six-point grid hid a second mode)
    acrobot) PICK_GROUPS=bp,frozen,lpdm,plain SEED_FROM="claims-c1-acrobot-grid6 claims-pairs-acrobot" tuned claims-c1-acrobot \
      claims-tune-acrobot claims-tune-acrobot-high claims-tune-acrobot-high2 claims-tune-acrobot-high3 ;;
    # C4 tanh's depth 2 is C1 CartPole's cell: its four learners as chosen there (same grid, same seeds)
    # (claims-c4-tune-tanh-high: the point 1e-1 at depth 16, where frozen's choice was the grid's upper end;
    # claims-c4-tanh-readouts: point 5's readouts at depths 8 and 16, as chosen by the same pick)
    c4-tanh) study claims-c4-tune-tanh tuning && study claims-c4-tune-tanh-high tuning \
      && { [ -f studies/claims-c4-tanh.yaml ] || python3 scripts/claims-pick.py studies/claims-c4-tune-tanh.yaml "$RUNS/claims-c4-tune-tanh" \
             studies/claims-c4-tune-tanh-high.yaml "$RUNS/claims-c4-tune-tanh-high" --chosen-from studies/claims-c1-cartpole.yaml --write studies/claims-c4-tanh.yaml --seeds 11-20 > "$RUNS/claims-c4-tanh.pick.md"; } \
      && seed_runs claims-c4-tanh claims-c1-cartpole && study claims-c4-tanh && study claims-c4-tanh-readouts ;;
    # (claims-c4-tune-relu-high: the point 1e-1 at every depth, several choices having been the grid's upper end 3e-2;
    # -high2: 3e-1 and 1, frozen's choice having moved to 1e-1 at every depth; session 18)
    # (bp at depths 4-16 is at the maximum return 500.0 on every tuning seed at the grid's lower end 1e-4, where
    # ties resolve; lpdm-d16 fails at every point, 9.3-13.7, its choice 1e-4 a tie with 2.5e-4: no sign of a short grid)
    c4-relu) PICK_ALLOW_EDGE=bp-d4,bp-d8,bp-d16,lpdm-d16 tuned claims-c4-relu claims-c4-tune-relu claims-c4-tune-relu-high claims-c4-tune-relu-high2 ;;
    # point 5: the three local ideas at depth 2, beside C1 CartPole's four learners (the readouts at
    # depths 8 and 16 are in C4 tanh's studies)
    # (C4 tanh's depth-2 variants are C1 CartPole's, the same definitions and seeds: their runs are copied
    # from whichever of the two reported studies has a run directory here)
    # (-high, -high2, -high3: the points 1e-1, 3e-1 and 1 for every learner at depth 2, C1's four included, run
    # because choices kept landing on the grid's upper end; frozen's and plain's C1 choices moved)
    # C1's four learners are left out of the pick (PICK_SKIP_GROUPS) and taken as chosen in
    # studies/claims-c1-cartpole.yaml, picked on the same grid and tuning seeds (session 16)
    ideas) CHOSEN_FROM=studies/claims-c1-cartpole.yaml PICK_SKIP_GROUPS=bp,frozen,lpdm,plain \
      SEED_FROM="claims-c1-cartpole claims-c4-tanh" tuned claims-ideas-cartpole claims-ideas-tune-cartpole \
      claims-ideas-tune-cartpole-high claims-ideas-tune-cartpole-high2 claims-ideas-tune-cartpole-high3 ;;
    # point 6 (the lpdm.pairs default): sampled4 chosen on the same grid, reported beside the all-pairs default,
    # whose runs are copied from the C1 study
    pairs-cartpole) PICK_GROUPS=lpdm,sampled4 SEED_FROM=claims-c1-cartpole tuned claims-pairs-cartpole claims-tune-cartpole \
      claims-tune-cartpole-low claims-tune-cartpole-high claims-tune-cartpole-high2 claims-pairs-tune-cartpole ;;
    pairs-acrobot) PICK_GROUPS=lpdm,sampled4 SEED_FROM=claims-c1-acrobot tuned claims-pairs-acrobot claims-tune-acrobot \
      claims-tune-acrobot-high claims-tune-acrobot-high2 claims-pairs-tune-acrobot ;;
    lunarlander) tuned claims-c1-lunarlander claims-tune-lunarlander ;;
    lunarlandercontinuous) tuned claims-c1-lunarlandercontinuous claims-tune-lunarlandercontinuous ;;
    pendulum) tuned claims-c1-pendulum claims-tune-pendulum claims-tune-pendulum-high claims-tune-pendulum-high2 claims-tune-pendulum-high3 ;;
    bipedalwalker) tuned claims-c1-bipedalwalker claims-tune-bipedalwalker ;;
    halfcheetah) PICK_SEEDS=11-15 tuned claims-c1-halfcheetah claims-tune-halfcheetah ;;
    hopper) PICK_SEEDS=11-15 tuned claims-c1-hopper claims-tune-hopper ;;
    # point 5: the hidden layers' lr annealed (lpdm.lr_schedule=linear_decay) as two learners of their own,
    # tuned on each env's grid; the constant-schedule lpdm and plain as chosen in the env's C1 study (same
    # grid and tuning seeds), their reported runs copied from it where its run directory is here,
    # otherwise run again (the same runs)
    # (CartPole's grid runs to 1 since session 16, as C1 CartPole's: -high holds 1e-1, 3e-1 and 1)
    decay-cartpole) decay claims-c1-cartpole 11-20 claims-decay-cartpole "claims-decay-tune-cartpole claims-decay-tune-cartpole-high" claims-c4-tanh ;;
    decay-acrobot) decay claims-c1-acrobot 11-20 claims-decay-acrobot "claims-decay-tune-acrobot claims-decay-tune-acrobot-high" ;;
    decay-pendulum) decay claims-c1-pendulum 11-20 claims-decay-pendulum claims-decay-tune-pendulum ;;
    # (-high, -high2: head_lr 3e-2 and 1e-1 for the annealed learners, plaindecay having chosen the grid's end twice, session 17)
    decay-hopper) decay claims-c1-hopper 11-15 claims-decay-hopper "claims-decay-tune-hopper claims-decay-tune-hopper-high claims-decay-tune-hopper-high2" ;;
    decay-halfcheetah) decay claims-c1-halfcheetah 11-15 claims-decay-halfcheetah claims-decay-tune-halfcheetah ;;
    # MinAtar, the reduced design (docs/claims.md): tuned on Breakout-v1 at 500k steps, reported on
    # Breakout-v1 and SpaceInvaders-v1 at 1M steps, seeds 11-15
    minatar) PICK_SEEDS=11-15 PICK_WRITE_ENVS=MinAtar/Breakout-v1,MinAtar/SpaceInvaders-v1 PICK_WRITE_STEPS=1000000 \
      tuned claims-c1-minatar claims-tune-minatar ;;
    tables) tables ;;
    *) echo "claims-pipeline: unknown step '$s'" >&2; exit 2 ;;
  esac
done
}
# main runs from one line that bash has read whole: editing this file while it runs cannot change what it does
main "$@"; exit $?
