"""Prints the expected values of NumpyRandomStateTest from numpy's legacy RandomState.

Run with numpy >= 1.17 (the legacy stream is frozen): python3 numpy_random_state_expected.py
"""
import numpy as np

for seed in (0, 42, 4294967295):
    r = np.random.RandomState(seed)
    words = [int(w) for w in r.randint(0, 2**32, size=3, dtype=np.uint64)]
    print(f"seed {seed}: words {words}")
    r = np.random.RandomState(seed)
    print(f"seed {seed}: rand {[float(r.rand()) for _ in range(3)]!r}")
    r = np.random.RandomState(seed)
    print(f"seed {seed}: randint(1, 6, 8) {r.randint(1, 6, size=8).tolist()} "
          f"randint(3) {[int(r.randint(3)) for _ in range(6)]} randint(1) {int(r.randint(1))} rand {float(r.rand())!r}")
# A seed of 2^32 and more: the port seeds as RandomState([low 32 bits, high 32 bits]).
big = (123456789 << 32) | 987654321
r = np.random.RandomState([big & 0xffffffff, big >> 32])
print(f"seed {big}: rand {[float(r.rand()) for _ in range(3)]!r}")
r = np.random.RandomState(7)
r.rand(400)  # crosses a regeneration of the 624-word state
print(f"seed 7 after 800 words: rand {float(r.rand())!r} randint(100) {int(r.randint(100))}")
