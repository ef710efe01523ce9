"""The critic's optional spectral branch: it reads log-magnitude spectrograms.

A waveform critic weighs a sound by its samples, so a decay floor at 3 % of the peak barely
moves its output; on a log-magnitude spectrogram that floor (−30 dB against real drums' −41 dB)
and a smeared attack are as visible as the hit itself. With ``ModelConfig.spec_critic > 0``
the critic's logit is the waveform branch's plus this branch's, so the WGAN-GP objective and its
gradient penalty (through the STFT) cover both; the generator is unchanged.

``LogSpectrogram``: audio ``[B, T, C]`` → ``[B, frames, bins, 1]`` (channels averaged).
``spectral_branch``: that spectrogram → logit ``[B, 1]`` through four stride-2 3×3 convs.
"""

from __future__ import annotations

import math

import keras
import tensorflow as tf
from keras import layers

FRAME_SECONDS = 0.032   # ~32 ms analysis window at every sample rate (512 samples at 16 kHz)
LOG_EPSILON = 1e-3      # floor inside the log: ~110 dB below a full-scale bin of a 512 window
LOG_SCALE = 0.25        # brings ln-magnitudes (−7 … +6) near unit range for the convs
SPEC_LAYERS = 4


def frame_length(sample_rate: int) -> int:
    """The power-of-two STFT window nearest to :data:`FRAME_SECONDS` at ``sample_rate``."""
    return 2 ** round(math.log2(sample_rate * FRAME_SECONDS))


@keras.saving.register_keras_serializable(package="wavegan")
class LogSpectrogram(layers.Layer):
    """``[B, T, C]`` audio → ``[B, frames, frame_length // 2 + 1, 1]`` scaled log-magnitude.

    Hann window of ``frame_length``, hop a quarter of it. Always computed in float32 (the STFT
    has no bf16 kernel and the log needs the range); differentiable twice, as the gradient
    penalty needs.
    """

    def __init__(self, frame_length: int, **kwargs):
        kwargs.setdefault("dtype", "float32")
        super().__init__(**kwargs)
        self.frame_length = int(frame_length)

    def call(self, x):
        mono = tf.reduce_mean(tf.cast(x, tf.float32), axis=-1)
        spec = tf.signal.stft(mono, self.frame_length, self.frame_length // 4,
                              window_fn=tf.signal.hann_window, pad_end=False)
        mag = tf.sqrt(tf.square(tf.math.real(spec)) + tf.square(tf.math.imag(spec)) + 1e-12)
        return (LOG_SCALE * tf.math.log(mag + LOG_EPSILON))[..., None]

    def get_config(self):
        return {**super().get_config(), "frame_length": self.frame_length}


def spectral_branch(audio, sample_rate: int, width: int):
    """The branch's logit ``[B, 1]`` for the Keras tensor ``audio`` ``[B, T, C]``.

    Layer names: ``spec_frontend``, ``spec_conv_0`` … ``spec_conv_3`` (``width``·2^i channels),
    ``spec_logit``; every name starts with ``spec_``, so a warm start can tell the branch apart
    from the waveform critic.
    """
    x = LogSpectrogram(frame_length(sample_rate), name="spec_frontend")(audio)
    for i in range(SPEC_LAYERS):
        x = layers.Conv2D(width << i, 3, strides=2, padding="same", name=f"spec_conv_{i}")(x)
        x = layers.LeakyReLU(0.2, name=f"spec_lrelu_{i}")(x)
    x = layers.Flatten(name="spec_flatten")(x)
    return layers.Dense(1, name="spec_logit")(x)


def is_spectral(weight_path: str) -> bool:
    """True for a variable of the spectral branch (paths look like ``spec_conv_0/kernel``)."""
    return weight_path.split("/", 1)[0].startswith("spec_")
