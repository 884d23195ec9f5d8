#!/usr/bin/env python3
"""Records golden trajectories of Gymnasium's eight v5 MuJoCo tasks for lpdm's MuJoCo tests.

Runs each task with Gymnasium itself (gymnasium.make, so with its TimeLimit) on the Python
``mujoco`` package, from fixed reset seeds under fixed pseudo-random action sequences, and writes
one gzip-compressed JSON file per task: every step's action, observation, reward, reward terms,
flags, the simulation state after the step (time, qpos, qvel, qacc_warmstart, xpos, xipos), and
what Gymnasium's observation and reward functions return on that state after mj_forward and
mj_rnePostConstraint. The format is described in the README.md next to the files.

MuJoCo 3.5.0 changed how a contact's margin is made from its two geoms' margins: their sum, where
MuJoCo up to 3.4 (and so 2.2.2) took the larger one. Three of the models give every geom the same
nonzero margin (Hopper-v5 and Humanoid-v5 0.001, Ant-v5 0.01), so on MuJoCo >= 3.5 their contacts
start at twice the distance. For these tasks a second file, ID.max-margins.json.gz, is recorded with
every geom_margin halved in Gymnasium's loaded model: the sum of two halves is then the old maximum,
exactly, and the comparison shows what differs apart from that change.

    python3 scripts/mujoco-golden.py [--out DIR] [--only ID,ID]
    python3 scripts/mujoco-golden.py --to-replay GOLDEN.json.gz REPLAY.json

Recording needs gymnasium and mujoco (written for Gymnasium 1.3.0 and mujoco 3.14.0); DIR
defaults to lpdm-envs-mujoco/src/test/resources/lpdm/envs/mujoco/golden. --to-replay needs only
Python's standard library: it writes a recorded file in the trajectory format of `lpdm replay` and
scripts/compare-golden.py (docs/golden.md): per episode the start state qpos then qvel
(Gymnasium's state_vector()), the actions, and Gymnasium's observations, rewards and flags.
"""
import argparse
import copy
import gzip
import json
import os
import sys


try:
    import numpy as np
    import gymnasium
    import mujoco
    from gymnasium.envs.mujoco import humanoid_v5
except ImportError as missing:  # --to-replay works without them
    np = gymnasium = mujoco = humanoid_v5 = None
    MISSING = missing

DEFAULT_OUT = "lpdm-envs-mujoco/src/test/resources/lpdm/envs/mujoco/golden"

# Per task: episodes as (name, reset seed, action seed, action scale, step cap). An action is
# uniform in scale * [low, high] of the action space, drawn in float64 by NumPy's PCG64 from the
# action seed and rounded to float32 (scale 1.5 puts some actions outside the space on purpose).
# The caps keep the files small; an episode ends earlier when Gymnasium terminates or truncates it.
TASKS = {
    "InvertedPendulum-v5": [("random", 11, 101, 1.0, 100), ("small", 12, 102, 0.1, 100), ("wide", 13, 103, 1.5, 100)],
    "InvertedDoublePendulum-v5": [("random", 21, 201, 1.0, 100), ("small", 22, 202, 0.1, 100), ("wide", 23, 203, 1.5, 100)],
    "HalfCheetah-v5": [("random", 31, 301, 1.0, 300), ("small", 32, 302, 0.1, 50), ("wide", 33, 303, 1.5, 50)],
    "Hopper-v5": [("random", 41, 401, 1.0, 200), ("small", 42, 402, 0.1, 200), ("wide", 43, 403, 1.5, 100)],
    "Walker2d-v5": [("random", 51, 501, 1.0, 200), ("small", 52, 502, 0.1, 200), ("wide", 53, 503, 1.5, 100)],
    "Reacher-v5": [("random", 61, 601, 1.0, 60), ("small", 62, 602, 0.1, 60), ("wide", 63, 603, 1.5, 60)],
    "Ant-v5": [("random", 71, 701, 1.0, 200), ("small", 72, 702, 0.1, 50), ("wide", 73, 703, 1.5, 50)],
    "Humanoid-v5": [("random", 81, 801, 1.0, 100), ("small", 82, 802, 0.1, 100), ("wide", 83, 803, 1.5, 50)],
}


def floats(a):
    return [float(v) for v in np.asarray(a, dtype=np.float64).ravel()]


