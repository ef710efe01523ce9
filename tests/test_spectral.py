"""The critic's spectral branch (``--spec-critic``): what it sees, how it trains, warm starts."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf

from trainer.config import build_run_config
from trainer.loop import build_gan
from trainer.warm_start import warm_start
from wavegan.checkpoint import load_checkpoint, model_arrays, save_checkpoint
from wavegan.config import ConfigError, ModelConfig
from wavegan.gan import GanConfig, WaveGAN
from wavegan.models import build_discriminator
from wavegan.spectral import LogSpectrogram, frame_length, is_spectral

SR = 16000


def save_gan(path, model_config, gan, step: int):
    """A checkpoint of ``gan``'s generator and critic, as a warm start reads one."""
    return save_checkpoint(path, model_config, {"generator": model_arrays(gan.generator),
                                                "discriminator": model_arrays(gan.discriminator)},
                           step=step)


def warm_start_with_addon(tmp_path, base: dict, addon: dict, step: int):
    """Save a plain-critic GAN, then warm-start a run that adds a critic add-on from it.
    Returns (plain run, its GAN, the add-on run, its GAN, its critic's fresh arrays, notes)."""
    plain = build_run_config([base])
    src_gan = build_gan(plain)
    src = save_gan(tmp_path / "plain", plain.model, src_gan, step=step)
    run = build_run_config([{**base, **addon}])
    gan = build_gan(run)
    fresh = model_arrays(gan.discriminator)
    notes = warm_start(gan, load_checkpoint(src), run.model)
    return plain, src_gan, run, gan, fresh, notes


def decaying_hit(floor_db: float, n: int = 16384) -> np.ndarray:
    """A noise burst decaying to a steady noise floor ``floor_db`` below its peak."""
    rng = np.random.default_rng(0)
    t = np.arange(n) / SR
    env = np.maximum(np.exp(-t / 0.02), 10 ** (floor_db / 20))
    return (0.8 * env * rng.uniform(-1, 1, n)).astype(np.float32)


def test_frame_length_is_about_32_ms_at_any_rate():
    assert frame_length(16000) == 512
    assert frame_length(44100) == 1024
    assert frame_length(48000) == 2048   # 1536 samples rounds up in log2
    with pytest.raises(ConfigError, match="spec_critic"):
        ModelConfig(spec_critic=-1)


def test_log_spectrogram_tells_a_washed_floor_from_a_clean_decay():
    """The spectral view separates the two decays by ~the 11 dB between their floors (as ln
    magnitude × 0.25), where the waveforms' RMS differ by under 2 dB."""
    layer = LogSpectrogram(frame_length(SR))
    clean, washed = decaying_hit(-41.0), decaying_hit(-30.0)
    spec = layer(np.stack([clean, washed])[..., None]).numpy()
    assert spec.shape == (2, (16384 - 512) // 128 + 1, 257, 1)
    tail = spec[:, 40:].mean(axis=(1, 2, 3))   # frames after 40 × 8 ms: the floor only
    diff_db = (tail[1] - tail[0]) / 0.25 * 20 / np.log(10)
    assert 8.0 < diff_db < 14.0
    rms = [20 * np.log10(np.sqrt(np.mean(x ** 2))) for x in (clean, washed)]
    assert abs(rms[1] - rms[0]) < 2.0
    stereo = np.stack([clean, clean], axis=-1)[None]
    np.testing.assert_allclose(layer(stereo).numpy(), spec[:1], atol=1e-5)


def test_spectral_critic_adds_a_branch_and_trains_with_the_gradient_penalty():
    cfg = ModelConfig(dim=2, spec_critic=4)
    critic = build_discriminator(cfg)
    names = [w.path for w in critic.weights]
    assert any(is_spectral(n) for n in names) and "logit/kernel" in names
    assert not any(is_spectral(w.path) for w in build_discriminator(ModelConfig(dim=2)).weights)

    gan = WaveGAN(cfg, GanConfig(n_critic=2))
    gan.compile()
    spec_vars = [v for v in gan.discriminator.trainable_variables if is_spectral(v.path)]
    before = [v.numpy().copy() for v in spec_vars]
    real = tf.constant(np.stack([decaying_hit(-41.0)] * 4)[..., None])
    out = gan.train_step(real)
    assert all(np.isfinite(float(v)) for v in out.values())
    assert float(out["gp"]) > 0
    moved = [not np.allclose(b, v.numpy()) for b, v in zip(before, spec_vars)
             if v.path.endswith("kernel")]
    assert moved and all(moved)   # the penalty and the loss reach every spectral conv


def test_warm_start_adds_or_drops_the_spectral_branch(tmp_path):
    """A waveform-critic checkpoint warm-starts a --spec-critic run: the generator and the
    waveform critic carry over exactly, the spectral branch keeps its fresh weights; and back."""
    base = {"dim": 2, "slice_len": 16384, "batch_size": 2}
    plain, src_gan, spec_run, gan, before, notes = warm_start_with_addon(
        tmp_path, base, {"spec_critic": 4}, step=7)
    fresh = {k: v for k, v in before.items() if is_spectral(k)}
    assert notes == ["the critic's spectral branch starts fresh (the checkpoint has "
                     "spec_critic=0)"]
    now = model_arrays(gan.discriminator)
    for k, v in model_arrays(src_gan.discriminator).items():
        np.testing.assert_array_equal(now[k], v)
    for k, v in fresh.items():
        np.testing.assert_array_equal(now[k], v)
    assert any(np.abs(v).max() > 0 for v in fresh.values())
    for k, v in model_arrays(src_gan.generator).items():
        np.testing.assert_array_equal(model_arrays(gan.generator)[k], v)

    back = save_gan(tmp_path / "spec", spec_run.model, gan, step=8)
    plain_gan = build_gan(plain)
    assert warm_start(plain_gan, load_checkpoint(back), plain.model) == [
        "the checkpoint's critic spectral branch is not used (spec_critic=0)"]
    assert model_arrays(plain_gan.discriminator).keys() == model_arrays(
        src_gan.discriminator).keys()
