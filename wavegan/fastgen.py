"""Fast inference for the WaveGAN generator: polyphase (sub-pixel) convolutions as dense GEMMs.

A stride-``s`` transposed convolution with a ``k``-tap kernel (``zeros`` mode), and equally
nearest-neighbour up-sampling followed by a ``k``-tap convolution (``nn`` mode), both compute

    y[s*n + p, o] = sum_t xpad[n + t, c] * U[t, c, p, o]        (t < T ≈ ceil(k/s) + 1)

i.e. an ordinary stride-1 convolution of the *un-upsampled* input with ``s * Cout`` output
channels whose columns are the ``s`` output phases, followed by a free reshape that interleaves
the phases. :func:`polyphase_kernel` pre-arranges the Keras kernels into ``U`` once, folding
batch normalisation (inference mode) into weights and biases.

Each such convolution is then computed either directly (one GEMM per tap, via oneDNN) or with a
Winograd/Toom-Cook ``F(m, T)`` algorithm: ``m + T - 1`` GEMMs per ``m`` output positions
instead of ``m T``: with 7 taps ``F(4, 7)`` does 10 instead of 28 for the first layer and
``F(6, 7)`` 12 instead of 42 for the others (``F(2, T)`` where the taps need more points). The
interpolation points 0, ±1, ±2, ±1/2, ±3/2 (±2/3 for ``F(6, 7)``), ∞ keep the fp32 error within
a few times the direct sum's (5.5e-5 against Keras at a full-scale d=64 / 65536 output). The
dense projection, bias, ReLU and tanh are plain TF ops; the whole network is one
``tf.function`` (no XLA: on CPU it is far slower).

Winograd saves products, not bytes: its transformed kernel is ``(m + T - 1) / T`` the direct
one's. The wide leading layers stream their whole kernel on every call, so when a call has few
rows (one pad's phrase: 16 positions; a 16-pad draft: 32), the read is the cost and the direct
GEMM is faster. Those layers keep both kernels and each call takes the one for its row count.
The direct one is stored transposed and computed as ``(W^T x^T)^T``: oneDNN then streams the
weights as the product's long operand instead of packing them first
(docs/performance.md#few-rows-one-direct-gemm).

``precision="bf16"`` runs the first (widest) convolution as one bfloat16 GEMM: it holds most
of the weights (235 of 330 MB at d=64) and streams them once per call, so half the bytes is
where bf16 pays, and rounding there costs little (signal-to-error 55 dB against fp32 on the
bundled trained model). The other layers stay fp32: each layer run in bf16 adds its rounding
(all layers direct in bf16: 42.8 dB; in bf16 Winograd, whose transforms magnify it: 15 dB).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import tensorflow as tf

from wavegan.checkpoint import check_arrays, generator_shapes
from wavegan.conditioning import input_gain
from wavegan.config import BASE_LEN, ModelConfig
from wavegan.layers import correlate
from wavegan.windows import LayerWindow, stage_bounds, window_plan
from wavegan.winograd import default_tile, fits, supported, upsample_selection, winograd_matrices

BN_EPSILON = 1e-3  # keras.layers.BatchNormalization default
PRECISIONS = ("fp32", "bf16")
STAGE_BATCH = 16  # the pads a refinement renders at once (stage_bounds weighs their outputs)
# A leading F(m, T) layer runs as one direct product when a call gives it at most this many
# rows (phrases × output positions) per Winograd output m: F(4, 7) 48, F(6, 7) 72. Few rows
# make the weight read the cost, and Winograd's kernel is (m + T - 1) / T the direct one's
# bytes (docs/performance.md#few-rows-one-direct-gemm).
DIRECT_PER_OUTPUT = 12


@dataclass(frozen=True)
class PolyConv:
    """One layer as a stride-1 convolution producing ``stride`` interleaved output phases.

    ``weights``: float32 ``[taps, Cin, stride * Cout]`` (column = phase * Cout + o);
    ``bias``: float32 ``[stride * Cout]``; the input is zero-padded by ``left`` samples before
    and ``taps - 1 - left`` after, so an input ``[B, L, Cin]`` gives ``[B, L * stride, Cout]``.
    """

    stride: int
    taps: int
    left: int
    weights: np.ndarray
    bias: np.ndarray
    relu: bool

    @property
    def out_channels(self) -> int:
        return self.weights.shape[2] // self.stride


@dataclass(frozen=True)
class FastPlan:
    """The whole generator pre-arranged: dense ``[latent, 16*C]`` + bias, convs, tanh."""

    dense_kernel: np.ndarray
    dense_bias: np.ndarray
    dense_channels: int
    convs: tuple[PolyConv, ...]


def polyphase_kernel(kernel: np.ndarray, stride: int, mode: str) -> tuple[np.ndarray, int]:
    """Keras kernel → ``(U [T, Cin, stride, Cout] float64, left padding)``.

    ``mode="zeros"``: a Conv1DTranspose kernel ``(k, Cout, Cin)`` with ``padding="same"``
    (TF pads the equivalent forward convolution by ``(k - s) // 2`` before).
    ``mode="nn"``: a Conv1D kernel ``(k, Cin, Cout)`` applied after ``UpSampling1D(stride)``
    with ``padding="same"`` (``(k - 1) // 2`` before); ``stride=1`` is a plain Conv1D.
    """
    kernel = np.asarray(kernel, dtype=np.float64)
    if mode == "zeros":
        kernel = kernel.transpose(0, 2, 1)
    selection, left = upsample_selection(kernel.shape[0], stride, mode)
    return np.einsum("tpq,qco->tcpo", selection, kernel), left


def _bn_affine(weights: dict[str, np.ndarray], name: str) -> tuple[np.ndarray, np.ndarray]:
    """Inference-mode batchnorm as ``x * scale + shift`` (float64)."""
    g, b, m, v = (np.asarray(weights[f"{name}/{k}"], np.float64)
                  for k in ("gamma", "beta", "moving_mean", "moving_variance"))
    scale = g / np.sqrt(v + BN_EPSILON)
    return scale, b - m * scale


def arrange(config: ModelConfig, weights: dict[str, np.ndarray],
            source: str = "generator weights") -> FastPlan:
    """Pre-arrange Keras weights (keyed by variable path) into a :class:`FastPlan`.

    Raises :class:`wavegan.checkpoint.CheckpointError` (naming ``source``) unless the weight
    names and shapes are exactly those ``config``'s Keras generator has."""
    check_arrays(generator_shapes(config), weights, source)
    plan = config.plan
    c = plan.dense_channels
    dk = np.asarray(weights["z_project/kernel"], np.float64)
    if config.styles:      # fold the generator's style_gain layer into the projection
        dk = dk * input_gain(config.latent_dim, len(config.styles))[:, None]
    dk = dk.reshape(config.input_dim, BASE_LEN, c)
    db = np.asarray(weights["z_project/bias"], np.float64).reshape(BASE_LEN, c)
    if config.use_batchnorm:
        scale, shift = _bn_affine(weights, "bn_z")
        dk, db = dk * scale, db * scale + shift
    last = len(plan.strides) - 1
    convs = []
    for i, stride in enumerate(plan.strides):
        u, left = polyphase_kernel(weights[f"upconv_{i}/kernel"], stride, config.upsample)
        bias = np.asarray(weights[f"upconv_{i}/bias"], np.float64)
        if config.use_batchnorm and i < last:
            scale, shift = _bn_affine(weights, f"bn_{i}")
            u, bias = u * scale, bias * scale + shift
        convs.append(_poly_conv(u, left, np.tile(bias, stride), relu=i < last))
    if config.post_proc_len:
        u, left = polyphase_kernel(weights["post_proc/kernel"], 1, "nn")
        convs.append(_poly_conv(u, left, np.zeros(config.channels), relu=False))
    return FastPlan(np.ascontiguousarray(dk.reshape(config.input_dim, -1), np.float32),
                    db.reshape(-1).astype(np.float32), c, tuple(convs))


def _poly_conv(u: np.ndarray, left: int, bias: np.ndarray, relu: bool) -> PolyConv:
    taps, cin, stride, cout = u.shape
    w = np.ascontiguousarray(u.reshape(taps, cin, stride * cout), np.float32)
    return PolyConv(stride, taps, left, w, bias.astype(np.float32), relu)


class FastGenerator:
    """``FastGenerator(config, weights, precision)(z [B, latent]) -> float32 [B, slice_len, ch]``.

    ``weights`` are keyed by the Keras variable paths of :func:`wavegan.models.build_generator`.
    ``methods`` optionally forces each conv's algorithm (``"winograd"``, ``"gemm"``, ``"gemm-t"``
    (the same product as ``W^T x^T``), ``"conv"``); by default Winograd where it applies, and
    bf16's first layer one GEMM.
    ``layer_precisions`` optionally forces each conv's precision (``"fp32"``, ``"bf16"``).
    ``tiles`` optionally forces each Winograd layer's outputs per tile (``m`` in F(m, T)).
    ``direct_per_output``: a call with at most this many rows per Winograd output ``m`` in a
    leading fp32 ``F(m, T)`` layer runs that layer as one direct GEMM (one pad's phrase,
    drafts); 0 never. Each such layer then holds both kernels (at d=64: 235 MB more for the
    first layer, 59 MB for the second).
    ``source`` names the weights in the error raised when they do not fit ``config``.
    """

    def __init__(self, config: ModelConfig, weights: dict[str, np.ndarray], *,
                 precision: str = "fp32", methods: tuple[str, ...] | None = None,
                 tiles: tuple[int, ...] | None = None,
                 layer_precisions: tuple[str, ...] | None = None,
                 direct_per_output: int = DIRECT_PER_OUTPUT, source: str = "generator weights"):
        if precision not in PRECISIONS:
            raise ValueError(f"precision {precision!r}: choose one of {PRECISIONS}")
        self.config = config
        self.precision = precision
        # not kept: the TF constants below are the only copy
        plan = arrange(config, weights, source)
        convs = plan.convs
        self.methods = tuple(methods) if methods else tuple(
            self._default_method(i, c) for i, c in enumerate(convs))
        if len(self.methods) != len(convs):
            raise ValueError(f"methods: need {len(convs)} entries, got {len(self.methods)}")
        self.tiles = tuple(tiles) if tiles else tuple(
            self._default_tile(i, c) for i, c in enumerate(convs))
        self.layer_precisions = tuple(layer_precisions) if layer_precisions else (
            (precision,) + ("fp32",) * (len(convs) - 1))
        self._dense_channels = plan.dense_channels
        self._dense = (tf.constant(plan.dense_kernel), tf.constant(plan.dense_bias))
        self._layers = [_TFConv.build(c, m, tf.bfloat16 if p == "bf16" else tf.float32, t)
                        for c, m, t, p in zip(convs, self.methods, self.tiles,
                                              self.layer_precisions)]
        self._convs = convs
        self._bounds = stage_bounds(
            [layer.kernel.shape.num_elements() * layer.kernel.dtype.size for layer in self._layers],
            [STAGE_BATCH * 4 * n * c.out_channels for n, c in zip(self.lengths, convs)])
        # the leading layers a stage of their own stream all their weights on every call; each
        # Winograd one also keeps its direct GEMM, for calls with few rows
        self.direct_per_output = direct_per_output
        self._direct = {i: _TFConv.build(convs[i], "gemm-t", tf.float32)
                        for i in range(self._bounds[-2])
                        if direct_per_output > 0 and self.methods[i] == "winograd"
                        and self.layer_precisions[i] == "fp32"}
        self._fns: dict[tuple, object] = {}   # one traced function per window and route

    def _default_method(self, index: int, conv: PolyConv) -> str:
        """Measured on a 2-core Zen 4: Winograd for all wide layers (F(4, 7): 2.8x fewer
        products), oneDNN's direct conv for the narrow last one; bf16's first layer one GEMM
        (Winograd's transforms would magnify bf16's rounding)."""
        wide = conv.weights.shape[2] >= 64
        if self.precision == "bf16" and index == 0 and wide:
            return "gemm"
        return "winograd" if wide and supported(conv.taps) else "conv"

    @staticmethod
    def _default_tile(index: int, conv: PolyConv) -> int:
        """F(6, 7) for the wide layers after the first: 2 products per output instead of
        F(4, 7)'s 2.5, 8-13 ms less per layer for 16 whole d=64 phrases on a 2-core Zen 4, and
        within the 1e-4 equality to Keras. The first layer keeps F(4, 7): its transformed
        kernel, 12/10 larger with F(6, 7), is streamed whole on every call, and it computes
        only 16 frames a phrase (one pad and drafts are slower with F(6, 7))."""
        return 6 if index > 0 and fits(6, conv.taps) else default_tile(conv.taps)

    @property
    def lengths(self) -> tuple[int, ...]:
        """Frames each layer outputs; the last layer's are the phrase's samples."""
        return tuple(int(n) for n in np.cumprod([BASE_LEN] + [c.stride for c in self._convs]))[1:]

    def dense(self, lo: int = 0, hi: int = BASE_LEN):
        """The projection's frames ``[lo, hi)`` as a function ``[B, input_dim]`` →
        ``[B, hi - lo, channels]`` (ReLU applied), from only those frames' weights."""
        kernel, bias = self._dense
        c = self._dense_channels
        if (lo, hi) != (0, BASE_LEN):       # a copy of the columns, made once per window
            kernel, bias = kernel[:, lo * c:hi * c], bias[lo * c:hi * c]

        def project(x):
            return tf.reshape(tf.nn.relu(tf.matmul(x, kernel) + bias), [-1, hi - lo, c])
        return project

    def route(self, batch: int, start: int, stop: int, skip: int = 0,
              depth: int | None = None) -> tuple[tuple[_TFConv, LayerWindow], ...]:
        """The layers ``skip … depth - 1`` (default to the last) that compute ``batch``
        phrases' output frames ``[start, stop)`` of layer ``depth - 1``, each with the window
        of its input it reads: a leading layer with a direct GEMM runs it when the call has
        at most ``direct_per_output`` × ``m`` rows (``batch`` × the window's output
        positions; ``m`` its Winograd tile's outputs)."""
        depth = len(self._convs) if depth is None else depth
        base = BASE_LEN if not skip else self.lengths[skip - 1]
        windows = window_plan(self._convs[skip:depth], base, start, stop)
        return tuple(
            (self._direct[i] if i in self._direct and batch * w.count
             <= self.direct_per_output * self.tiles[i] else self._layers[i], w)
            for i, w in zip(range(skip, depth), windows))

    def _function(self, batch: int, skip: int, depth: int, start: int, stop: int):
        """The traced ``input of layer skip → output frames [start, stop) of layer depth - 1``
        (the latents' input when ``skip`` is 0), tanh after the last layer, along
        :meth:`route` for ``batch`` phrases (any batch taking the same route shares it)."""
        route = self.route(batch, start, stop, skip, depth)
        key = (skip, depth, start, stop, tuple(layer.method for layer, _ in route))
        if key not in self._fns:
            last = depth == len(self._convs)
            lo, hi = route[0][1].lo, route[0][1].hi
            dense = self.dense(lo, hi)

            def forward(x):
                x = dense(x) if not skip else x[:, lo:hi]
                for layer, w in route:      # each output is the next's input
                    x = layer(x, w)
                x = tf.cast(x, tf.float32)
                return tf.tanh(x) if last else x

            base = BASE_LEN if not skip else self.lengths[skip - 1]
            shape = ([None, self.config.input_dim] if not skip
                     else [None, base, self._convs[skip - 1].out_channels])
            self._fns[key] = tf.function(forward, input_signature=[
                tf.TensorSpec(shape, tf.float32)])
        return self._fns[key]

    def __call__(self, z: np.ndarray, start: int = 0, stop: int | None = None) -> np.ndarray:
        """``z`` float32 ``[B, input_dim]`` (latent, then style weights) → float32
        ``[B, stop - start, channels]``: samples ``[start, stop)`` of each phrase (default
        all ``slice_len``), computed from only the part of the network they depend on."""
        stop = self.config.slice_len if stop is None else int(stop)
        z = np.asarray(z, np.float32)
        return self._function(len(z), 0, len(self._convs), int(start), stop)(z).numpy()

    @property
    def stages(self) -> tuple[int, ...]:
        """Frames each stage of :meth:`stage` outputs (:func:`stage_bounds` groups the
        layers); the last stage's are the phrase's samples."""
        return tuple(self.lengths[b - 1] for b in self._bounds[1:])

    def steps(self, segment: int) -> list[tuple[int, int, int]]:
        """A walk through the stages in short calls, as ``(stage, start, stop)``: every stage
        whole but the last, which is cut into windows of at most ``segment`` samples (a
        window costs its share of the stage and a few frames of context)."""
        *early, last = self.stages
        pieces = max(1, -(-last // segment))
        return [(i, 0, n) for i, n in enumerate(early)] + [
            (len(early), last * k // pieces, last * (k + 1) // pieces) for k in range(pieces)]

    def stage(self, x, index: int, start: int = 0, stop: int | None = None):
        """Output frames ``[start, stop)`` (default all) of stage ``index`` from its whole
        input: the network's input ``[B, input_dim]`` for stage 0, else stage ``index - 1``'s
        whole output. The last stage's output is the phrase (tanh applied), a NumPy array;
        earlier stages' outputs stay TensorFlow tensors, to be passed back as they are. Walking
        the stages computes the phrase ``self(z)`` does, the same sums, in short calls (a
        draft's refinement)."""
        count = len(self._bounds) - 1
        if not 0 <= index < count:
            raise ValueError(f"stage {index}: the generator has stages 0 … {count - 1}")
        stop = self.stages[index] if stop is None else int(stop)
        x = x if isinstance(x, tf.Tensor) else np.asarray(x, np.float32)
        out = self._function(int(x.shape[0]), self._bounds[index], self._bounds[index + 1],
                             int(start), stop)(x)
        return out.numpy() if index == count - 1 else out


@dataclass
class _TFConv:
    """One :class:`PolyConv` as TF ops: ``[B, L, Cin]`` → ``[B, L * stride, Cout]``."""

    stride: int
    taps: int
    left: int
    relu: bool
    out_channels: int
    method: str
    dtype: object
    kernel: object  # tf constant; layout depends on method
    bias: object
    transforms: tuple = ()

    @classmethod
    def build(cls, conv: PolyConv, method: str, dtype, tile: int = 2) -> _TFConv:
        w = conv.weights
        transforms: tuple = ()
        if method == "winograd":
            at, g, bt = winograd_matrices(tile, conv.taps)
            w = np.einsum("at,tco->aco", g, w.astype(np.float64))
            transforms = (tf.constant(at, dtype), tf.constant(bt, dtype))
        elif method == "gemm":
            w = w.reshape(-1, w.shape[2])
        elif method == "gemm-t":      # [stride * Cout, taps * Cin]: the weights as the long side
            w = w.reshape(-1, w.shape[2]).T
        elif method != "conv":
            raise ValueError(f"unknown conv method {method!r}")
        return cls(conv.stride, conv.taps, conv.left, conv.relu, conv.out_channels, method, dtype,
                   tf.constant(np.ascontiguousarray(w), dtype), tf.constant(conv.bias, dtype),
                   transforms)

    def __call__(self, x, w: LayerWindow):
        """Input frames ``[w.lo, w.hi)`` ``[B, hi - lo, Cin]`` → the window's samples
        ``[B, w.keep, Cout]``."""
        count = w.count
        before, after = w.pad
        if self.method == "winograd":  # whole tiles of m outputs, each reads m + T - 1 frames
            m = self.transforms[0].shape[0]
            tiles = -(-count // m)
            after += m * (tiles + (m + self.taps - 2) // m) - (count + self.taps - 1)
        x = tf.pad(tf.cast(x, self.dtype), [[0, 0], [before, after], [0, 0]])
        if self.method == "winograd":
            at, bt = self.transforms  # rows (b, n) of [B * L, stride * Cout]
            y = correlate(x, self.kernel, at, bt, inference=True,
                          epilogue=self._epilogue)[:, :count]
        else:
            if self.method in ("gemm", "gemm-t"):
                cols = tf.concat([x[:, t:t + count] for t in range(self.taps)], axis=-1)
                cols = tf.reshape(cols, [-1, self.taps * x.shape[-1]])
                y = (tf.matmul(cols, self.kernel) if self.method == "gemm" else
                     tf.transpose(tf.matmul(self.kernel, cols, transpose_b=True)))
            else:
                y = tf.nn.conv1d(x, self.kernel, 1, "VALID")
            y = self._epilogue(tf.reshape(y, [-1, self.stride * self.out_channels]))
        y = tf.reshape(y, [-1, count * self.stride, self.out_channels])
        return y[:, w.crop:w.crop + w.keep]

    def _epilogue(self, y):
        """Bias and ReLU of ``[rows, stride * Cout]`` (elementwise per column)."""
        y = tf.nn.bias_add(y, self.bias)
        return tf.nn.relu(y) if self.relu else y
