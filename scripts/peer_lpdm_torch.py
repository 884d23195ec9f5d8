#!/usr/bin/env python3
"""A PyTorch LPDM peer: CleanRL's unmodified ppo.py with its hidden layers learning locally.

Why: docs/performance.md compares lpdm's end-to-end speed with CleanRL's ppo.py, which trains
its hidden layers by back-propagation. LPDM does more arithmetic per update than BP (the
O(N^2 d) pairwise work), in PyTorch as in Java, so the fair peer for `--learner lpdm` is a
PyTorch LPDM. No published one exists; this is ours, written from docs/method.md, and it is a
speed peer only (its learning results are printed, not compared).

How: this file contains no CleanRL code. It loads the peer runner
(scripts/peers/run_cleanrl_ppo.py, given by --peers or $PEERS), which executes the original
ppo.py, and before that replaces torch.nn.Sequential's constructor so that a stack
Linear, Tanh, ..., Linear, Tanh, Linear (CleanRL's actor and critic) is built with every
(Linear, Tanh) pair wrapped in a LocalBlock:

  * under torch.no_grad() (rollouts, bootstrap value) a block is a plain Linear + Tanh;
  * with gradients on (the minibatch forward of the PPO update), a block computes
    h = tanh(W x + b), takes one step of its own Adam on the local loss
        L = mean over pairs (||h_i - h_j|| - ||x_i - x_j||)^2
    (all pairs i < j with torch.pdist, or K random partners per sample), and passes h.detach()
    on, so the RL loss reaches only the output heads (CleanRL's global Adam skips the hidden
    parameters, whose .grad stays None, and so does its gradient clipping).

That is lpdm's plain rule (lpdm.preset=plain): target = input distance, no guidance, no
normalisation; the shipped default adds additive guidance, which is O(P) work beside the
O(P d) distances. --rule frozen passes h.detach() without learning (the frozen control);
--rule bp leaves everything as CleanRL has it.

Usage (set up /tmp/peer and the environment as docs/performance.md, "How the peers were measured" says):

  /usr/bin/python3 scripts/peer_lpdm_torch.py --self-test     (checks the blocks; exit 0 = passed)

  /usr/bin/python3 scripts/peer_lpdm_torch.py --peers scripts/peers [--rule lpdm|frozen|bp]
      [--pairs all|sampled:K] [--local-lr 2.5e-4] [runner options] ppo.py [script args ...]

Everything from the runner options on goes to run_cleanrl_ppo.py unchanged; it prints CleanRL's
lines and a final "RUNNER_SUMMARY {json}" line.
"""
import argparse
import importlib.util
import os
import sys


def parse_pairs(text):
    if text == "all":
        return 0
    if text.startswith("sampled:") and text[len("sampled:"):].isdigit():
        k = int(text[len("sampled:"):])
        if k >= 1:
            return k
    raise SystemExit(f"--pairs: expected all or sampled:K with K >= 1, got {text!r}")


def local_block_class(rule, partners, local_lr):
    """The LocalBlock module class for a rule ("lpdm" or "frozen"), K partners (0 = all pairs) and lr."""
    import torch
    from torch import nn

    def local_loss(x, h):
        if partners == 0:
            din = torch.pdist(x)
            dout = torch.pdist(h)
        else:
            n = x.shape[0]
            first = torch.arange(n).repeat_interleave(partners)
            r = torch.randint(n - 1, (n * partners,))
            second = r + (r >= first).long()
            din = (x[first] - x[second]).pow(2).sum(1).sqrt()
            # max(Dout, eps) as in method.md, so that coincident outputs give a finite gradient
            dout = (h[first] - h[second]).pow(2).sum(1).clamp_min(1e-16).sqrt()
        return (dout - din).pow(2).mean()

    class LocalBlock(nn.Module):
        def __init__(self, linear, act):
            super().__init__()
            self.linear = linear
            self.act = act
            self.opt = None  # created on first use, after CleanRL's layer_init

        def forward(self, x):
            h = self.act(self.linear(x))
            if not torch.is_grad_enabled():
                return h
            if rule == "lpdm":
                if self.opt is None:
                    self.opt = torch.optim.Adam(self.linear.parameters(), lr=local_lr, eps=1e-5)
                loss = local_loss(x.detach(), h)
                self.opt.zero_grad(set_to_none=True)
                loss.backward()
                self.opt.step()
                for p in self.linear.parameters():
                    p.grad = None
            return h.detach()

    return LocalBlock


