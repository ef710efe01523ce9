"""The Winograd training convolutions equal Keras's, forward, backward and double backward."""

from __future__ import annotations

import numpy as np
import pytest
import tensorflow as tf
from keras import layers

from wavegan.config import ModelConfig
from wavegan.layers import WinogradConv1D, WinogradConv1DTranspose
from wavegan.models import build_discriminator, build_generator, conv_impl
from wavegan.winograd import strided_selection, supported, upsample_selection

# (kernel, stride, input length, Cin, Cout): the WaveGAN's 25/4 layers, odd kernels and strides
CONV_CASES = [(25, 4, 256, 16, 32), (25, 4, 64, 32, 16), (9, 4, 128, 16, 8), (7, 2, 64, 32, 8),
              (25, 4, 32, 64, 64)]
TRANSPOSE_CASES = [(25, 4, 16, 32, 16), (25, 4, 64, 16, 32), (9, 4, 32, 16, 16),
                   (7, 2, 32, 16, 32)]


def _pair(kind, k, s, cout, x):
    """(Keras layer, Winograd layer) in float64 with the same weights."""
    ref_cls, fast_cls = ((layers.Conv1D, WinogradConv1D) if kind == "conv"
                         else (layers.Conv1DTranspose, WinogradConv1DTranspose))
    ref = ref_cls(cout, k, strides=s, padding="same", dtype="float64")
    fast = fast_cls(cout, k, strides=s, padding="same", dtype="float64")
    ref(x), fast(x)
    rng = np.random.default_rng(k * 100 + s)
    weights = [rng.standard_normal(w.shape) for w in ref.get_weights()]
    ref.set_weights(weights)
    fast.set_weights(weights)
    assert fast._wide, "the case must exercise the Winograd path, not the Keras fallback"
    return ref, fast


def _derivatives(layer, x):
    """Output, input gradient, weight gradients, and the gradient-penalty-style second order:
    d/dweights of ||d(sum y * r)/dx||² (what WGAN-GP's critic update differentiates)."""
    r = tf.constant(np.random.default_rng(7).standard_normal(layer(x).shape))
    with tf.GradientTape(persistent=True) as outer:
        outer.watch(x)
        with tf.GradientTape() as inner:
            inner.watch(x)
            y = layer(x)
            loss = tf.reduce_sum(y * r)
        gx = inner.gradient(loss, x)
        penalty = tf.reduce_sum(gx * gx)
    first = outer.gradient(loss, layer.trainable_variables)
    second = outer.gradient(penalty, layer.trainable_variables)
    return [y, gx, *first, *[g for g in second if g is not None]]


@pytest.mark.parametrize("kind,case", [("conv", c) for c in CONV_CASES]
                         + [("transpose", c) for c in TRANSPOSE_CASES])
def test_equals_keras_to_float64_precision(kind, case):
    k, s, length, cin, cout = case
    x = tf.constant(np.random.default_rng(length).standard_normal((3, length, cin)))
    ref, fast = _pair(kind, k, s, cout, x)
    want, got = _derivatives(ref, x), _derivatives(fast, x)
    assert len(want) == len(got) == 5  # y, dx, dkernel, dbias, d²kernel (d²bias is None)
    for w, g in zip(want, got):
        w, g = np.asarray(w), np.asarray(g)
        assert g.shape == w.shape
        np.testing.assert_allclose(g, w, rtol=0, atol=1e-9 * np.abs(w).max())


@pytest.mark.parametrize("kind", ["conv", "transpose"])
def test_wide_layers_run_as_matmuls_not_convolutions(kind):
    x = tf.zeros([2, 64, 32], tf.float64)
    _, fast = _pair(kind, 25, 4, 64, x)
    graph = tf.function(fast).get_concrete_function(x).graph
    ops = {op.type for op in graph.get_operations()}
    assert "BatchMatMulV2" in ops
    assert not {t for t in ops if "Conv" in t}, ops


def test_narrow_layers_fall_back_to_keras():
    mono_in = WinogradConv1D(64, 25, strides=4, padding="same")
    mono_in(tf.zeros([1, 256, 1]))
    mono_out = WinogradConv1DTranspose(1, 25, strides=4, padding="same")
    mono_out(tf.zeros([1, 64, 64]))
    assert not mono_in._wide and not mono_out._wide


def test_selections_place_every_tap_once():
    for k, s in [(25, 4), (25, 2), (9, 4), (7, 2)]:
        sel, left = strided_selection(k, s)
        assert sel.sum(axis=(0, 1)).tolist() == [1.0] * k and left * s >= (k - s) // 2
        sel, _ = upsample_selection(k, s, "zeros")
        assert sel.sum(axis=(0, 1)).tolist() == [1.0] * k
    assert supported(7) and not supported(13)  # 25 taps / stride 2 stays direct


@pytest.mark.parametrize("slice_len", [16384, 32768])
def test_models_have_the_same_variables_and_outputs(slice_len):
    cfg = ModelConfig(dim=4, slice_len=slice_len)
    z = tf.random.stateless_uniform([2, cfg.latent_dim], [1, 2], -1.0, 1.0)
    audio = tf.random.stateless_uniform([2, slice_len, 1], [3, 4], -0.5, 0.5)
    for build, x in ((build_generator, z), (build_discriminator, audio)):
        direct, fast = build(cfg, "direct"), build(cfg, "winograd")
        assert [v.path for v in fast.weights] == [v.path for v in direct.weights]
        fast.set_weights(direct.get_weights())
        want = direct(x, training=False).numpy()
        got = fast(x, training=False).numpy()
        assert np.abs(got - want).max() <= 1e-4 * max(np.abs(want).max(), 1e-3)


def test_unknown_impl_is_a_clear_error():
    with pytest.raises(ValueError, match="winograd"):
        conv_impl("fft")


def test_train_config_resolves_convs():
    from trainer.config import CONVS, TrainConfig
    from wavegan.config import ConfigError
    from wavegan.models import CONV_IMPLS

    assert set(CONVS) == {"auto", *CONV_IMPLS}
    assert TrainConfig(precision="fp32").resolved_convs() == "winograd"
    assert TrainConfig(precision="fp32").resolved_convs(gpu=True) == "direct"
    assert TrainConfig().resolved_convs(gpu=True) == "direct"   # auto: fp32 on GPUs
    assert TrainConfig(precision="bf16").resolved_convs() == "direct"
    assert TrainConfig(precision="bf16", convs="winograd").resolved_convs() == "winograd"
    with pytest.raises(ConfigError, match="convs"):
        TrainConfig(convs="fast")


def test_bf16_on_a_cpu_without_bfloat16_instructions_says_to_use_fp32():
    from pathlib import Path

    from trainer.config import TrainConfig

    bf16, zen2 = TrainConfig(precision="bf16"), "flags : fpu sse2 avx avx2 fma"
    assert "10.5x slower than fp32" in bf16.precision_warning(cpu_flags=zen2)
    assert "Use --precision fp32" in bf16.precision_warning(cpu_flags=zen2)
    assert bf16.precision_warning(cpu_flags=zen2 + " avx512f avx512_bf16") is None
    assert bf16.precision_warning(cpu_flags=zen2 + " amx_bf16 amx_tile") is None
    assert bf16.precision_warning(gpu=True, cpu_flags=zen2) is None
    assert TrainConfig().precision_warning(cpu_flags=zen2) is None
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():     # this machine: warned exactly when it lacks the instructions
        native = "avx512_bf16" in cpuinfo.read_text() or "amx_bf16" in cpuinfo.read_text()
        assert (bf16.precision_warning() is None) == native
