#!/usr/bin/env python3
"""Run an unmodified CleanRL script (e.g. cleanrl/ppo.py) on a machine without tyro/tensorboard.

This file contains no CleanRL code. It reads the original script from an extracted CleanRL
checkout at run time (default: $CLEANRL_DIR or /tmp/peer/cleanrl) and executes it with
runpy as __main__, after installing:

  * a stub ``tyro`` module: ``tyro.cli(Args)`` builds the dataclass from simple
    ``--key value`` / ``--key=value`` arguments (``-`` and ``_`` both accepted in keys;
    booleans as ``--flag``, ``--no-flag`` or ``--flag true|false``); unknown keys are an error;
  * a stub ``torch.utils.tensorboard`` whose ``SummaryWriter`` appends every scalar to
    ``<log_dir>/scalars.csv`` (``--scalars none`` makes it a pure no-op) and remembers the
    episodic returns for the end-of-run summary;
  * (gymnasium >= 1.0 only, disable with ``--no-gym-compat``) an API adapter that restores the
    gymnasium 0.29 behaviour CleanRL was written for -- the algorithm itself is untouched:
      - ``gym.vector.SyncVectorEnv`` defaults to ``autoreset_mode=SAME_STEP`` (0.29 reset a
        finished sub-env inside the same ``step``; 1.x defaults to NEXT_STEP, which would
        insert an extra zero-reward "reset" transition into every rollout), and its
        ``infos["final_info"]`` is handed back in the 0.29 layout (object array with one
        info dict per finished sub-env, ``None`` elsewhere) instead of 1.x's batched dict,
        so CleanRL's ``for info in infos["final_info"]`` loop works unchanged;
      - ``gym.wrappers.TransformObservation(env, func)`` accepts a missing
        ``observation_space`` again (1.x made it a required argument; ``None`` keeps the
        wrapped env's space, which is what 0.29 did).

Usage (Debian's /usr/bin/python3; PYTHONPATH must reach gymnasium, see docs/performance.md, "How the peers were measured"):

  /usr/bin/python3 run_cleanrl_ppo.py [runner options] SCRIPT [script args ...]

  SCRIPT is a path, or a name inside <cleanrl-dir>/cleanrl/ such as ppo.py.
  Everything after SCRIPT goes to the CleanRL script (i.e. to the tyro stub).

Runner options:
  --cleanrl-dir DIR     extracted CleanRL checkout (default $CLEANRL_DIR or /tmp/peer/cleanrl)
  --torch-threads N     call torch.set_num_threads(N) before the script runs (0 = torch default)
  --scalars csv|none    SummaryWriter stub behaviour (default csv)
  --summary-json PATH   also write the end-of-run summary as JSON to PATH
  --no-gym-compat       do not install the gymnasium 1.x -> 0.29 adapter

At the end it prints one line "RUNNER_SUMMARY {json}" with wall time of the script, steps
per second, and the episodic returns CleanRL reported.
"""
import argparse
import csv
import dataclasses
import json
import os
import runpy
import sys
import time
import types

_STATE = {"parsed_args": None, "episodes": [], "last_sps": None, "last_step": None}


# --------------------------------------------------------------------------- tyro stub
_TRUE = {"1", "true", "yes", "on", "t", "y"}
_FALSE = {"0", "false", "no", "off", "f", "n"}


def _field_kind(field):
    """Return 'bool', 'int', 'float' or 'str' for a dataclass field annotation."""
    t = field.type
    if isinstance(t, str):  # postponed annotations
        name = t.replace("typing.", "").replace("Optional[", "").rstrip("]").split("|")[0].strip()
    else:
        name = getattr(t, "__name__", str(t))
        args = getattr(t, "__args__", None)
        if args:  # Optional[X] / X | None
            non_none = [a for a in args if a is not type(None)]
            if non_none:
                name = getattr(non_none[0], "__name__", str(non_none[0]))
    return name if name in ("bool", "int", "float", "str") else "str"