def install_local_blocks(rule, partners, local_lr):
    """Makes torch.nn.Sequential wrap every (Linear, Tanh) pair of a Linear/Tanh stack in a LocalBlock."""
    from torch import nn

    LocalBlock = local_block_class(rule, partners, local_lr)
    original = nn.Sequential.__init__

    def patched(self, *modules):
        mods = list(modules)
        hidden = len(mods) // 2
        shape_ok = len(mods) >= 3 and len(mods) % 2 == 1 and all(
            isinstance(mods[2 * i], nn.Linear) and isinstance(mods[2 * i + 1], nn.Tanh) for i in range(hidden)
        ) and isinstance(mods[-1], nn.Linear)
        if shape_ok:
            mods = [LocalBlock(mods[2 * i], mods[2 * i + 1]) for i in range(hidden)] + [mods[-1]]
            patched.stacks += 1
        original(self, *mods)

    patched.stacks = 0
    nn.Sequential.__init__ = patched
    return patched


def self_test():
    """Checks the local blocks on a fixed batch; returns a list of failures (empty = pass)."""
    import torch
    from torch import nn

    failures = []
    for partners in (0, 16):
        block = local_block_class("lpdm", partners, 1e-2)
        torch.manual_seed(0)
        net = nn.Sequential(block(nn.Linear(4, 64), nn.Tanh()), block(nn.Linear(64, 64), nn.Tanh()), nn.Linear(64, 2))
        x = torch.randn(128, 4)
        first = net[0]

        def loss():
            with torch.no_grad():
                h = first.act(first.linear(x))
                return ((torch.pdist(h) - torch.pdist(x)) ** 2).mean().item()

        w0 = first.linear.weight.detach().clone()
        with torch.no_grad():
            net(x)
        if not torch.equal(w0, first.linear.weight):
            failures.append(f"pairs {partners}: a forward pass under no_grad changed the weights")
        before = loss()
        for _ in range(50):
            y = net(x)
        after = loss()
        label = "all pairs" if partners == 0 else f"sampled:{partners}"
        print(f"[self-test] {label}: local loss of layer 0 {before:.4f} -> {after:.4f} in 50 passes (lr 1e-2)")
        if not after < 0.5 * before:
            failures.append(f"{label}: the local loss did not fall by half ({before} -> {after})")
        if any(p.grad is not None for b in (net[0], net[1]) for p in b.linear.parameters()):
            failures.append(f"{label}: a hidden parameter kept a gradient (CleanRL's optimiser would step it)")
        if not y.requires_grad or any(p.requires_grad is False for p in net[2].parameters()):
            failures.append(f"{label}: the head's output does not carry a gradient")
        y.sum().backward()
        if net[2].weight.grad is None or any(p.grad is not None for b in (net[0], net[1]) for p in b.linear.parameters()):
            failures.append(f"{label}: the RL loss must reach the head and only the head")
    frozen = local_block_class("frozen", 0, 1e-2)
    torch.manual_seed(0)
    net = nn.Sequential(frozen(nn.Linear(4, 8), nn.Tanh()), nn.Linear(8, 2))
    w0 = net[0].linear.weight.detach().clone()
    for _ in range(5):
        net(torch.randn(16, 4)).sum().backward()
    if not torch.equal(w0, net[0].linear.weight) or net[0].linear.weight.grad is not None:
        failures.append("frozen: the hidden layer changed or received a gradient")
    return failures


def main():
    if sys.argv[1:] == ["--self-test"]:
        failures = self_test()
        for f in failures:
            print("[self-test] FAIL: " + f)
        print("[self-test] " + ("failed" if failures else "passed"))
        sys.exit(1 if failures else 0)
    ap = argparse.ArgumentParser(add_help=True, usage="%(prog)s [--peers DIR] [--rule R] [--pairs P] [--local-lr LR] RUNNER_ARGS ...")
    ap.add_argument("--peers", default=os.environ.get("PEERS"), help="directory holding run_cleanrl_ppo.py, e.g. scripts/peers (default $PEERS)")
    ap.add_argument("--rule", choices=["lpdm", "frozen", "bp"], default="lpdm")
    ap.add_argument("--pairs", default="all")
    ap.add_argument("--local-lr", type=float, default=2.5e-4)
    opts, rest = ap.parse_known_args()
    if not opts.peers or not os.path.isfile(os.path.join(opts.peers, "run_cleanrl_ppo.py")):
        raise SystemExit("--peers (or $PEERS) must name the peers directory (scripts/peers) holding run_cleanrl_ppo.py")
    partners = parse_pairs(opts.pairs)
    spec = importlib.util.spec_from_file_location("run_cleanrl_ppo", os.path.join(opts.peers, "run_cleanrl_ppo.py"))
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    patch = None
    if opts.rule != "bp":
        patch = install_local_blocks(opts.rule, partners, opts.local_lr)
    print(f"[peer-lpdm] rule={opts.rule} pairs={opts.pairs} local_lr={opts.local_lr}", flush=True)
    sys.argv = [sys.argv[0]] + rest
    runner.main()
    if patch is not None:
        print(f"[peer-lpdm] stacks with local blocks: {patch.stacks}", flush=True)
        if patch.stacks == 0:
            raise SystemExit("no Linear/Tanh stack was found: the script's networks were not changed")


if __name__ == "__main__":
    main()
