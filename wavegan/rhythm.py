"""The critic's optional rhythm branch: it reads how regular a phrase's hits are.

A model that has the right drum sounds can still place them without a steady pulse. Real
phrases of the practice corpus have an onset-strength autocorrelation peak of 0.35 between
120 and 750 ms (a beat or a subdivision); the default model's reach 0.28, and audio with its
samples shuffled 0.20. Neither the waveform critic nor the spectral branch is given that
statistic; this branch is. With ``ModelConfig.rhythm_critic > 0`` its logit is added to the
critic's, and the gradient penalty runs through it; the generator is unchanged.

``OnsetAutocorrelation``: audio ``[B, T, C]`` → ``[B, lags]``, the normalised autocorrelation
of the onset strength (rise of the log RMS per 8 ms frame).
``rhythm_branch``: that (×4) → logit ``[B, 1]`` through two dense layers and a
zero-initialised ``rhythm_logit`` (×10), so a warm start from a critic without the branch
answers as before. (On the default model the critic kept the branch's weight near zero over
12 900 steps: docs/lab-notes/2026-11-30-default-model-before-styles.md.)
"""

from __future__ import annotations

import math

import keras
import tensorflow as tf
from keras import layers

HOP_SECONDS = 0.008      # onset-strength frame (128 samples at 16 kHz)
RMS_EPSILON = 1e-5       # −100 dBFS floor inside the log
MAX_LAG_SECONDS = 0.75   # longest period the branch looks at (80 BPM quarter notes)
INPUT_SCALE = 4.0        # autocorrelations (|r| ≤ 1, real vs generated peaks 0.07 apart) → O(1)
LOGIT_GAIN = 10.0        # a fixed gain on the zero-initialised logit: Adam moves a weight by
                         # ~lr per step, so without it the branch took >600 steps to reach 0.003


def hop_length(sample_rate: int) -> int:
    """The power-of-two hop nearest to :data:`HOP_SECONDS` at ``sample_rate``."""
    return 2 ** round(math.log2(sample_rate * HOP_SECONDS))


@keras.saving.register_keras_serializable(package="wavegan")
class OnsetAutocorrelation(layers.Layer):
    """``[B, T, C]`` audio → ``[B, lags]`` float32, lags 1 … ``max_lag`` frames of ``hop``.

    Onset strength o[t] = max(0, ln rms[t] − ln rms[t − 1]) over frames of ``hop`` samples
    (channels averaged), its mean removed; the result is its autocorrelation (through a
    zero-padded FFT) divided by the lag-0 value, so 1 means perfectly periodic at that lag.
    Differentiable twice, as the gradient penalty needs.
    """

    def __init__(self, hop: int, max_lag: int, **kwargs):
        kwargs.setdefault("dtype", "float32")
        super().__init__(**kwargs)
        self.hop, self.max_lag = int(hop), int(max_lag)

    def call(self, x):
        mono = tf.reduce_mean(tf.cast(x, tf.float32), axis=-1)
        frames = tf.shape(mono)[1] // self.hop
        power = tf.reshape(mono[:, :frames * self.hop] ** 2, [tf.shape(mono)[0], frames, self.hop])
        log_rms = 0.5 * tf.math.log(tf.reduce_mean(power, axis=-1) + RMS_EPSILON ** 2)
        onset = tf.nn.relu(log_rms[:, 1:] - log_rms[:, :-1])
        onset -= tf.reduce_mean(onset, axis=1, keepdims=True)
        n = tf.shape(onset)[1]
        spectrum = tf.signal.rfft(onset, fft_length=[2 * n])
        ac = tf.signal.irfft(spectrum * tf.math.conj(spectrum), fft_length=[2 * n])
        return ac[:, 1:self.max_lag + 1] / (ac[:, :1] + 1e-6)

    def compute_output_shape(self, input_shape):
        return (input_shape[0], self.max_lag)

    def get_config(self):
        return {**super().get_config(), "hop": self.hop, "max_lag": self.max_lag}


def max_lag_frames(sample_rate: int, slice_len: int) -> tuple[int, int]:
    """``(hop, max_lag)``: the frame hop and the longest lag (frames) for phrases of
    ``slice_len`` samples: :data:`MAX_LAG_SECONDS`, or what the phrase has room for."""
    hop = hop_length(sample_rate)
    return hop, min(round(MAX_LAG_SECONDS * sample_rate / hop), slice_len // hop - 2)


def rhythm_branch(audio, sample_rate: int, slice_len: int, width: int):
    """The branch's logit ``[B, 1]`` for the Keras tensor ``audio`` ``[B, T, C]``.

    Layer names all start with ``rhythm_`` (``rhythm_frontend``, ``rhythm_dense_0/1``,
    ``rhythm_logit``), so a warm start can tell the branch apart from the rest of the critic.
    """
    hop, max_lag = max_lag_frames(sample_rate, slice_len)
    x = OnsetAutocorrelation(hop, max_lag, name="rhythm_frontend")(audio)
    x = layers.Rescaling(INPUT_SCALE, name="rhythm_scale")(x)
    for i in range(2):
        x = layers.Dense(width, name=f"rhythm_dense_{i}")(x)
        x = layers.LeakyReLU(0.2, name=f"rhythm_lrelu_{i}")(x)
    x = layers.Dense(1, kernel_initializer="zeros", name="rhythm_logit")(x)
    return layers.Rescaling(LOGIT_GAIN, name="rhythm_gain")(x)


def is_rhythm(weight_path: str) -> bool:
    """True for a variable of the rhythm branch (paths look like ``rhythm_dense_0/kernel``)."""
    return weight_path.split("/", 1)[0].startswith("rhythm_")
