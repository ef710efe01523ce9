"""Checkpoints: bit-identical round trip, atomic writes, and a clear error for each bad case."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import pytest

from wavegan.checkpoint import (
    FORMAT_VERSION,
    CheckpointError,
    load_checkpoint,
    model_arrays,
    save_checkpoint,
    save_model_checkpoint,
)
from wavegan.config import ModelConfig
from wavegan.models import build_discriminator, build_generator


@pytest.fixture(scope="module")
def models():
    cfg = ModelConfig(dim=4, use_batchnorm=True)
    return cfg, build_generator(cfg), build_discriminator(cfg)


def test_round_trip_is_bit_identical(tmp_path, models):
    cfg, g, d = models
    path = save_model_checkpoint(tmp_path / "ck", cfg, g, d, step=42,
                                 extra_meta={"dataset": {"slices": 7}})
    ckpt = load_checkpoint(path)
    assert ckpt.config == cfg and ckpt.step == 42 and ckpt.meta["dataset"] == {"slices": 7}
    for model, loaded in ((g, ckpt.load_generator()), (d, ckpt.load_discriminator())):
        want, got = model_arrays(model), model_arrays(loaded)
        assert want.keys() == got.keys()
        for k in want:
            assert want[k].dtype == got[k].dtype and np.array_equal(want[k], got[k]), k
    z = np.random.default_rng(1).uniform(-1, 1, (2, cfg.latent_dim)).astype(np.float32)
    assert np.array_equal(np.asarray(g(z)), np.asarray(ckpt.load_generator()(z)))


def test_float16_storage_halves_size_and_loads_close(tmp_path, models):
    cfg, g, _ = models
    full = save_model_checkpoint(tmp_path / "f32", cfg, g)
    half = save_model_checkpoint(tmp_path / "f16", cfg, g, weights_dtype="float16")
    s32 = (full / "generator.npz").stat().st_size
    s16 = (half / "generator.npz").stat().st_size
    assert s16 < 0.6 * s32
    arrays = load_checkpoint(half).arrays("generator")
    assert all(a.dtype == np.float32 for a in arrays.values() if a.dtype.kind == "f")
    ref = model_arrays(g)
    assert all(np.allclose(ref[k], arrays[k], rtol=1e-3, atol=1e-4) for k in ref)


def test_overwrite_replaces_and_leaves_no_temp_dirs(tmp_path, models):
    cfg, g, _ = models
    save_model_checkpoint(tmp_path / "ck", cfg, g, step=1)
    save_model_checkpoint(tmp_path / "ck", cfg, g, step=2)
    assert load_checkpoint(tmp_path / "ck").step == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ck"]


def _corrupt(path):
    data = bytearray((path / "generator.npz").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (path / "generator.npz").write_bytes(bytes(data))


def _edit_meta(path, **changes):
    meta = json.loads((path / "model.json").read_text())
    meta.update(changes)
    (path / "model.json").write_text(json.dumps(meta))


@pytest.mark.parametrize("damage,message", [
    (lambda p: shutil.rmtree(p), "no such checkpoint directory"),
    (lambda p: (p / "model.json").unlink(), "not a checkpoint (no model.json"),
    (lambda p: (p / "model.json").write_text("{not json"), "corrupt file (not valid JSON"),
    (lambda p: (p / "generator.npz").unlink(), "missing weights file generator.npz"),
    (_corrupt, "corrupt file (size or SHA-256 differs"),
    (lambda p: _edit_meta(p, format_version=FORMAT_VERSION + 1), "is newer than"),
    (lambda p: _edit_meta(p, files={}), "missing weights (model.json lists no generator.npz)"),
    (lambda p: _edit_meta(p, model_config={"slice_len": 12345}), "invalid model config"),
])
def test_each_bad_checkpoint_gets_its_clear_error(tmp_path, models, damage, message):
    cfg, g, _ = models
    path = save_model_checkpoint(tmp_path / "ck", cfg, g)
    damage(path)
    with pytest.raises(CheckpointError) as err:
        load_checkpoint(path).load_generator()
    assert message in str(err.value)


def test_a_plain_file_is_not_a_checkpoint(tmp_path):
    f = tmp_path / "model.h5"
    f.write_bytes(b"\x89HDF")
    with pytest.raises(CheckpointError, match="not a checkpoint"):
        load_checkpoint(f)


def test_a_run_directory_opens_its_newest_complete_checkpoint(tmp_path, models):
    cfg, g, _ = models
    run = tmp_path / "run"
    for step in (999_999, 1_000_000):   # sorted by number: "step_1000000" < "step_999999"
        save_model_checkpoint(run / "checkpoints" / f"step_{step:06d}", cfg, g, step=step)
    (run / "checkpoints" / "step_1000500").mkdir()           # killed before its model.json
    (run / "checkpoints" / ".step_1000800.tmp-99").mkdir()   # a save still being written
    for where in (run, run / "checkpoints"):
        ckpt = load_checkpoint(where)
        assert ckpt.step == 1_000_000 and ckpt.path.name == "step_1000000"
    with pytest.raises(CheckpointError, match="nor a training run"):
        load_checkpoint(run / "checkpoints" / "step_1000500")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CheckpointError, match="nor a training run"):
        load_checkpoint(tmp_path / "empty")


def test_shape_mismatch_names_the_weight(tmp_path, models):
    cfg, g, _ = models
    path = save_model_checkpoint(tmp_path / "ck", cfg, g)
    _edit_meta(path, model_config={**cfg.to_dict(), "dim": 8})  # weights were saved at dim=4
    with pytest.raises(CheckpointError, match=r"shape mismatch for z_project/kernel"):
        load_checkpoint(path).load_generator()


def test_kill_9_mid_save_leaves_the_previous_checkpoint_loadable(tmp_path):
    """A writer killed at random points never leaves a half checkpoint under the final name."""
    script = (
        "import sys, numpy as np\n"
        "from wavegan.checkpoint import save_checkpoint\n"
        "from wavegan.config import ModelConfig\n"
        "big = {'generator': {'w%d' % i: np.full((256, 1024), i, np.float32) for i in range(40)}}\n"
        "print('ready', flush=True)\n"
        "while True:\n"
        "    save_checkpoint(sys.argv[1], ModelConfig(), big, step=2)\n"
    )
    target = tmp_path / "ck"
    save_checkpoint(target, ModelConfig(), {"generator": {"w0": np.zeros((2, 2), np.float32)}},
                    step=1)
    rng = np.random.default_rng(0)
    for _ in range(6):
        proc = subprocess.Popen([sys.executable, "-c", script, str(target)],
                                stdout=subprocess.PIPE, env={**os.environ})
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(float(rng.uniform(0.0, 0.4)))
        proc.kill()
        proc.wait()
        ck = load_checkpoint(target)  # recovers a replacement cut between its renames
        assert ck.step in (1, 2)
        ck.arrays("generator")  # checksums verify
