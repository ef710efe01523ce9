"""Training step time: the compiled training path vs a straightforward eager implementation.

One generator step = CDW's step: d=64, 16384 samples, batch 64, 5 critic updates (each on a
fresh real batch) + 1 generator update, WGAN-GP. The compiled figure is the exact function the
training loop runs (``trainer.loop.make_step_fn``: ``tf.function`` around ``strategy.run``); the
baseline calls the same ``WaveGAN.train_step`` eagerly (what a plain TF2 script does without
``tf.function``). Also prints the projected wall time of 200 k generator steps here and, when
``trainer/costs.py`` provides its instance table, on the SageMaker GPU types.

    python -m tests.benchmarks.bench_train [--dim 64] [--eager-steps 1] [--steps 3]
"""

from __future__ import annotations

import argparse
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from tests.benchmarks.common import machine, report  # noqa: E402

PROJECT_STEPS = 200_000


def _time(fn, steps: int) -> float:
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        out = fn()
        float(out["d_loss"])  # wait for the step to finish
        times.append(time.perf_counter() - t0)
    return sorted(times)[len(times) // 2]


def gpu_projections(seconds_here: float) -> list[str]:
    """Lines for the GPU types of trainer/costs.py (if it exists and offers step-time figures)."""
    try:
        from trainer import costs
    except ImportError:
        return ["(trainer/costs.py not available: no SageMaker projection)"]
    lines = []
    table = getattr(costs, "INSTANCE_TYPES", None) or getattr(costs, "INSTANCES", None) or {}
    items = table.items() if isinstance(table, dict) else ((getattr(r, "name", str(r)), r)
                                                           for r in table)
    for name, info in items:
        get = info.get if isinstance(info, dict) else (lambda k, i=info: getattr(i, k, None))
        sps = get("steps_per_sec") or get("steps_per_second")
        sec = get("seconds_per_step") or (1.0 / sps if sps else None)
        if sec:
            lines.append(f"  {name}: {sec:.3f} s/step → 200k steps in "
                         f"{PROJECT_STEPS * sec / 3600:.1f} h (table figure)")
    return lines or ["(trainer/costs.py has no per-instance step times)"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--dim", type=int, default=64)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--steps", type=int, default=3, help="timed compiled steps")
    parser.add_argument("--eager-steps", type=int, default=1, help="timed eager steps")
    parser.add_argument("--jit", action="store_true", help="also time XLA (jit_compile=True)")
    args = parser.parse_args()

    import tensorflow as tf

    from trainer.loop import make_step_fn
    from wavegan.config import ModelConfig
    from wavegan.gan import GanConfig, WaveGAN

    cfg, gan_cfg = ModelConfig(dim=args.dim), GanConfig()
    tf.random.set_seed(0)
    gan = WaveGAN(cfg, gan_cfg)
    gan.compile()
    real = tf.random.uniform([gan_cfg.n_critic * args.batch, cfg.slice_len, 1], -0.5, 0.5)
    print(f"machine: {machine()}; TF {tf.__version__}; d={args.dim}, {cfg.slice_len} samples, "
          f"batch {args.batch}, {gan_cfg.n_critic} critic updates per generator step",
          flush=True)

    step = make_step_fn(gan, tf.distribute.get_strategy())
    t0 = time.perf_counter()
    float(step(real)["d_loss"])
    print(f"trace + first compiled step: {time.perf_counter() - t0:.1f} s", flush=True)
    compiled = _time(lambda: step(real), args.steps)
    print(f"compiled: {compiled:.2f} s per generator step", flush=True)

    jit = None
    if args.jit:
        jit_fn = tf.function(gan.train_step, jit_compile=True)
        float(jit_fn(real)["d_loss"])
        jit = _time(lambda: jit_fn(real), args.steps)
        print(f"XLA jit: {jit:.2f} s per generator step", flush=True)

    _time(lambda: gan.train_step(real), 1)  # eager warm-up
    eager = _time(lambda: gan.train_step(real), args.eager_steps)
    print(f"eager: {eager:.2f} s per generator step", flush=True)

    best = min(x for x in (compiled, jit) if x)
    report("train step d=64 b=64 5 critic (tf.function)", compiled, "s/step", baseline=eager,
           baseline_name="eager TF2", target=">=3x eager", passed=eager / compiled >= 3.0)
    if jit:
        report("train step d=64 b=64 5 critic (XLA)", jit, "s/step", baseline=eager,
               baseline_name="eager TF2", target=">=3x eager", passed=eager / jit >= 3.0)
    hours = PROJECT_STEPS * best / 3600
    print(f"projected 200k generator steps on this machine: {hours:.0f} h "
          f"({hours / 24:.1f} days)")
    for line in gpu_projections(best):
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
