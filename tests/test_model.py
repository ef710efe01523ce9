"""Model shapes, layer plans and parameter counts (issue 3)."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from wavegan.config import SUPPORTED_SAMPLE_RATES, SUPPORTED_SLICE_LENS, ConfigError, ModelConfig
from wavegan.models import build_discriminator, build_generator

GRID = list(itertools.product(SUPPORTED_SLICE_LENS, (1, 2)))


@pytest.mark.parametrize("slice_len,channels", GRID)
def test_shapes_every_length_and_channel_count(slice_len, channels):
    rate = SUPPORTED_SAMPLE_RATES[GRID.index((slice_len, channels)) % len(SUPPORTED_SAMPLE_RATES)]
    cfg = ModelConfig(slice_len=slice_len, sample_rate=rate, channels=channels, dim=2)
    g, d = build_generator(cfg), build_discriminator(cfg)
    z = np.random.default_rng(0).uniform(-1, 1, (2, cfg.latent_dim)).astype(np.float32)
    audio = np.asarray(g(z))
    assert audio.shape == (2, slice_len, channels)
    assert np.all(np.abs(audio) <= 1.0) and np.std(audio) > 0
    assert np.asarray(d(audio, training=True)).shape == (2, 1)
    assert np.prod(cfg.plan.strides) * 16 == slice_len


@pytest.mark.parametrize("rate", SUPPORTED_SAMPLE_RATES)
def test_every_supported_rate_is_accepted(rate):
    cfg = ModelConfig(sample_rate=rate, slice_len=65536)
    assert cfg.duration_seconds == pytest.approx(65536 / rate)


@pytest.mark.parametrize("slice_len,g_params,d_params", [
    (16384, 19_065_345, 17_427_969),   # CDW v2, d=64: G 19.07 M / D 17.43 M
    (65536, 73_149_953, 69_875_201),   # CDW v2, d=64: G 73.1 M / D 69.9 M
])
def test_parameter_counts_match_reference(slice_len, g_params, d_params):
    cfg = ModelConfig(slice_len=slice_len, dim=64)
    assert build_generator(cfg).count_params() == g_params
    assert build_discriminator(cfg).count_params() == d_params


def test_options_change_the_graph():
    base = ModelConfig(dim=4)
    nn = build_generator(ModelConfig(dim=4, upsample="nn"))
    bn = build_generator(ModelConfig(dim=4, use_batchnorm=True))
    pp = build_generator(ModelConfig(dim=4, post_proc_len=512))
    plain = build_generator(base).count_params()
    assert nn.count_params() == plain  # same weights, different up-sampling
    assert any("upsample" in layer.name for layer in nn.layers)
    assert bn.count_params() > plain
    assert pp.count_params() == plain + 512  # 512 taps, mono, no bias


def test_stride_two_plan_for_32768():
    plan = ModelConfig(slice_len=32768).plan
    assert plan.strides == (4, 4, 4, 4, 4, 2)
    assert plan.g_channels == (1024, 512, 256, 128, 64, 1)
    assert plan.d_channels == (64, 128, 256, 512, 1024, 2048)


@pytest.mark.parametrize("bad", [
    {"slice_len": 20000}, {"channels": 3}, {"upsample": "cubic"}, {"sample_rate": 4000},
    {"dim": 0},
])
def test_bad_config_is_refused_with_a_reason(bad):
    with pytest.raises(ConfigError) as err:
        ModelConfig(**bad)
    assert next(iter(bad)) in str(err.value)


def test_config_json_round_trip():
    cfg = ModelConfig(slice_len=131072, sample_rate=48000, channels=2, dim=32, upsample="nn",
                      use_batchnorm=True, post_proc_len=512, phase_shuffle=0)
    assert ModelConfig.from_json(cfg.to_json()) == cfg
    with pytest.raises(ConfigError, match="unknown model config keys: bogus"):
        ModelConfig.from_dict({**cfg.to_dict(), "bogus": 1})