def _convert(kind, raw, key):
    if raw == "None":
        return None
    if kind == "bool":
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise SystemExit(f"tyro-stub: --{key} expects a boolean, got {raw!r}")
    if kind == "int":
        return int(float(raw)) if ("e" in raw.lower() and "." not in raw) else int(raw)
    if kind == "float":
        return float(raw)
    return raw


def _tyro_cli(cls, *, args=None, prog=None, description=None, default=None, **_ignored):
    argv = list(sys.argv[1:] if args is None else args)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    values = {}

    def help_and_exit():
        print(f"usage: {prog or os.path.basename(sys.argv[0])} [--key value ...]   (tyro stub)")
        for f in fields.values():
            dflt = f.default if f.default is not dataclasses.MISSING else "(required)"
            print(f"  --{f.name.replace('_', '-'):28s} {_field_kind(f):5s} default={dflt!r}")
        raise SystemExit(0)

    i = 0
    while i < len(argv):
        tok = argv[i]
        if tok in ("-h", "--help"):
            help_and_exit()
        if not tok.startswith("--"):
            raise SystemExit(f"tyro-stub: unexpected argument {tok!r}")
        body = tok[2:]
        raw = None
        if "=" in body:
            body, raw = body.split("=", 1)
        key = body.replace("-", "_")
        negated = False
        if key not in fields and key.startswith("no_") and key[3:] in fields:
            key, negated = key[3:], True
        if key not in fields:
            raise SystemExit(f"tyro-stub: unknown argument --{body} (known: {', '.join(fields)})")
        kind = _field_kind(fields[key])
        if kind == "bool":
            if negated:
                values[key] = False
            elif raw is not None:
                values[key] = _convert("bool", raw, key)
            elif i + 1 < len(argv) and argv[i + 1].lower() in (_TRUE | _FALSE):
                i += 1
                values[key] = _convert("bool", argv[i], key)
            else:
                values[key] = True
        else:
            if negated:
                raise SystemExit(f"tyro-stub: --no-{key} is only valid for booleans")
            if raw is None:
                if i + 1 >= len(argv):
                    raise SystemExit(f"tyro-stub: --{body} needs a value")
                i += 1
                raw = argv[i]
            values[key] = _convert(kind, raw, key)
        i += 1
    obj = cls(**values)
    _STATE["parsed_args"] = obj
    return obj


def install_tyro_stub():
    mod = types.ModuleType("tyro")
    mod.cli = _tyro_cli
    mod.__doc__ = "Stub of tyro installed by run_cleanrl_ppo.py (only tyro.cli for flat dataclasses)."
    conf = types.ModuleType("tyro.conf")
    mod.conf = conf
    sys.modules["tyro"] = mod
    sys.modules["tyro.conf"] = conf


# --------------------------------------------------------------------------- tensorboard stub
class _SummaryWriter:
    """Stand-in for torch.utils.tensorboard.SummaryWriter (CSV of scalars, or nothing)."""

    mode = "csv"

    def __init__(self, log_dir=None, *args, **kwargs):
        self.log_dir = log_dir or "runs/stub"
        self._file = None
        self._csv = None
        if self.mode == "csv":
            os.makedirs(self.log_dir, exist_ok=True)
            self._file = open(os.path.join(self.log_dir, "scalars.csv"), "w", newline="")
            self._csv = csv.writer(self._file)
            self._csv.writerow(["tag", "step", "value", "wall_time"])

    def add_scalar(self, tag, scalar_value, global_step=None, walltime=None, *args, **kwargs):
        try:
            value = float(scalar_value)
        except (TypeError, ValueError):
            import numpy as np

            value = float(np.asarray(scalar_value).reshape(-1)[0])
        if tag == "charts/episodic_return":
            _STATE["episodes"].append((global_step, value))
        elif tag == "charts/SPS":
            _STATE["last_sps"], _STATE["last_step"] = value, global_step
        if self._csv is not None:
            self._csv.writerow([tag, global_step, value, walltime if walltime is not None else time.time()])

    def add_text(self, tag, text_string, global_step=None, *args, **kwargs):
        if self.mode == "csv":
            with open(os.path.join(self.log_dir, "text.txt"), "a") as f:
                f.write(f"## {tag}\n{text_string}\n")

    def _noop(self, *args, **kwargs):
        return None

    add_scalars = add_histogram = add_image = add_images = add_video = add_figure = _noop
    add_hparams = add_graph = add_embedding = add_pr_curve = add_custom_scalars = _noop

    def flush(self):
        if self._file is not None:
            self._file.flush()

    def close(self):
        if self._file is not None:
            self._file.close()
            self._file = None


