"""Small Keras layers the WaveGAN generator and discriminator are made of.

Tensors are channels-last audio: ``[batch, time, channels]``.

``WinogradConv1D`` / ``WinogradConv1DTranspose`` compute the stride-4, 25-tap convolutions as
polyphase Winograd ``F(4, 7)`` correlations (``wavegan.winograd``) in plain TF ops on the Keras
kernel, so autodiff gives the input and weight gradients, and the gradient penalty's double
backward, in the same reduced form (2.5x fewer multiplies); they keep Keras's variable names and
shapes, so checkpoints do not depend on which implementation trained them.
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf
from keras import layers

from wavegan.winograd import (
    default_tile,
    strided_selection,
    supported,
    upsample_selection,
    winograd_matrices,
)

MIN_GEMM_WIDTH = 64  # narrower correlations (the mono input/output layers) stay direct
MBSTD_EPSILON = 1e-8


@keras.saving.register_keras_serializable(package="wavegan")
class MinibatchStddev(layers.Layer):
    """How much the examples of a batch differ: ProGAN's minibatch standard deviation.

    Input ``[B, T, C]`` features → output ``[B, 1]``: the batch is split into groups of
    ``group`` examples (member ``i`` of group ``j`` is example ``i·B/group + j``; the whole
    batch when ``B`` is not a multiple of ``group``), and every example gets its group's
    standard deviation across members, averaged over time and channels. A critic that sees it
    can tell a batch of near-identical fakes from real variety (Karras et al., ICLR 2018, §3).
    Computed in float32 under mixed precision.
    """

    def __init__(self, group: int, **kwargs):
        super().__init__(**kwargs)
        self.group = int(group)

    def call(self, x):
        n = tf.shape(x)[0]
        g = tf.minimum(self.group, n)
        g = tf.where(n % g == 0, g, n)
        y = tf.reshape(tf.cast(x, tf.float32), tf.concat([[g, -1], tf.shape(x)[1:]], 0))
        var = tf.reduce_mean(tf.square(y - tf.reduce_mean(y, axis=0)), axis=0)
        spread = tf.reduce_mean(tf.sqrt(var + MBSTD_EPSILON), axis=[1, 2])   # [B / g]
        return tf.cast(tf.tile(spread, [g])[:, None], x.dtype)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], 1)

    def get_config(self):
        return {**super().get_config(), "group": self.group}


@keras.saving.register_keras_serializable(package="wavegan")
class PhaseShuffle(layers.Layer):
    """Shift each example in time by a random integer in [-rad, rad], reflect-padding the edges.

    Input ``[B, T, C]`` → output ``[B, T, C]``. Identity at inference (``training=False``) and
    when ``rad == 0``. From Donahue et al. (2019), §3.3: it stops the critic from keying on the
    generator's periodic up-sampling artefacts.
    """

    def __init__(self, rad: int, **kwargs):
        super().__init__(**kwargs)
        self.rad = int(rad)

    def call(self, x, training=None):
        if not training or self.rad == 0:
            return x
        rad = self.rad
        shifts = tf.random.uniform([tf.shape(x)[0]], -rad, rad + 1, dtype=tf.int32)
        padded = tf.pad(x, [[0, 0], [rad, rad], [0, 0]], mode="REFLECT")
        length = tf.shape(x)[1]
        # Gather a window of `length` frames starting at rad - shift for every example.
        starts = rad - shifts
        idx = starts[:, None] + tf.range(length)[None, :]
        return tf.gather(padded, idx, batch_dims=1)

    def get_config(self):
        return {**super().get_config(), "rad": self.rad}


def correlate(x, wg, at, bt, *, inference: bool = False, epilogue=None):
    """Stride-1 correlation ``y[b, n] = sum_t x[b, n + t] @ w[t]`` with Winograd ``F(m, T)``.

    ``x``: ``[B, m * (nt + ceil((a - m) / m)), Ci]`` (``nt`` tiles, zero-padded by the caller);
    ``wg``: the transformed kernel ``G @ w``, ``[a, Ci, Co]``; ``at`` ``[m, a]``, ``bt`` ``[a, a]``.
    ``epilogue``: an elementwise function of ``[rows, Co]`` (bias, activation) applied before
    the tiles' outputs are interleaved, so the interleaving transpose is the last pass over
    the output. Returns ``[B, nt * m, Co]``.
    """
    m, a = at.shape
    ci, co = wg.shape[1], wg.shape[2]
    batch = tf.shape(x)[0]
    v = _input_transform(tf.reshape(x, [batch, -1, m, ci]), bt, inference)  # [a, B*nt, Ci]
    prod = tf.matmul(v, wg)  # [a, B*nt, Co]
    y = tf.matmul(at, tf.reshape(prod, [a, -1]))  # [m, B*nt*Co]
    if epilogue is not None:
        y = epilogue(tf.reshape(y, [-1, co]))
    y = tf.transpose(tf.reshape(y, [m, batch, -1, co]), [1, 2, 0, 3])
    return tf.reshape(y, [batch, -1, co])


def _input_transform(tiles, bt, inference: bool):
    """``BT @ d`` for every tile: ``tiles [B, nt + blocks - 1, m, Ci]`` → ``[a, B*nt, Ci]``.

    Tile ``n`` reads frames ``m n … m n + a - 1``. For inference they are gathered as ``a``
    strided slices (the fastest forward). For training, as ``ceil(a / m)`` whole slices of the
    phase-major input: the backward pass then writes ``ceil(a / m)`` input-sized tensors
    instead of ``a``, with ``tf.slice`` (its gradient is a multi-threaded Pad; the
    StridedSliceGrad of ``x[...]`` took 4 of a critic update's 6.5 s).
    """
    a, ci = bt.shape[0], tiles.shape[-1]
    m = tiles.shape[2]
    blocks = -(-a // m)
    nt = tf.shape(tiles)[1] - (blocks - 1)
    if inference:
        d = tf.stack([tiles[:, j // m:j // m + nt, j % m] for j in range(a)])  # [a, B, nt, Ci]
        return tf.reshape(tf.matmul(bt, tf.reshape(d, [a, -1])), [a, -1, ci])
    phases = tf.transpose(tiles, [2, 0, 1, 3])  # [m, B, nt + blocks - 1, Ci]
    d = tf.concat([tf.slice(phases, [0, 0, i, 0], [-1, -1, nt, -1]) for i in range(blocks)],
                  axis=0)  # [blocks * m, B, nt, Ci]
    bt_blocks = tf.pad(bt, [[0, 0], [0, blocks * m - a]])  # [a, blocks * m]
    return tf.reshape(tf.matmul(bt_blocks, tf.reshape(d, [blocks * m, -1])), [a, -1, ci])


def correlate_padded(x, wg, at, bt, left: int):
    """``x [B, N, Ci]`` zero-padded by ``left`` frames before → ``[B, N, Co]``."""
    m, a = at.shape
    n = tf.shape(x)[1]
    nt = (n + m - 1) // m
    right = m * (nt + (a - 1) // m) - n - left
    y = correlate(tf.pad(x, [[0, 0], [left, right], [0, 0]]), wg, at, bt)
    return tf.slice(y, [0, 0, 0], [-1, n, -1])


class _Transforms:
    """The constant ``(G S) [a, stride, k]``, ``AT``, ``BT`` of one layer (float64 numpy; made
    TF constants in the dtype and graph of each call, so traces never share tensors)."""

    def __init__(self, selection: np.ndarray):
        taps = selection.shape[0]
        at, g, bt = winograd_matrices(default_tile(taps), taps)
        self.arrays = (np.einsum("at,tpq->apq", g, selection), at, bt)

    def get(self, dtype):
        return tuple(tf.constant(v, dtype) for v in self.arrays)


class _PolyphaseWinograd:
    """What both Winograd layers share: the set-up in ``build`` and the transformed-kernel
    correlation in ``call`` (``kernel``, ``bias``, ``use_bias``, ``activation`` are Keras's)."""

    def _prepare(self, selection: np.ndarray, left: int, wide: bool) -> None:
        self._left = left
        self._wide = wide and self.padding == "same" and supported(selection.shape[0])
        self._transforms = _Transforms(selection) if self._wide else None

    def _correlate(self, x, equation: str, in_width: int):
        """``x [B, N, in_width]`` with the kernel rearranged by ``equation`` → ``[B, N, *]``."""
        gs, at, bt = self._transforms.get(x.dtype)
        wg = tf.einsum(equation, gs, tf.cast(self.kernel, x.dtype))
        wg = tf.reshape(wg, [gs.shape[0], in_width, -1])  # [a, Ci, Co]
        return correlate_padded(x, wg, at, bt, self._left)

    def _finish(self, y):
        """Bias and activation, as Keras's conv layers apply them."""
        if self.use_bias:
            y = tf.nn.bias_add(y, tf.cast(self.bias, y.dtype))
        return self.activation(y) if self.activation is not None else y


@keras.saving.register_keras_serializable(package="wavegan")
class WinogradConv1D(_PolyphaseWinograd, layers.Conv1D):
    """``Conv1D(filters, k, strides=s, padding="same")`` computed as a polyphase F(m, T).

    Input ``[B, L, Cin]`` (``L`` divisible by ``s``) → ``[B, L / s, filters]``; the same
    variables as ``Conv1D``. Falls back to ``Conv1D`` where the polyphase correlation would be
    narrower than :data:`MIN_GEMM_WIDTH` input channels.
    """

    def build(self, input_shape):
        super().build(input_shape)
        s = self.strides[0]
        self._prepare(*strided_selection(self.kernel_size[0], s),
                      wide=s * input_shape[-1] >= MIN_GEMM_WIDTH and self.dilation_rate == (1,))

    def call(self, inputs):
        if not self._wide:
            return super().call(inputs)
        s, cin = self.strides[0], self.kernel.shape[1]
        batch, length = tf.shape(inputs)[0], tf.shape(inputs)[1]
        phases = tf.reshape(inputs, [batch, length // s, s * cin])  # phase p → channels p*Cin…
        return self._finish(self._correlate(phases, "apq,qco->apco", s * cin))


@keras.saving.register_keras_serializable(package="wavegan")
class WinogradConv1DTranspose(_PolyphaseWinograd, layers.Conv1DTranspose):
    """``Conv1DTranspose(filters, k, strides=s, padding="same")`` as a polyphase F(m, T).

    Input ``[B, L, Cin]`` → ``[B, s * L, filters]``; the same variables as
    ``Conv1DTranspose``. Falls back to it where ``s * filters`` < :data:`MIN_GEMM_WIDTH`.
    """

    def build(self, input_shape):
        super().build(input_shape)
        s = self.strides[0]
        self._prepare(*upsample_selection(self.kernel_size[0], s, "zeros"),
                      wide=s * self.filters >= MIN_GEMM_WIDTH and self.output_padding is None)

    def call(self, inputs):
        if not self._wide:
            return super().call(inputs)
        s = self.strides[0]
        # kernel [k, Cout, Cin] → [a, Cin, s*Cout]: column p*Cout + o is output phase p
        y = self._correlate(inputs, "apq,qoc->acpo", self.kernel.shape[2])  # [B, L, s*Cout]
        batch, length = tf.shape(inputs)[0], tf.shape(inputs)[1]
        return self._finish(tf.reshape(y, [batch, length * s, self.filters]))
