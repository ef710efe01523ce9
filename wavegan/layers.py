"""Small Keras layers the WaveGAN generator and discriminator are made of.

Tensors are channels-last audio: ``[batch, time, channels]``.
"""

from __future__ import annotations

import keras
import tensorflow as tf
from keras import layers


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