def state_of(data):
    """What the next mj_step reads and what the tasks read before stepping."""
    return {"time": float(data.time), "qpos": floats(data.qpos), "qvel": floats(data.qvel),
            "qacc_warmstart": floats(data.qacc_warmstart), "xpos": floats(data.xpos), "xipos": floats(data.xipos)}


def progress(env_id, u):
    """The quantity whose change over dt is the task's forward velocity, as the task's step reads it
    before simulating (None for tasks without one)."""
    if env_id in ("HalfCheetah-v5", "Hopper-v5", "Walker2d-v5"):
        return [float(u.data.qpos[0])]
    if env_id == "Ant-v5":
        return floats(u.data.body(u._main_body).xpos[:2])
    if env_id == "Humanoid-v5":
        return floats(humanoid_v5.mass_center(u.model, u.data))
    return None


def scalar_info(info):
    """The info entries that are numbers (reward terms, positions, velocities)."""
    out = {}
    for k, v in info.items():
        if np.ndim(v) == 0:
            out[k] = float(v)
    return out


def on_state(env_id, u, qpos, qvel, warmstart, action, before):
    """Gymnasium's observation and reward functions on a state: a copy of the env's mjData gets
    qpos, qvel, ctrl = action and qacc_warmstart, then mj_forward and mj_rnePostConstraint; the env
    reads that copy while its own functions run. The action is the float32 array the step got (the
    control costs are float32 arithmetic, as in the step)."""
    d = copy.copy(u.data)
    d.qpos[:] = qpos
    d.qvel[:] = qvel
    d.ctrl[:] = action
    d.qacc_warmstart[:] = warmstart
    mujoco.mj_forward(u.model, d)
    mujoco.mj_rnePostConstraint(u.model, d)
    saved = u.data
    u.data = d
    try:
        obs = u._get_obs()
        if env_id == "InvertedPendulum-v5":
            terminated = bool(not np.isfinite(obs).all() or np.abs(obs[1]) > 0.2)
            reward, terms = float(int(not terminated)), {}
        elif env_id == "InvertedDoublePendulum-v5":
            x, _, y = d.site_xpos[0]
            terminated = bool(y <= 1)
            reward, terms = u._get_rew(x, y, terminated)
        elif env_id == "Reacher-v5":
            terminated = False
            reward, terms = u._get_rew(action)
        else:
            if env_id == "Ant-v5":
                after = d.body(u._main_body).xpos[0]
            elif env_id == "Humanoid-v5":
                after = humanoid_v5.mass_center(u.model, d)[0]
            else:
                after = d.qpos[0]
            x_velocity = (after - before[0]) / u.dt
            reward, terms = u._get_rew(x_velocity, action)
            terminated = bool(env_id != "HalfCheetah-v5" and (not u.is_healthy) and u._terminate_when_unhealthy)
        return {"observation": floats(obs), "reward": float(reward), "terms": scalar_info(terms), "terminated": terminated}
    finally:
        u.data = saved


def record_episode(env_id, env, name, reset_seed, action_seed, scale, cap):
    u = env.unwrapped
    obs, _ = env.reset(seed=reset_seed)
    low, high = env.action_space.low.astype(np.float64), env.action_space.high.astype(np.float64)
    mid, half = (low + high) / 2, (high - low) / 2
    rng = np.random.Generator(np.random.PCG64(action_seed))
    episode = {"name": name, "reset_seed": reset_seed, "action_seed": action_seed, "action_scale": scale,
               "initial": dict(state_of(u.data), observation=floats(obs)), "steps": []}
    for _ in range(cap):
        action = (mid + scale * half * rng.uniform(-1.0, 1.0, size=low.shape)).astype(np.float32)
        before = progress(env_id, u)
        obs, reward, terminated, truncated, info = env.step(action)
        step = {"action": floats(action), "observation": floats(obs), "reward": float(reward), "info": scalar_info(info),
                "terminated": bool(terminated), "truncated": bool(truncated), "state": state_of(u.data)}
        if before is not None:
            step["progress_before"] = before
        step["on_state"] = on_state(env_id, u, u.data.qpos.copy(), u.data.qvel.copy(), u.data.qacc_warmstart.copy(),
                                    action, before)
        episode["steps"].append(step)
        if terminated or truncated:
            break
    episode["ended"] = "terminated" if episode["steps"][-1]["terminated"] else (
        "truncated" if episode["steps"][-1]["truncated"] else "cut")
    return episode


