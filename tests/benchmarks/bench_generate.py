"""Fast generator vs the plain Keras model, d=64 / 65536 samples, measured in one run.

Targets: fast fp32 ≥ 2.5× the Keras model and ≤ 30 ms at batch 1 (issues 3, 25), ≤ 25 ms per
phrase amortised at batch 16, output within 1e-4 of Keras; bf16 (the first layer in bf16)
≥ 50 dB signal-to-error against fp32 on the bundled trained model. What ``--precision auto``
picks on this CPU is printed with its reason. The fast path is also timed without its direct
GEMMs for few rows (``direct_per_output=0``: Winograd in every wide layer, the path before them).

    .venv/bin/python -m tests.benchmarks.bench_generate [--repeat N]

The implementations are timed interleaved (keras, fast, bf16, keras, …) so a neighbour's load
on the shared cores hits them alike; every figure is a median. PASS/FAIL is printed per
target; the exit status is non-zero only if the benchmark itself breaks.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from tests.benchmarks.common import machine, median_ms, report

BATCH1_RATIO_TARGET = 2.5
BATCH1_MS_TARGET = 30.0
BATCH16_MS_TARGET = 25.0
EQUAL_TOL = 1e-4
SER_TARGET_DB = 50.0


def trained_bf16_ser() -> float:
    """bf16 against fp32 on the bundled trained model (random weights flatter bf16)."""
    from wavegan.checkpoint import load_checkpoint
    from wavegan.default import default_checkpoint_path
    from wavegan.fastgen import FastGenerator

    ckpt = load_checkpoint(default_checkpoint_path())
    cfg = ckpt.config
    z = np.random.default_rng(0).uniform(-1, 1, (16, cfg.input_dim)).astype(np.float32)
    if cfg.styles:
        z[:, cfg.latent_dim:] = 1.0 / len(cfg.styles)
    ref = FastGenerator(cfg, ckpt.playing_arrays())(z)
    out = FastGenerator(cfg, ckpt.playing_arrays(), precision="bf16")(z)
    return float(10 * np.log10(np.sum(ref ** 2) / np.sum((out - ref) ** 2)))


def interleaved(fns: dict[str, object], z: np.ndarray, repeat: int) -> dict[str, list[float]]:
    """Seconds per call of each ``fn(z)``, round-robin, after one untimed warm-up call each."""
    for fn in fns.values():
        fn(z)
    times: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn(z)
            times[name].append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15,
                        help="timed rounds at batch 1 (batch 16 uses a third as many; default 15)")
    parser.add_argument("--seed", type=int, default=0, help="weights and latents seed")
    args = parser.parse_args(argv)

    import keras

    from wavegan.checkpoint import model_arrays
    from wavegan.config import ModelConfig
    from wavegan.generator import Generator
    from wavegan.models import build_generator

    keras.utils.set_random_seed(args.seed)
    cfg = ModelConfig(slice_len=65536, dim=64)
    model = build_generator(cfg)
    rng = np.random.default_rng(args.seed)
    z16 = rng.uniform(-1, 1, (16, cfg.latent_dim)).astype(np.float32)
    # random init is nearly silent (peak ~1e-3): scale the last layer to a pre-tanh peak of 1.5
    # so the equality check is judged on a full-scale output
    peak = np.abs(np.arctanh(model(z16[:4], training=False).numpy())).max()
    weights = model_arrays(model)
    for path in ("upconv_5/kernel", "upconv_5/bias"):
        weights[path] = (weights[path] * (1.5 / peak)).astype(np.float32)
    from wavegan.fastgen import FastGenerator

    gens = {"keras": Generator(cfg, weights, backend="keras"),
            "fast": Generator(cfg, weights, backend="fast"),
            "fast-winograd": FastGenerator(cfg, weights, direct_per_output=0),
            "fast-bf16": Generator(cfg, weights, backend="fast", precision="bf16")}
    from wavegan.precision import for_serving

    print(f"machine: {machine()}; load average {os.getloadavg()[0]:.2f}", flush=True)
    print(f"--precision auto here: {for_serving('auto', 'fast').reason}", flush=True)

    ref = gens["keras"](z16[:4])
    diff = {name: gens[name](z16[:4]) - ref for name in ("fast", "fast-bf16")}
    err = {name: float(np.abs(d).max()) for name, d in diff.items()}
    snr = {name: float(10 * np.log10(np.sum(ref ** 2) / max(np.sum(d ** 2), 1e-30)))
           for name, d in diff.items()}
    print(f"keras output: max |x| {np.abs(ref).max():.3f}, rms {np.sqrt(np.mean(ref ** 2)):.4f}",
          flush=True)

    t1 = interleaved(gens, z16[:1], args.repeat)
    t16 = interleaved(gens, z16, max(3, args.repeat // 3))
    ms1 = {name: median_ms(t) for name, t in t1.items()}
    ms16 = {name: median_ms(t) / 16 for name, t in t16.items()}
    print(f"load average after: {os.getloadavg()[0]:.2f}", flush=True)

    tag = "generate d64/65536"
    for name in ("fast", "fast-bf16"):
        ratio1 = ms1["keras"] / ms1[name]
        report(f"{tag} {name} batch 1", ms1[name], "ms", baseline=ms1["keras"],
               baseline_name="keras",
               target=f">= {BATCH1_RATIO_TARGET}x keras, <= {BATCH1_MS_TARGET:g} ms",
               passed=ratio1 >= BATCH1_RATIO_TARGET and ms1[name] <= BATCH1_MS_TARGET)
        report(f"{tag} {name} batch 16 per phrase", ms16[name], "ms",
                         baseline=ms16["keras"], baseline_name="keras",
                         target=f"<= {BATCH16_MS_TARGET:g} ms",
                         passed=ms16[name] <= BATCH16_MS_TARGET)
    report(f"{tag} fast batch 1 against Winograd only", ms1["fast"], "ms",
           baseline=ms1["fast-winograd"], baseline_name="direct_per_output=0")
    report(f"{tag} fast max |fast - keras|", err["fast"] * 1e6, "e-6",
           target=f"<= {EQUAL_TOL * 1e6:g}e-6", passed=err["fast"] <= EQUAL_TOL)
    report(f"{tag} fast-bf16 max |bf16 - keras|", err["fast-bf16"] * 1e6, "e-6")
    report(f"{tag} fast-bf16 signal/error vs keras (random weights)", snr["fast-bf16"], "dB",
           higher_is_better=True)
    ser = trained_bf16_ser()
    report("bf16 signal/error vs fp32, bundled trained model", ser, "dB",
           target=f">= {SER_TARGET_DB:g} dB", passed=ser >= SER_TARGET_DB)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
