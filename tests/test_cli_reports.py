"""What the CLI reports about the user's files and checkpoints: verbatim names in `scan`, the
skipped files in `train`, a fully verified checkpoint in `info`, and weights that do not fit
their config refused with a clear message by every generator backend."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from tests.drums import groove
from tests.test_train_support import TINY, make_drum_folder
from wavegan.atomic_files import sha256_file, write_json, write_npz
from wavegan.checkpoint import CheckpointError
from wavegan.errors import UserError

# -- 1. `wavegan scan` prints file names as they are, not as rich markup ------------------------


def test_scan_prints_bracketed_file_names_verbatim(tmp_path):
    root = tmp_path / "drums [live]"
    (root / "snare [").mkdir(parents=True)           # with the file below: "snare [/old].wav"
    audio, _ = groove(16000, 2.0, seed=3)
    sf.write(root / "loop [take 1].wav", audio, 16000, subtype="PCM_16")
    sf.write(root / "kick [v2].wav", np.zeros(8000), 16000)     # silent: skipped, listed
    sf.write(root / "snare [" / "old].wav", np.zeros(8000), 16000)
    env = {**os.environ, "COLUMNS": "400"}   # one table row per line, paths not wrapped
    proc = subprocess.run([sys.executable, "-m", "wavegan.cli", "scan", str(root),
                           "--no-benchmark", "--sample-rate", "16000"],
                          capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    out = proc.stdout
    assert f"{root} →" in out                               # the header names the folder
    assert "skipped 2 file(s)" in out
    rows = {line.split("│")[1].strip(): line.split("│")[2].strip()
            for line in out.splitlines() if line.count("│") == 3}
    assert rows[str(root / "kick [v2].wav")].startswith("silent")
    assert rows[str(root / "snare [" / "old].wav")].startswith("silent")
    assert "files read / skipped" in out and "1 / 2" in out


# -- 2. `wavegan train` reports the files it skipped ---------------------------------------------


def test_train_prints_counts_and_each_skipped_file_with_its_reason(tmp_path):
    """(Also: ``--preview-count 0`` trains and checkpoints without previews.)"""
    from trainer.config import build_run_config
    from trainer.loop import train
    from trainer.train_cli import dataset_fn

    data = make_drum_folder(tmp_path / "data", files=1, seconds=3.0)
    (data / "empty.wav").write_bytes(b"")
    (data / "notes [1].wav").write_text("not a wav file")
    run = build_run_config([{**TINY, "max_steps": 1, "preview_count": 0,
                             "tensorboard": False, "progress": "off"}])
    out = io.StringIO()
    result = train(run, tmp_path / "run", dataset_fn(data, run), out=out)
    assert result.step == 1 and result.checkpoint is not None
    assert not list((tmp_path / "run").glob("previews/*/*.wav"))
    with pytest.raises(UserError, match="preview_count must be >= 0"):
        build_run_config([{**TINY, "preview_count": -1}])
    lines = out.getvalue().splitlines()
    assert any(ln.startswith("data: 1 file(s) read, 2 skipped, ") for ln in lines), lines
    assert f"skipped {data / 'empty.wav'}: empty file (0 bytes)" in lines
    broken = [ln for ln in lines if ln.startswith(f"skipped {data / 'notes [1].wav'}: ")]
    assert len(broken) == 1 and "not audio" in broken[0]
    assert not any(ln.startswith(f"skipped {data / 'loop_0.wav'}") for ln in lines)


# -- 3. `wavegan info` verifies every file the checkpoint lists ----------------------------------


def _copy(checkpoint: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(checkpoint, tmp_path / "ckpt"))


def _meta(ckpt: Path) -> dict:
    return json.loads((ckpt / "model.json").read_text())


def _rewrite_weights(ckpt: Path, fname: str, arrays: dict[str, np.ndarray]) -> None:
    """Replace ``fname`` and record its new size and hash: a consistent checkpoint file."""
    write_npz(ckpt / fname, arrays)
    meta = _meta(ckpt)
    meta["files"][fname] = {"bytes": (ckpt / fname).stat().st_size,
                            "sha256": sha256_file(ckpt / fname)}
    write_json(ckpt / "model.json", meta)


def _generator(ckpt: Path) -> dict[str, np.ndarray]:
    with np.load(ckpt / "generator.npz") as npz:
        return {k: npz[k] for k in npz.files}


def _info_fails(ckpt: Path) -> str:
    proc = wavegan("info", ckpt, check=False)
    assert proc.returncode == 1, (proc.returncode, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr and proc.stderr.startswith("error: ")
    assert len(proc.stderr.strip().splitlines()) == 1
    return proc.stderr


def test_info_accepts_an_intact_checkpoint(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    proc = wavegan("info", ckpt)
    assert "test model" in proc.stdout and proc.stderr == ""


def test_info_refuses_corrupt_generator_weights(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    size = (ckpt / "generator.npz").stat().st_size
    (ckpt / "generator.npz").write_bytes(b"\x00garbage" * (size // 8) + b"\x00" * (size % 8))
    err = _info_fails(ckpt)
    assert f"{ckpt / 'generator.npz'}: corrupt file (size or SHA-256 differs" in err


def test_info_refuses_a_missing_weights_file(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    (ckpt / "generator.npz").unlink()
    assert f"{ckpt}: missing weights file generator.npz" in _info_fails(ckpt)


def test_info_checks_files_other_than_the_generator(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    _rewrite_weights(ckpt, "discriminator.npz", {"w": np.ones(3, np.float32)})
    wavegan("info", ckpt)                                   # consistent: accepted
    (ckpt / "discriminator.npz").write_bytes(b"not the file model.json describes")
    assert f"{ckpt / 'discriminator.npz'}: corrupt file" in _info_fails(ckpt)


def test_info_refuses_a_config_that_does_not_fit_the_weights(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    meta = _meta(ckpt)
    meta["model_config"]["dim"] = 8
    write_json(ckpt / "model.json", meta)
    err = _info_fails(ckpt)
    assert "generator.npz: shape mismatch for z_project/kernel" in err


# -- 4. the fast backend checks weight names and shapes like the keras one -----------------------


@pytest.mark.parametrize("kw", [
    dict(),
    dict(slice_len=32768, channels=2),
    dict(upsample="nn", use_batchnorm=True, post_proc_len=16, kernel_len=24),
    dict(styles=["funk", "rock"], latent_dim=10),
], ids=["default", "stride2-stereo", "nn-bn-postproc", "styles"])
def test_expected_generator_shapes_are_the_keras_models(kw):
    from wavegan.checkpoint import generator_shapes
    from wavegan.config import ModelConfig
    from wavegan.models import build_generator

    cfg = ModelConfig(dim=4, **kw)
    keras_shapes = {w.path: tuple(w.shape) for w in build_generator(cfg).weights}
    assert generator_shapes(cfg) == keras_shapes


@pytest.mark.parametrize("backend", ["fast", "keras"])
def test_config_that_does_not_fit_the_weights_is_a_checkpoint_error(tiny_checkpoint, tmp_path,
                                                                     backend):
    from wavegan.generator import Generator

    ckpt = _copy(tiny_checkpoint, tmp_path)
    meta = _meta(ckpt)
    meta["model_config"]["dim"] = 8                  # the weights are d=4: 16*4*16 = 1024 wide
    write_json(ckpt / "model.json", meta)
    with pytest.raises(CheckpointError) as err:
        Generator.from_checkpoint(ckpt, backend=backend)
    assert str(err.value) == (
        f"{ckpt}/generator.npz: shape mismatch for z_project/kernel: checkpoint has "
        f"(100, 1024), model config expects (100, 2048)")


@pytest.mark.parametrize("backend", ["fast", "keras"])
def test_missing_or_misshapen_weights_are_a_checkpoint_error(tiny_checkpoint, tmp_path, backend):
    from wavegan.generator import Generator

    ckpt = _copy(tiny_checkpoint, tmp_path)
    weights = _generator(ckpt)
    bias = weights.pop("upconv_1/bias")
    _rewrite_weights(ckpt, "generator.npz", weights)
    with pytest.raises(CheckpointError, match=r"generator\.npz does not fit the model config: "
                                              r"missing 1 weight\(s\): upconv_1/bias$"):
        Generator.from_checkpoint(ckpt, backend=backend)

    kernel = weights["upconv_0/kernel"]
    _rewrite_weights(ckpt, "generator.npz", {**weights, "upconv_1/bias": bias,
                                             "upconv_0/kernel": kernel[:, :-1]})
    with pytest.raises(CheckpointError) as err:
        Generator.from_checkpoint(ckpt, backend=backend)
    short = (kernel.shape[0], kernel.shape[1] - 1, kernel.shape[2])
    assert str(err.value).endswith(f"shape mismatch for upconv_0/kernel: checkpoint has "
                                   f"{short}, model config expects {kernel.shape}")


def test_generate_cli_reports_the_mismatch_in_one_line(tiny_checkpoint, tmp_path):
    ckpt = _copy(tiny_checkpoint, tmp_path)
    meta = _meta(ckpt)
    meta["model_config"]["dim"] = 8
    write_json(ckpt / "model.json", meta)
    proc = wavegan("generate", "--checkpoint", ckpt, "-n", "1", "--out", tmp_path / "out",
                   check=False)
    assert proc.returncode == 1, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    # TensorFlow's native start-up noise may precede it on stderr; the error is the last line
    assert proc.stderr.strip().splitlines()[-1] == (
        f"error: {ckpt}/generator.npz: shape mismatch for z_project/kernel: checkpoint has "
        f"(100, 1024), model config expects (100, 2048)")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