def record(env_id, halve_margins):
    env = gymnasium.make(env_id)
    u = env.unwrapped
    doc = {"env_id": env_id, "gymnasium_version": gymnasium.__version__, "mujoco_version": mujoco.__version__,
           "numpy_version": np.__version__, "python_version": sys.version.split()[0],
           "generated_by": "scripts/mujoco-golden.py", "dt": float(u.dt), "frame_skip": int(u.frame_skip),
           "nq": int(u.model.nq), "nv": int(u.model.nv), "nbody": int(u.model.nbody),
           "model_change": "none"}
    if halve_margins:
        margins = np.unique(u.model.geom_margin)
        if len(margins) != 1:
            raise SystemExit(f"{env_id}: geoms have different margins {margins}; halving would not restore MuJoCo 3.4's maximum")
        u.model.geom_margin[:] = u.model.geom_margin / 2
        doc["model_change"] = f"geom_margin halved from {float(margins[0])!r} to {float(u.model.geom_margin[0])!r} (MuJoCo 3.4's max of two margins)"
    doc["episodes"] = [record_episode(env_id, env, *e) for e in TASKS[env_id]]
    env.close()
    return doc


def has_margins(env_id):
    env = gymnasium.make(env_id)
    found = bool(np.any(env.unwrapped.model.geom_margin != 0))
    env.close()
    return found


def to_replay(golden_path, replay_path):
    """A recorded file in lpdm replay's trajectory format, with Gymnasium's outputs to compare against."""
    with gzip.open(golden_path, "rt") as f:
        doc = json.load(f)
    episodes = []
    for e in doc["episodes"]:
        steps = e["steps"]
        episodes.append({"name": e["name"], "initial_state": e["initial"]["qpos"] + e["initial"]["qvel"],
                         "actions": [s["action"] for s in steps], "initial_observation": e["initial"]["observation"],
                         "observations": [s["observation"] for s in steps], "rewards": [s["reward"] for s in steps],
                         "terminated": [s["terminated"] for s in steps], "truncated": [s["truncated"] for s in steps]})
    out = {"env_id": doc["env_id"], "gymnasium_version": doc["gymnasium_version"], "mujoco_version": doc["mujoco_version"],
           "model_change": doc["model_change"], "generated_by": "scripts/mujoco-golden.py --to-replay " + os.path.basename(golden_path),
           "episodes": episodes}
    with open(replay_path, "w") as f:
        json.dump(out, f, separators=(",", ":"))
    print(f"{replay_path}: {len(episodes)} episodes of {doc['env_id']} in lpdm replay's format")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=DEFAULT_OUT, help="directory for ID.json.gz (default: %(default)s)")
    parser.add_argument("--only", default="", help="comma-separated task ids (default: all eight)")
    parser.add_argument("--to-replay", nargs=2, metavar=("GOLDEN", "REPLAY"),
                        help="write the recorded file GOLDEN (.json.gz) in lpdm replay's format to REPLAY, and stop")
    args = parser.parse_args()
    if args.to_replay:
        if not os.path.isfile(args.to_replay[0]):
            print(f"mujoco-golden.py: no file {args.to_replay[0]}", file=sys.stderr)
            return 2
        to_replay(*args.to_replay)
        return 0
    if gymnasium is None:
        print(f"mujoco-golden.py: recording needs gymnasium and mujoco ({MISSING})", file=sys.stderr)
        return 2
    ids = [i for i in args.only.split(",") if i] or list(TASKS)
    for i in ids:
        if i not in TASKS:
            print(f"mujoco-golden.py: unknown task {i}; tasks: {', '.join(TASKS)}", file=sys.stderr)
            return 2
    os.makedirs(args.out, exist_ok=True)
    for env_id in ids:
        for halve, suffix in ((False, ""), (True, ".max-margins")):
            if halve and not has_margins(env_id):
                continue
            doc = record(env_id, halve)
            path = os.path.join(args.out, env_id + suffix + ".json.gz")
            with gzip.GzipFile(path, "wb", mtime=0) as f:
                f.write(json.dumps(doc, separators=(",", ":")).encode())
            lengths = [f"{e['name']} {len(e['steps'])} ({e['ended']})" for e in doc["episodes"]]
            print(f"{env_id}: {path}, {os.path.getsize(path)} bytes; episodes: {', '.join(lengths)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
