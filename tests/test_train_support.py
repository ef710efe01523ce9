"""Helpers shared by the training tests: synthesised drum recordings and tiny run configs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np

from wavegan.audio_io import write_audio

ROOT = Path(__file__).resolve().parents[1]
SR = 16000
TINY = {"dim": 4, "batch_size": 4, "n_critic": 2, "summary_every": 1, "preview_count": 3,
        "checkpoint_minutes": 60.0, "keep": 2, "sample_rate": SR, "slice_len": 16384}


def drum_hit(kind: str, rng: np.random.Generator, sr: int = SR) -> np.ndarray:
    """One synthesised hit (kick: pitch-swept sine; snare: tone + noise; hat: bright noise)."""
    t = np.arange(int(0.3 * sr)) / sr
    if kind == "kick":
        f = 50 + 120 * np.exp(-t * 30)
        return np.sin(2 * np.pi * np.cumsum(f) / sr) * np.exp(-t * 12)
    if kind == "snare":
        return (0.4 * np.sin(2 * np.pi * 190 * t) + 0.6 * rng.normal(0, 0.5, t.size)) \
            * np.exp(-t * 25)
    noise = np.diff(rng.normal(0, 0.5, t.size + 1))
    return noise * np.exp(-t * 80)


def groove(seconds: float, bpm: float, rng: np.random.Generator, sr: int = SR) -> np.ndarray:
    """A mono drum loop ``[T, 1]``: kick on 1 and 3, snare on 2 and 4, eighth-note hats."""
    out = np.zeros(int(seconds * sr) + sr)
    eighth = 60.0 / bpm / 2
    for i in range(int(seconds / eighth)):
        at = int(i * eighth * sr + rng.integers(0, 80))
        kinds = ["hat"] + (["kick"] if i % 4 == 0 else []) + (["snare"] if i % 4 == 2 else [])
        for kind in kinds:
            hit = drum_hit(kind, rng, sr) * rng.uniform(0.5, 0.9)
            out[at:at + hit.size] += hit
    out = out[: int(seconds * sr)]
    return (0.8 * out / np.abs(out).max())[:, None].astype(np.float32)


def make_drum_folder(folder: Path, files: int = 3, seconds: float = 6.0, seed: int = 0) -> Path:
    """Write ``files`` synthesised drum loops as 16 kHz WAVs into ``folder``."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        write_audio(folder / f"loop_{i}.wav", groove(seconds, 90 + 15 * i, rng), SR)
    return folder


def flags(values: dict) -> list[str]:
    return [x for k, v in values.items() for x in (f"--{k.replace('_', '-')}", str(v))]


def python_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "PYTHONUNBUFFERED": "1", **extra}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def wavegan_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "wavegan.cli", *args]


def run_python(code: str, timeout: float = 180, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=timeout, env=python_env(**env), cwd=ROOT)
