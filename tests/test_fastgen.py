"""The fast generator computes the plain Keras generator's function (tiny models, every option)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from wavegan.checkpoint import assign_arrays, model_arrays
from wavegan.config import ModelConfig
from wavegan.fastgen import DIRECT_PER_OUTPUT, FastGenerator, arrange, polyphase_kernel
from wavegan.generator import Generator
from wavegan.models import build_generator
from wavegan.windows import stage_bounds
from wavegan.winograd import supported, winograd_matrices

TOL = 1e-4        # fp32 fast vs Keras, max abs
BF16_TOL = 2e-2   # bf16 fast vs Keras, max abs (output in [-1, 1]; inaudible on drum phrases)

CONFIGS = [
    dict(slice_len=16384),
    dict(slice_len=32768, channels=2),                      # ends with a stride-2 layer
    dict(slice_len=65536, upsample="nn", use_batchnorm=True),
    dict(slice_len=131072, post_proc_len=512, kernel_len=24),
    dict(slice_len=262144, channels=2, upsample="nn", post_proc_len=16, use_batchnorm=True),
]


def _model(seed: int = 0, **kw) -> tuple[ModelConfig, keras.Model, dict[str, np.ndarray]]:
    """A tiny (d=4 unless given) generator with random weights and non-trivial batchnorm
    statistics."""
    keras.utils.set_random_seed(seed)
    cfg = ModelConfig(**{"dim": 4, **kw})
    model = build_generator(cfg)
    weights = model_arrays(model)
    rng = np.random.default_rng(seed)
    for path, value in weights.items():
        if path.endswith(("gamma", "moving_variance")):
            weights[path] = rng.uniform(0.5, 2.0, value.shape).astype(np.float32)
        elif path.endswith(("beta", "moving_mean")):
            weights[path] = rng.normal(0, 0.3, value.shape).astype(np.float32)
        elif path.endswith("bias"):
            weights[path] = rng.normal(0, 0.05, value.shape).astype(np.float32)
    assign_arrays(model, weights, "test weights")
    # scale the last layer so the pre-tanh peak is 1.5: errors are then judged on a loud output
    last = f"upconv_{len(cfg.plan.strides) - 1}"
    peak = np.abs(np.arctanh(model(_z(2, cfg, seed=9), training=False).numpy())).max()
    for path in (f"{last}/kernel", f"{last}/bias"):
        weights[path] = (weights[path] * (1.5 / peak)).astype(np.float32)
    assign_arrays(model, weights, "test weights")
    return cfg, model, weights


def _z(batch: int, cfg: ModelConfig, seed: int = 1) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1, 1, (batch, cfg.latent_dim)).astype(np.float32)


@pytest.mark.parametrize("kw", CONFIGS, ids=lambda kw: "-".join(f"{k}={v}" for k, v in kw.items()))
def test_fast_equals_keras(kw):
    cfg, model, weights = _model(**kw)
    z = _z(3, cfg)
    ref = model(z, training=False).numpy()
    assert np.abs(ref).max() > 0.5  # a quiet model would make the comparison vacuous
    convs = arrange(cfg, weights).convs
    winograd = tuple("winograd" if supported(c.taps) else "conv" for c in convs)
    assert "winograd" in winograd
    tiles2 = (2,) * len(convs)  # F(2, T) everywhere instead of the default F(4, T)
    for methods, tiles, direct in ((None, None, DIRECT_PER_OUTPUT), (winograd, None, 0),
                                   (winograd, tiles2, 0), (("gemm",) * len(convs), None, 0),
                                   (("gemm-t",) * len(convs), None, 0)):
        fast = FastGenerator(cfg, weights, methods=methods, tiles=tiles, direct_per_output=direct)
        if methods is None:
            assert fast.tiles[0] == 4 and 6 in fast.tiles
        for batch in (1, 3):
            out = fast(z[:batch])
            assert out.shape == (batch, cfg.slice_len, cfg.channels)
            assert out.dtype == np.float32
            np.testing.assert_allclose(out, ref[:batch], rtol=0, atol=TOL,
                                       err_msg=f"methods={fast.methods}")


@pytest.mark.parametrize("kw", CONFIGS[:2] + CONFIGS[3:],
                         ids=lambda kw: "-".join(f"{k}={v}" for k, v in kw.items()))
def test_a_window_is_the_same_samples_as_the_whole_phrase(kw):
    """Samples [start, stop) computed from only the part of the network they depend on (a
    draft, a refinement step) are the whole phrase's, for every method and edge."""
    cfg, _, weights = _model(**kw)
    z = _z(3, cfg)
    n = cfg.slice_len
    convs = arrange(cfg, weights).convs
    gemm = ("gemm",) * len(convs)
    # the same sums up to rounding: a window's Winograd tiles start elsewhere (F(6, 7): 2.3e-6
    # at a full-scale output; a 1e-4 error anywhere would show)
    same = 5e-6
    for methods in (None, gemm):
        fast = FastGenerator(cfg, weights, methods=methods)
        whole = fast(z)
        for start, stop in ((0, 2048), (0, 1), (1000, 5003), (n // 3, n // 2), (n - 777, n)):
            part = fast(z, start, stop)
            assert part.shape == (3, stop - start, cfg.channels)
            np.testing.assert_allclose(part, whole[:, start:stop], rtol=0, atol=same,
                                       err_msg=f"[{start}, {stop}) methods={fast.methods}")
        x = z      # stage by stage, the last in two windows: the same phrase
        for i, frames in enumerate(fast.stages):
            last = i == len(fast.stages) - 1
            cuts = ((0, frames // 3), (frames // 3, frames)) if last else ((0, frames),)
            parts = [fast.stage(x, i, a, b) for a, b in cuts]
            x = np.concatenate(parts, axis=1) if last else parts[0]
        np.testing.assert_allclose(x, whole, rtol=0, atol=same)
    assert fast.stages[-1] == n and len(fast.stages) > 1
    walk = fast.steps(n // 4)        # every stage whole but the last, in 4 windows
    assert walk[:-4] == [(i, 0, f) for i, f in enumerate(fast.stages[:-1])]
    assert walk[-4:] == [(len(fast.stages) - 1, n * k // 4, n * (k + 1) // 4) for k in range(4)]
    with pytest.raises(ValueError, match="stages 0"):
        fast.stage(z, len(fast.stages))
    keras_gen = Generator(cfg, weights, backend="keras", max_batch=2)
    np.testing.assert_allclose(keras_gen(z, None, 100, 300), whole[:, 100:300], atol=TOL)
    assert keras_gen.steps(n // 4) == [(0, 0, n)]       # a keras window costs a whole render
    np.testing.assert_allclose(keras_gen.stage(z[:2], 0, None, 100, 300), whole[:2, 100:300],
                               atol=TOL)
    with pytest.raises(ValueError, match="at most"):
        keras_gen.stage(z, 0)
    with pytest.raises(ValueError, match="one stage"):
        keras_gen.stage(z[:2], 1)
    with pytest.raises(ValueError, match="window"):
        fast(z, 10, n + 1)
    with pytest.raises(ValueError, match="window"):
        fast(z, 500, 500)


def test_few_rows_run_the_leading_layers_as_direct_gemms_and_compute_the_same_phrase():
    """A call with few rows (one pad, a draft) reads the wide leading layers' direct kernels,
    a many-pad render their Winograd ones: the same function either way."""
    cfg, model, weights = _model(slice_len=16384, dim=16)    # two leading layers at d=16
    z = _z(16, cfg)
    ref = model(z, training=False).numpy()
    fast = FastGenerator(cfg, weights)   # F(4, 7): ≤ 48 rows, F(6, 7): ≤ 72
    lead = len(fast.stages) - 1               # the leading layers, each a stage of its own
    assert lead >= 2 and fast.methods[:lead] == ("winograd",) * lead

    def methods(batch, start, stop):
        return tuple(layer.method for layer, _ in fast.route(batch, start, stop))

    assert fast.tiles[:2] == (4, 6)
    assert methods(1, 0, cfg.slice_len)[:2] == ("gemm-t", "gemm-t")     # 16 rows, 64 rows
    assert methods(3, 0, cfg.slice_len)[:2] == ("gemm-t", "winograd")   # 48, 192
    assert methods(16, 0, 512)[:2] == ("gemm-t", "gemm-t")     # a draft: 2 and 3 positions a pad
    assert methods(4, 0, cfg.slice_len) == fast.methods    # 64, 256
    assert methods(16, 0, cfg.slice_len) == fast.methods   # a 16-pad render: 256, 1024
    assert methods(1, 0, cfg.slice_len)[lead:] == fast.methods[lead:]
    whole = fast(z)
    for batch, start, stop in ((1, 0, cfg.slice_len), (3, 0, cfg.slice_len), (16, 0, 512)):
        out = fast(z[:batch], start, stop)
        np.testing.assert_allclose(out, ref[:batch, start:stop], rtol=0, atol=TOL)
        np.testing.assert_allclose(out, whole[:batch, start:stop], rtol=0, atol=TOL)
    never = FastGenerator(cfg, weights, direct_per_output=0)
    assert all(layer.method != "gemm-t" for layer, _ in never.route(1, 0, 512))


def test_stages_split_off_each_leading_layer_whose_weights_outweigh_its_output():
    mb = 1 << 20   # d=64 / 65536, fp32 Winograd, 16 pads: weights against outputs
    weights = [335 * mb, 84 * mb, 21 * mb, 5 * mb, mb, 2048]
    outputs = [4 * mb, 8 * mb, 16 * mb, 32 * mb, 64 * mb, 4 * mb]
    assert stage_bounds(weights, outputs) == (0, 1, 2, 3, 6)
    assert stage_bounds([1, 1], [2, 2]) == (0, 2)        # nothing wide: one stage, in windows
    assert stage_bounds([3, 3], [2, 2]) == (0, 1, 2)     # all wide: a stage per layer
    assert stage_bounds([3, 1, 3], [2, 2, 2]) == (0, 1, 3)


def test_bf16_within_tolerance():
    cfg, model, weights = _model(slice_len=32768, use_batchnorm=True)
    z = _z(3, cfg)
    ref = model(z, training=False).numpy()
    out = FastGenerator(cfg, weights, precision="bf16")(z)
    err = np.abs(out - ref).max()
    assert err <= BF16_TOL
    assert err > 0  # it really ran in bf16


def test_bf16_keeps_50_db_on_the_bundled_trained_model():
    """bf16 serving rounds only the first layer: on a trained model (not random weights)
    the output stays >= 50 dB above its difference from fp32 (all-bf16 gave 42.8 dB)."""
    from tests.benchmarks.bench_generate import trained_bf16_ser

    cfg, _, weights = _model(slice_len=16384)
    bf16 = FastGenerator(cfg, weights, precision="bf16")
    assert bf16.layer_precisions[0] == "bf16" and set(bf16.layer_precisions[1:]) == {"fp32"}
    assert bf16.methods[0] == "gemm"       # not Winograd: its transforms magnify bf16's rounding
    assert 50.0 <= trained_bf16_ser() < 90.0          # < 90: it really rounded


def test_from_checkpoint_fast_equals_keras(tiny_checkpoint):
    z = _z(5, ModelConfig(dim=4))
    keras_gen = Generator.from_checkpoint(tiny_checkpoint, backend="keras")
    for backend in ("fast", "auto"):
        gen = Generator.from_checkpoint(tiny_checkpoint, backend=backend, max_batch=2)
        assert gen.backend == "fast"
        np.testing.assert_allclose(gen(z), keras_gen(z), rtol=0, atol=TOL)
    seeds = [3, 11]
    np.testing.assert_allclose(gen.from_seeds(seeds), keras_gen.from_seeds(seeds), atol=TOL)


def test_polyphase_kernel_matches_naive_transposed_conv():
    """Stride 4 and 2 (odd and even k): the phases interleave back to the naive scatter-add."""
    rng = np.random.default_rng(2)
    for stride, k in ((4, 25), (2, 25), (4, 24)):
        kernel = rng.normal(size=(k, 3, 5))  # Conv1DTranspose layout (k, Cout, Cin)
        x = rng.normal(size=(9, 5))
        pad = (k - stride) // 2
        full = np.zeros((9 * stride + k, 3))
        for i in range(9):
            full[i * stride:i * stride + k] += kernel @ x[i]
        naive = full[pad:pad + 9 * stride]
        u, left = polyphase_kernel(kernel, stride, "zeros")
        xpad = np.pad(x, ((left, u.shape[0] - 1 - left), (0, 0)))
        poly = np.stack([np.einsum("tc,tcpo->po", xpad[n:n + u.shape[0]], u) for n in range(9)])
        np.testing.assert_allclose(poly.reshape(-1, 3), naive, atol=1e-12)


@pytest.mark.parametrize("tile,taps", [(2, t) for t in range(2, 12)]
                         + [(4, t) for t in range(2, 10)] + [(6, t) for t in range(2, 8)])
def test_winograd_matrices_are_exact(tile, taps):
    at, g, bt = winograd_matrices(tile, taps)
    rng = np.random.default_rng(taps)
    d, w = rng.normal(size=tile + taps - 1), rng.normal(size=taps)
    direct = np.array([d[i:i + taps] @ w for i in range(tile)])
    np.testing.assert_allclose(at @ ((g @ w) * (bt @ d)), direct, atol=1e-10)


def test_bad_arguments():
    cfg, _, weights = _model(slice_len=16384)
    with pytest.raises(ValueError, match="precision"):
        FastGenerator(cfg, weights, precision="fp16")
    with pytest.raises(ValueError, match="methods"):
        FastGenerator(cfg, weights, methods=("gemm",))
    with pytest.raises(ValueError, match="F\\(6,8\\)"):
        winograd_matrices(6, 8)
