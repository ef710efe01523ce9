"""The generator's moving average (``--ema``): the update rule, switching it on mid-run, what the
checkpoint stores, and that serving and the export play the average."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tests.test_train_support import TINY, make_drum_folder
from trainer.config import build_run_config
from trainer.loop import train
from trainer.train_cli import dataset_fn
from wavegan.checkpoint import load_checkpoint
from wavegan.config import ConfigError, GanConfig, ModelConfig

ROOT = Path(__file__).resolve().parents[1]


def weights(model) -> dict[str, np.ndarray]:
    return {w.path: np.array(w.numpy()) for w in model.weights}


def test_update_moves_the_average_a_fraction_of_the_way():
    import tensorflow as tf

    from wavegan.gan import WaveGAN

    cfg = ModelConfig(dim=4, slice_len=16384, sample_rate=16000)
    gan = WaveGAN(cfg, GanConfig(n_critic=1, ema=0.9))
    gan.compile()
    before = weights(gan.generator)
    assert all(np.array_equal(before[k], v) for k, v in weights(gan.generator_ema).items())
    real = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=1)
    gan.train_step(real)
    after, ema = weights(gan.generator), weights(gan.generator_ema)
    moved = [k for k in after if not np.array_equal(after[k], before[k])]
    assert moved, "the generator step changed nothing"
    d = 2 / 11   # the first update's decay, warmed up: min(0.9, (1 + 1) / (10 + 1))
    for k in after:  # ema = d · old + (1 - d) · new
        np.testing.assert_allclose(ema[k], d * before[k] + (1 - d) * after[k], atol=1e-6)


def test_the_decay_warms_up_to_the_one_asked_for():
    """A fixed decay would keep ema^t of the random start: a young run would play hiss."""
    from wavegan.gan import WaveGAN

    gan = WaveGAN(ModelConfig(dim=4, slice_len=16384, sample_rate=16000),
                  GanConfig(n_critic=1, ema=0.999))
    gan.compile()
    decays = {}
    for t in (0, 1, 100, 1000, 8990, 20000):
        gan.g_optimizer.iterations.assign(t)
        decays[t] = float(gan.ema_decay())
    assert decays[0] == pytest.approx(0.1) and decays[1] == pytest.approx(2 / 11)
    assert decays[100] == pytest.approx(101 / 110) and decays[1000] == pytest.approx(1001 / 1010)
    assert decays[8990] == pytest.approx(0.999) and decays[20000] == pytest.approx(0.999)
    # what is left of the start after 234 steps: 0.999^234 = 79 % without the warm-up
    left = np.prod([min(0.999, (1 + t) / (10 + t)) for t in range(1, 235)])
    assert left < 1e-3


@pytest.mark.parametrize("decay", [-0.1, 1.0, 1.5])
def test_decay_outside_zero_one_is_refused(decay):
    with pytest.raises(ConfigError, match="decay must be in"):
        GanConfig(ema=decay)


@pytest.fixture(scope="module")
def switched_on(tmp_path_factory):
    """3 steps without the average, then 3 more resumed with ``ema=0.5`` (a change a resumed run
    accepts)."""
    drums = make_drum_folder(tmp_path_factory.mktemp("drums"))
    run_dir = tmp_path_factory.mktemp("run") / "run"
    first = build_run_config([{**TINY, "max_steps": 3, "learning_rate": 5e-4}])
    train(first, run_dir, dataset_fn(drums, first), out=io.StringIO())
    second = build_run_config([{**TINY, "max_steps": 6, "learning_rate": 5e-4, "ema": 0.5}])
    out = io.StringIO()
    result = train(second, run_dir, dataset_fn(drums, second), out=out)
    return second, run_dir, result, out.getvalue()


def test_resume_can_switch_the_average_on(switched_on):
    run, run_dir, result, stdout = switched_on
    assert result.step == 6
    assert "moving average (--ema) starts at the generator's weights" in stdout
    ckpt = load_checkpoint(result.checkpoint)
    assert ckpt.playing_name == "generator_ema"
    assert ckpt.summary()["plays"] == "generator_ema.npz"   # `wavegan info` shows it
    gen, ema = ckpt.arrays("generator"), ckpt.arrays("generator_ema")
    assert gen.keys() == ema.keys()
    assert any(not np.array_equal(gen[k], ema[k]) for k in gen), "average equals generator"
    assert '"ema": 0.5' in (run_dir / "run.json").read_text()


def test_serving_and_export_play_the_average(switched_on, tmp_path):
    from wavegan.generator import Generator
    from wavegan.models import build_generator

    run, _, result, _ = switched_on
    z = np.random.default_rng(0).uniform(-1, 1, (2, run.model.latent_dim)).astype(np.float32)
    ckpt = load_checkpoint(result.checkpoint)
    plain = build_generator(ckpt.config)
    want = {}
    for name in ("generator", "generator_ema"):
        for w in plain.weights:
            w.assign(ckpt.arrays(name)[w.path])
        want[name] = np.asarray(plain(z, training=False))
    assert not np.allclose(want["generator"], want["generator_ema"], atol=1e-4)
    got = Generator.from_checkpoint(result.checkpoint, backend="keras")(z)
    np.testing.assert_allclose(got, want["generator_ema"], atol=1e-5)

    export = tmp_path / "export"
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_default_checkpoint.py"),
                    "--from", str(result.checkpoint), "--out", str(export), "--label", "t"],
                   check=True, cwd=ROOT, capture_output=True)
    exported = load_checkpoint(export)
    assert not exported.has("generator_ema") and exported.has("discriminator")
    for k, v in exported.arrays("generator").items():  # float16 storage of the average
        np.testing.assert_allclose(v, ckpt.arrays("generator_ema")[k], rtol=1e-3, atol=1e-4)