def install_tensorboard_stub(mode):
    _SummaryWriter.mode = mode
    mod = types.ModuleType("torch.utils.tensorboard")
    mod.SummaryWriter = _SummaryWriter
    mod.__doc__ = "Stub of torch.utils.tensorboard installed by run_cleanrl_ppo.py."
    sys.modules["torch.utils.tensorboard"] = mod
    import torch.utils

    torch.utils.tensorboard = mod


# --------------------------------------------------------------------------- gymnasium 1.x adapter
def _unbatch_info(batched, i):
    """Per-env dict of sub-env i from a gymnasium 1.x batched info dict (values + '_key' masks)."""
    out = {}
    for key, value in batched.items():
        if key.startswith("_") and key[1:] in batched:
            continue  # a mask
        mask = batched.get("_" + key)
        if mask is not None and not mask[i]:
            continue
        out[key] = _unbatch_info(value, i) if isinstance(value, dict) else value[i]
    return out


def install_gymnasium_compat():
    import gymnasium as gym
    import numpy as np

    major = int(gym.__version__.split(".")[0])
    if major < 1:
        return f"gymnasium {gym.__version__}: no adapter needed"
    try:
        from gymnasium.vector import AutoresetMode
    except ImportError as exc:  # gymnasium 1.0.x has no SAME_STEP autoreset
        raise SystemExit(f"gymnasium {gym.__version__} lacks AutoresetMode.SAME_STEP; use gymnasium >= 1.1") from exc

    base_sync = gym.vector.SyncVectorEnv

    class SyncVectorEnv(base_sync):
        """gymnasium 1.x SyncVectorEnv with gymnasium 0.29 autoreset timing and final_info layout."""

        def __init__(self, env_fns, copy=True, observation_mode="same", autoreset_mode=AutoresetMode.SAME_STEP):
            super().__init__(env_fns, copy=copy, observation_mode=observation_mode, autoreset_mode=autoreset_mode)

        def step(self, actions):
            obs, rewards, terminations, truncations, infos = super().step(actions)
            if "final_info" in infos and isinstance(infos["final_info"], dict):
                mask = infos.get("_final_info", np.zeros(self.num_envs, dtype=bool))
                per_env = np.full(self.num_envs, None, dtype=object)
                for i in np.nonzero(mask)[0]:
                    per_env[i] = _unbatch_info(infos["final_info"], i)
                infos["final_info"] = per_env
                if "final_obs" in infos:  # 0.29 name
                    infos["final_observation"] = infos["final_obs"]
                    infos["_final_observation"] = infos.get("_final_obs", mask)
            return obs, rewards, terminations, truncations, infos

    SyncVectorEnv.__name__ = SyncVectorEnv.__qualname__ = "SyncVectorEnv"
    gym.vector.SyncVectorEnv = SyncVectorEnv

    base_to = gym.wrappers.TransformObservation

    class TransformObservation(base_to):
        """gymnasium 1.x TransformObservation whose observation_space is optional again (0.29 signature)."""

        def __init__(self, env, func, observation_space=None):
            super().__init__(env, func, observation_space)

    TransformObservation.__name__ = TransformObservation.__qualname__ = "TransformObservation"
    gym.wrappers.TransformObservation = TransformObservation
    return f"gymnasium {gym.__version__}: 0.29 adapter on (SyncVectorEnv SAME_STEP + final_info list, TransformObservation)"


