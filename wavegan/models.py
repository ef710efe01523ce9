"""Generator and discriminator builders (chrisdonahue/wavegan v2, generalised).

Both are functional ``keras.Model`` s with stable layer names, so checkpoints map weights by
name and the fast inference path (``wavegan.fastgen``) can read them directly.

Generator:      z ``[B, latent_dim + S]`` → audio ``[B, slice_len, channels]`` in (-1, 1)
                (S = ``len(cfg.styles)``, 0 for an unconditional model).
Discriminator:  audio ``[B, slice_len, channels]`` (and style ``[B, S]`` when S > 0) → logit
                ``[B, 1]`` (the waveform branch's,
                plus the spectral branch's when ``spec_critic > 0``: ``wavegan.spectral``,
                and the rhythm branch's when ``rhythm_critic > 0``: ``wavegan.rhythm``).
"""

from __future__ import annotations

import keras
from keras import layers

from wavegan.conditioning import input_gain, style_head, style_input, style_projection
from wavegan.config import BASE_LEN, ModelConfig
from wavegan.layers import (
    MinibatchStddev,
    PhaseShuffle,
    WinogradConv1D,
    WinogradConv1DTranspose,
)
from wavegan.rhythm import rhythm_branch
from wavegan.spectral import spectral_branch

# How the stride-4 convolutions are computed; the variables (and checkpoints) are the same.
CONV_IMPLS = {
    "direct": (layers.Conv1D, layers.Conv1DTranspose),  # oneDNN's convolutions
    "winograd": (WinogradConv1D, WinogradConv1DTranspose),  # polyphase F(4, 7): 2.5x fewer FLOPs
}


def _batchnorm(cfg: ModelConfig, name: str):
    return layers.BatchNormalization(name=name) if cfg.use_batchnorm else None


def _apply(x, *fns):
    for fn in fns:
        if fn is not None:
            x = fn(x)
    return x


def build_generator(cfg: ModelConfig, convs: str = "direct") -> keras.Model:
    """Dense projection to ``[16, dense_channels]`` then one up-sampling conv per stride.

    Layer names: (``style_gain`` with ``cfg.styles``), ``z_project``, ``upconv_0`` …
    ``upconv_{n-1}`` (``zeros``: a Conv1DTranspose; ``nn``: ``upsample_i`` + Conv1D
    ``upconv_i``), optional ``bn_*`` and ``post_proc``.
    ``convs`` picks the convolution implementation from :data:`CONV_IMPLS`.
    """
    _, conv_transpose = conv_impl(convs)
    plan = cfg.plan
    z = keras.Input((cfg.input_dim,), name="z")
    x = z
    if cfg.styles:
        x = layers.Rescaling(input_gain(cfg.latent_dim, len(cfg.styles)), name="style_gain")(x)
    x = layers.Dense(BASE_LEN * plan.dense_channels, name="z_project")(x)
    x = layers.Reshape((BASE_LEN, plan.dense_channels), name="z_reshape")(x)
    x = _apply(x, _batchnorm(cfg, "bn_z"), layers.ReLU(name="relu_z"))
    last = len(plan.strides) - 1
    for i, (stride, filters) in enumerate(zip(plan.strides, plan.g_channels)):
        if cfg.upsample == "zeros":
            x = conv_transpose(filters, cfg.kernel_len, strides=stride, padding="same",
                               name=f"upconv_{i}")(x)
        else:
            x = layers.UpSampling1D(stride, name=f"upsample_{i}")(x)
            x = layers.Conv1D(filters, cfg.kernel_len, padding="same", name=f"upconv_{i}")(x)
        if i < last:
            x = _apply(x, _batchnorm(cfg, f"bn_{i}"), layers.ReLU(name=f"relu_{i}"))
    if cfg.post_proc_len:
        x = layers.Conv1D(cfg.channels, cfg.post_proc_len, padding="same", use_bias=False,
                          name="post_proc")(x)
    audio = layers.Activation("tanh", name="tanh")(x)
    return keras.Model(z, audio, name="generator")


def build_discriminator(cfg: ModelConfig, convs: str = "direct") -> keras.Model:
    """Strided convs mirroring the generator, LeakyReLU 0.2, phase shuffle after layers 0–3.

    Layer names: ``downconv_0`` … ``downconv_{n-1}``, optional ``bn_*``, ``logit``; with
    ``cfg.mbstd`` a ``mbstd_logit`` head on the last features' :class:`MinibatchStddev` is added
    in ``mbstd_sum`` (its weights start at zero, so a critic trained without it is unchanged);
    with ``cfg.spec_critic`` the ``spec_*`` branch is added to ``logit`` in ``critic_sum``, and
    with ``cfg.rhythm_critic`` the ``rhythm_*`` branch (``wavegan.rhythm``) in ``rhythm_sum``;
    with ``cfg.styles`` a second input and the ``style_embed`` projection
    (``wavegan.conditioning``) in ``style_sum``, and with ``cfg.aux_classifier`` a second
    output: style logits ``[B, S]`` from the ``style_aux`` head.
    """
    conv, _ = conv_impl(convs)
    plan = cfg.plan
    audio = keras.Input((cfg.slice_len, cfg.channels), name="audio")
    x = audio
    strides = tuple(reversed(plan.strides))
    for i, (stride, filters) in enumerate(zip(strides, plan.d_channels)):
        x = conv(filters, cfg.kernel_len, strides=stride, padding="same",
                 name=f"downconv_{i}")(x)
        if i > 0:
            x = _apply(x, _batchnorm(cfg, f"bn_{i}"))
        x = layers.LeakyReLU(0.2, name=f"lrelu_{i}")(x)
        if i < 4 and cfg.phase_shuffle:
            x = PhaseShuffle(cfg.phase_shuffle, name=f"phase_shuffle_{i}")(x)
    features = x
    x = layers.Flatten(name="flatten")(x)
    logit = layers.Dense(1, name="logit")(x)
    inputs = audio
    if cfg.styles:
        style = style_input(cfg.styles)
        inputs = [audio, style]
        logit = layers.Add(name="style_sum")([logit, style_projection(x, style, x.shape[-1])])
    if cfg.mbstd:
        spread = MinibatchStddev(cfg.mbstd, name="mbstd")(features)
        logit = layers.Add(name="mbstd_sum")(
            [logit, layers.Dense(1, kernel_initializer="zeros", name="mbstd_logit")(spread)])
    if cfg.spec_critic:
        logit = layers.Add(name="critic_sum")(
            [logit, spectral_branch(audio, cfg.sample_rate, cfg.spec_critic)])
    if cfg.rhythm_critic:
        logit = layers.Add(name="rhythm_sum")(
            [logit, rhythm_branch(audio, cfg.sample_rate, cfg.slice_len, cfg.rhythm_critic)])
    if cfg.styles and cfg.aux_classifier:
        return keras.Model(inputs, [logit, style_head(x, len(cfg.styles))], name="discriminator")
    return keras.Model(inputs, logit, name="discriminator")


def conv_impl(name: str):
    """``(Conv1D class, Conv1DTranspose class)`` for a :data:`CONV_IMPLS` name."""
    try:
        return CONV_IMPLS[name]
    except KeyError:
        raise ValueError(f"convs={name!r}: choose one of {sorted(CONV_IMPLS)}") from None
