"""`wavegan generate` and `wavegan info` end to end, as a user runs them (subprocesses)."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from wavegan.generator import Generator
from wavegan.latent import z_from_seed


@pytest.fixture(scope="module")
def generated(tiny_checkpoint, tmp_path_factory):
    out = tmp_path_factory.mktemp("gen")
    wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 5, "--seed", 40, "--out", out,
            "--batch-size", 2)
    return out


def test_files_are_valid_at_the_model_rate_and_length(generated):
    files = sorted(generated.glob("*.wav"))
    assert [f.name for f in files] == [f"seed-{s:010d}.wav" for s in range(40, 45)]
    for f in files:
        info = sf.info(f)
        assert (info.samplerate, info.frames, info.channels) == (16000, 16384, 1)
        assert info.subtype == "PCM_24"
        audio, _ = sf.read(f)
        assert np.sqrt(np.mean(audio ** 2)) > 1e-4, f"{f.name} is silent"


LSB_24 = 256   # one step of a 24-bit sample read as int32


def test_same_seed_regenerates_the_same_sound(generated, tiny_checkpoint, tmp_path):
    """The same command: bit-exact. Seed 42 alone instead of in a batch of two: CPU matrix
    kernels may round differently for another batch size (an AVX2 EPYC: 1 LSB of 24 bits),
    so within a few LSB (-130 dBFS), and still not its neighbour seed."""
    first, _ = sf.read(generated / "seed-0000000042.wav", dtype="int32")
    wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 5, "--seed", 40, "--out",
            tmp_path / "same", "--batch-size", 2)
    same, _ = sf.read(tmp_path / "same" / "seed-0000000042.wav", dtype="int32")
    assert np.array_equal(same, first)
    wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 1, "--seed", 42, "--out",
            tmp_path / "alone")
    alone, _ = sf.read(tmp_path / "alone" / "seed-0000000042.wav", dtype="int32")
    assert np.abs(alone.astype(np.int64) - first).max() <= 4 * LSB_24
    other, _ = sf.read(generated / "seed-0000000043.wav", dtype="int32")
    assert np.abs(other.astype(np.int64) - first).max() > 1000 * LSB_24


def test_different_seeds_sound_different(generated):
    a, _ = sf.read(generated / "seed-0000000040.wav")
    b, _ = sf.read(generated / "seed-0000000041.wav")
    assert not np.allclose(a, b, atol=1e-3)


def test_interpolation_endpoints_equal_the_seeds_phrases(tiny_checkpoint, tmp_path):
    wavegan("generate", "--checkpoint", tiny_checkpoint, "--interpolate", 3, 9, "--steps", 5,
            "--format", "wav-float", "--no-fades", "--no-dc", "--precision", "fp32",
            "--out", tmp_path)
    files = sorted(tmp_path.glob("interp-3-9-*.wav"))
    assert len(files) == 5
    gen = Generator.from_checkpoint(tiny_checkpoint)
    ends = gen(np.stack([z_from_seed(3, 100), z_from_seed(9, 100)]))
    first, _ = sf.read(files[0], dtype="float32", always_2d=True)
    last, _ = sf.read(files[-1], dtype="float32", always_2d=True)
    np.testing.assert_allclose(first, ends[0], atol=1e-5)
    np.testing.assert_allclose(last, ends[1], atol=1e-5)
    middle, _ = sf.read(files[2], dtype="float32", always_2d=True)
    assert not np.allclose(middle, ends[0], atol=1e-3)


def test_flac_output_and_normalisation(tiny_checkpoint, tmp_path):
    wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 2, "--seed", 1, "--format",
            "flac", "--normalize", "--out", tmp_path)
    files = sorted(tmp_path.glob("*.flac"))
    assert len(files) == 2
    for f in files:
        audio, sr = sf.read(f)
        assert sr == 16000 and np.abs(audio).max() == pytest.approx(0.98, abs=2e-3)


def test_info_prints_the_checkpoint(tiny_checkpoint):
    out = json.loads(wavegan("info", tiny_checkpoint, "--json").stdout)
    assert out["sample_rate"] == 16000 and out["slice_len"] == 16384 and out["step"] == 0
    assert out["phrase_seconds"] == pytest.approx(1.024)
    text = wavegan("info", tiny_checkpoint).stdout
    assert "slice_len" in text and "16384" in text


def test_bad_checkpoint_is_one_clear_line(tmp_path):
    proc = wavegan("generate", "--checkpoint", tmp_path / "nope", "--out", tmp_path, check=False)
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("error:") and "no such checkpoint" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_info_without_a_checkpoint_describes_the_default_model():
    out = json.loads(wavegan("info", "--json").stdout)
    assert out["step"] > 0 and out["label"]


def test_every_subcommand_has_help():
    top = wavegan("--help").stdout
    for cmd in ("serve", "generate", "info", "scan", "train", "corpus", "evaluate", "sagemaker"):
        assert cmd in top
        assert "usage: wavegan " + cmd in wavegan(cmd, "--help").stdout


@pytest.mark.parametrize("flags, message", [
    (["-n", "0"], "-n/--count: 0: must be ≥ 1"),
    (["--batch-size", "0"], "--batch-size: 0: must be ≥ 1"),
    (["--seed", "-1"], "--seed: -1: must be ≥ 0"),
    (["--interpolate", "1", "2", "--steps", "1"], "--steps: 1: must be ≥ 2"),
    (["-n", "two"], "invalid int value: 'two'"),
])
def test_bad_numbers_get_one_clear_line(tmp_path, flags, message):
    proc = wavegan("generate", "--out", str(tmp_path / "out"), *flags, check=False)
    assert proc.returncode == 2 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and not (tmp_path / "out").exists()