# --------------------------------------------------------------------------- main
def resolve_script(script, cleanrl_dir):
    candidates = [script, os.path.join(cleanrl_dir, "cleanrl", script), os.path.join(cleanrl_dir, script)]
    for c in candidates:
        if os.path.isfile(c):
            return os.path.abspath(c)
    raise SystemExit(f"cannot find {script!r} (looked in: {', '.join(candidates)})")


def main():
    ap = argparse.ArgumentParser(
        description="Run an unmodified CleanRL script with tyro/tensorboard stubs.",
        usage="%(prog)s [runner options] SCRIPT [script args ...]",
    )
    ap.add_argument("--cleanrl-dir", default=os.environ.get("CLEANRL_DIR", "/tmp/peer/cleanrl"))
    ap.add_argument("--torch-threads", type=int, default=0)
    ap.add_argument("--scalars", choices=["csv", "none"], default="csv")
    ap.add_argument("--summary-json", default=None)
    ap.add_argument("--no-gym-compat", action="store_true")
    ap.add_argument("script")
    ap.add_argument("script_args", nargs=argparse.REMAINDER)
    opts = ap.parse_args()

    path = resolve_script(opts.script, opts.cleanrl_dir)

    import torch

    default_threads = torch.get_num_threads()
    if opts.torch_threads > 0:
        torch.set_num_threads(opts.torch_threads)
    install_tyro_stub()
    install_tensorboard_stub(opts.scalars)
    compat = "disabled" if opts.no_gym_compat else install_gymnasium_compat()
    import gymnasium

    print(
        f"[runner] script={path} torch={torch.__version__} threads={torch.get_num_threads()} "
        f"(default {default_threads}) gymnasium={gymnasium.__version__} from {os.path.dirname(gymnasium.__file__)}",
        flush=True,
    )
    print(f"[runner] {compat}", flush=True)

    # cleanrl_utils is importable from the checkout root (used only by optional features).
    sys.path.insert(0, os.path.abspath(opts.cleanrl_dir))
    sys.argv = [path] + list(opts.script_args)
    t0 = time.perf_counter()
    runpy.run_path(path, run_name="__main__")
    wall = time.perf_counter() - t0

    parsed = _STATE["parsed_args"]
    total = getattr(parsed, "total_timesteps", None)
    steps_done = None
    if parsed is not None and getattr(parsed, "batch_size", 0):
        steps_done = parsed.num_iterations * parsed.batch_size
    rets = [r for _, r in _STATE["episodes"]]
    last10 = rets[-10:]
    summary = {
        "script": os.path.basename(path),
        "env_id": getattr(parsed, "env_id", None),
        "seed": getattr(parsed, "seed", None),
        "total_timesteps": total,
        "env_steps_done": steps_done,
        "torch": torch.__version__,
        "torch_threads": torch.get_num_threads(),
        "gymnasium": gymnasium.__version__,
        "gym_compat": compat,
        "wall_s_script": round(wall, 3),
        "sps_total_timesteps_over_wall": round(total / wall, 1) if total else None,
        "sps_steps_done_over_wall": round(steps_done / wall, 1) if steps_done else None,
        "cleanrl_last_sps_print": _STATE["last_sps"],
        "episodes": len(rets),
        "return_last": rets[-1] if rets else None,
        "return_last10_mean": round(sum(last10) / len(last10), 2) if last10 else None,
        "return_max": max(rets) if rets else None,
        "first_step_return_ge_500": next((s for s, r in _STATE["episodes"] if r >= 500), None),
        "returns_last10": [round(r, 2) for r in last10],
    }
    print("RUNNER_SUMMARY " + json.dumps(summary), flush=True)
    if opts.summary_json:
        with open(opts.summary_json, "w") as f:
            json.dump({"summary": summary, "episodes": _STATE["episodes"]}, f, indent=1)


if __name__ == "__main__":
    main()
