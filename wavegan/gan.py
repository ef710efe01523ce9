"""The WaveGAN as a ``keras.Model``: generator + discriminator and one training step.

``train_step`` takes ``n_critic`` real batches at once, stacked along the batch axis
(``[n_critic * B, T, C]``; CDW draws a fresh real batch for every critic update), runs the
critic updates, then one generator update, and returns a loss dict.

With ``GanConfig.ema > 0`` a second generator, ``generator_ema``, holds an exponential moving
average of the generator's weights (Yazıcı et al., ICLR 2019; the "Gs" of ProGAN/StyleGAN),
its decay warmed up over the first steps (:meth:`WaveGAN.ema_decay`). It takes no part in
training; it is what plays (``Checkpoint.playing_arrays``), because averaging
smooths out the oscillation a GAN generator keeps up around its equilibrium.

With ``GanConfig.diversity > 0`` the generator step adds a mode-seeking term (MSGAN, Mao et al.,
CVPR 2019) computed on loudness envelopes, so that distinct latents give distinct rhythms.
"""

from __future__ import annotations

import keras
import tensorflow as tf

from wavegan.config import GanConfig, ModelConfig
from wavegan.losses import get_loss
from wavegan.models import build_discriminator, build_generator

__all__ = ["GanConfig", "WaveGAN"]

GP_EPSILON = 1e-10  # inside the square root of the gradient norm: finite gradients at 0
ENVELOPE_HOP = 256  # samples per frame of the envelope the diversity term compares (16 ms)
DIVERSITY_EPSILON = 1e-6  # keeps log() finite for two identical phrases


def amplitude_envelope(audio: tf.Tensor, hop: int = ENVELOPE_HOP) -> tf.Tensor:
    """``[B, T, C]`` → ``[B, T // hop, C]`` float32: mean |x| over frames of ``hop`` samples.

    What a listener hears as rhythm and decay, without the waveform's phase detail.
    """
    x = tf.abs(tf.cast(audio, tf.float32))
    return tf.nn.avg_pool1d(x, hop, hop, "VALID")


def mode_seeking_diversity(z: tf.Tensor, fake: tf.Tensor) -> tf.Tensor:
    """Mean over pairs of log(‖env(G(z₁)) − env(G(z₂))‖₁ / ‖z₁ − z₂‖₁) (Mao et al., CVPR 2019).

    ``z`` ``[B, latent]`` and ``fake = G(z)`` ``[B, T, C]``; pair i is example i of the first
    half with example i of the second. Larger when distinct latents give distinct envelopes.
    """
    half = tf.shape(z)[0] // 2
    env = amplitude_envelope(fake)
    d_env = tf.reduce_mean(tf.abs(env[:half] - env[half:2 * half]), axis=[1, 2])
    d_z = tf.reduce_mean(tf.abs(tf.cast(z[:half] - z[half:2 * half], tf.float32)), axis=1)
    return tf.reduce_mean(tf.math.log(d_env + DIVERSITY_EPSILON) - tf.math.log(d_z))


class WaveGAN(keras.Model):
    """Generator ``[B, latent]`` → ``[B, T, C]`` and critic ``[B, T, C]`` → ``[B, 1]``, trained
    adversarially by :meth:`train_step`. ``convs`` picks how their convolutions are computed
    (``wavegan.models.CONV_IMPLS``; it does not change the variables)."""

    def __init__(self, model_config: ModelConfig, gan_config: GanConfig | None = None, *,
                 convs: str = "direct", **kw):
        super().__init__(**kw)
        self.model_config = model_config
        self.gan_config = gan_config or GanConfig()
        self.objective = get_loss(self.gan_config.loss)
        self.generator = build_generator(model_config, convs)
        self.discriminator = build_discriminator(model_config, convs)
        self.generator_ema = None
        if self.gan_config.ema > 0:
            self.generator_ema = build_generator(model_config, convs)
            self.reset_ema()

    def compile(self, g_optimizer=None, d_optimizer=None, **kw):
        super().compile(**kw)
        spec = self.gan_config.optimizer_spec()
        self.g_optimizer = g_optimizer or spec.build()
        self.d_optimizer = d_optimizer or spec.build()
        self.g_optimizer.build(self.generator.trainable_variables)
        self.d_optimizer.build(self.discriminator.trainable_variables)

    def call(self, z, training=False):
        return self.generator(z, training=training)

    def sample_z(self, n) -> tf.Tensor:
        """``[n, latent_dim]`` latents from CDW's prior, uniform in [-1, 1]."""
        return tf.random.uniform([n, self.model_config.latent_dim], -1.0, 1.0)

    def critic(self, audio: tf.Tensor, style: tf.Tensor | None, training: bool = True):
        """Critic logits ``[B, 1]`` for ``audio`` ``[B, T, C]`` (and style ``[B, S]`` for a
        conditional model); see :meth:`critic_and_aux` for the auxiliary style logits."""
        return self.critic_and_aux(audio, style, training)[0]

    def critic_and_aux(self, audio, style, training: bool = True):
        """``(logits [B, 1], style logits [B, S] or None)``: the second from the critic's
        auxiliary head (``ModelConfig.aux_classifier``)."""
        if not self.model_config.styles:
            return self.discriminator(audio, training=training), None
        out = self.discriminator([audio, style], training=training)
        return (out[0], out[1]) if isinstance(out, (list, tuple)) else (out, None)

    def aux_loss(self, aux_logits, style) -> tf.Tensor:
        """Cross-entropy of the auxiliary head's style logits against the (one-hot) style."""
        if aux_logits is None:
            return tf.constant(0.0)
        return tf.reduce_mean(keras.losses.categorical_crossentropy(
            tf.cast(style, tf.float32), tf.cast(aux_logits, tf.float32), from_logits=True))

    def generate(self, z: tf.Tensor, style: tf.Tensor | None, training: bool = True):
        """Audio ``[B, T, C]`` for latents ``[B, latent_dim]`` (and style weights ``[B, S]``)."""
        if self.model_config.styles:
            z = tf.concat([z, tf.cast(style, z.dtype)], axis=1)
        return self.generator(z, training=training)

    def gradient_penalty(self, real: tf.Tensor, fake: tf.Tensor,
                         style: tf.Tensor | None = None) -> tf.Tensor:
        """E[(‖∇D(x̂)‖₂ − 1)²] at x̂ = real + α(fake − real), α ~ U[0, 1] per example.

        The norm is taken over the audio axes (time, channels) with an epsilon inside the
        square root so the gradient stays finite where ∇D vanishes. A conditional critic is
        asked about x̂ with the style both ends share.
        """
        alpha = tf.random.uniform([tf.shape(real)[0], 1, 1], 0.0, 1.0, dtype=real.dtype)
        interp = real + alpha * (fake - real)
        with tf.GradientTape() as tape:
            tape.watch(interp)
            logits = self.critic(interp, style)
        grads = tape.gradient(logits, interp)
        norm = tf.sqrt(tf.reduce_sum(tf.square(grads), axis=[1, 2]) + GP_EPSILON)
        return tf.reduce_mean(tf.square(norm - 1.0))

    def critic_step(self, real: tf.Tensor,
                    style: tf.Tensor | None = None) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        """One discriminator update on ``real`` ``[B, T, C]`` (fakes are asked for the same
        ``style`` ``[B, S]`` as the real batch has); returns (d_loss, gp, aux), ``aux`` the
        auxiliary head's cross-entropy on the real slices (0 without the head).

        With ``GanConfig.aux_unsure = μ > 0`` the head also learns to be unsure of the fakes'
        style (cross-entropy against uniform weights, CatGAN's confusion term), so only sounds
        that carry a real style's features name it."""
        z = self.sample_z(tf.shape(real)[0])
        unsure = self.gan_config.aux_unsure
        with tf.GradientTape() as tape:
            fake = self.generate(z, style)
            d_real, aux_real = self.critic_and_aux(real, style)
            d_fake, aux_fake = self.critic_and_aux(fake, style)
            d_loss = self.objective.d_loss(d_real, d_fake)
            gp = self.gradient_penalty(real, fake, style) if self.objective.gradient_penalty \
                else tf.constant(0.0)
            aux = self.aux_loss(aux_real, style)   # the head learns styles from real slices
            total = d_loss + self.gan_config.gp_weight * gp + self.gan_config.aux_weight * aux
            if unsure > 0 and aux_fake is not None:
                total += unsure * self.aux_loss(aux_fake, tf.ones_like(style) / style.shape[-1])
        variables = self.discriminator.trainable_variables
        # scale_loss is the identity except under a LossScaleOptimizer (fp16)
        grads = tape.gradient(self.d_optimizer.scale_loss(total), variables)
        self.d_optimizer.apply_gradients(zip(grads, variables))
        if self.objective.clip_weights is not None:
            c = self.objective.clip_weights
            for v in variables:
                v.assign(tf.clip_by_value(v, -c, c))
        return d_loss, gp, aux

    def generator_step(self, batch_size,
                       style: tf.Tensor | None = None) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        """One generator update (playing ``style`` ``[B, S]`` if conditional); returns
        (g_loss, diversity, aux), ``aux`` the auxiliary head's cross-entropy on the fakes
        against the styles they were asked for (0 without the head).

        With ``GanConfig.diversity = λ > 0`` the generator also maximises
        λ·:func:`mode_seeking_diversity`: distinct latents should sound distinct.
        """
        z = self.sample_z(batch_size)
        weight = self.gan_config.diversity
        with tf.GradientTape() as tape:
            fake = self.generate(z, style)
            d_fake, aux_fake = self.critic_and_aux(fake, style)
            g_loss = self.objective.g_loss(d_fake)
            diversity = mode_seeking_diversity(z, fake) if weight > 0 else tf.constant(0.0)
            aux = self.aux_loss(aux_fake, style)   # named as the style it was asked for
            total = g_loss - weight * diversity + self.gan_config.aux_weight * aux
        variables = self.generator.trainable_variables
        grads = tape.gradient(self.g_optimizer.scale_loss(total), variables)
        self.g_optimizer.apply_gradients(zip(grads, variables))
        return g_loss, diversity, aux

    def reset_ema(self) -> None:
        """Start the average at the generator's current weights."""
        for e, v in zip(self.generator_ema.weights, self.generator.weights, strict=True):
            e.assign(v.value)

    def ema_decay(self):
        """The average's decay after the generator optimizer's ``t``-th update:
        ``min(ema, (1 + t) / (10 + t))`` (the warm-up of TensorFlow's ExponentialMovingAverage).
        A fixed decay from the first step keeps ``ema^t`` of the starting weights in the
        average (0.999: 79 % after 234 steps), so a young run plays mostly its random start, a
        quiet hiss. With the warm-up the average covers about the last ``t/10`` steps early on
        and its full ``~1/(1 − ema)`` from ``t ≈ 9/(1 − ema)``. A warm start's fresh optimizer
        warms it up again."""
        t = tf.cast(self.g_optimizer.iterations, tf.float32)
        return tf.minimum(self.gan_config.ema, (1.0 + t) / (10.0 + t))

    def update_ema(self) -> None:
        """``ema ← ema − (1 − decay)·(ema − generator)``, weight by weight, with
        :meth:`ema_decay`'s warm-up."""
        rate = 1.0 - self.ema_decay()
        for e, v in zip(self.generator_ema.weights, self.generator.weights, strict=True):
            e.assign_sub(rate * (e.value - v.value))

    def _critic_loop(self, chunks: list, styles: list) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor]:
        """``critic_step`` on each chunk in turn, as one ``tf.while_loop``; the last losses."""
        real = tf.stack(chunks)
        style = None if styles[0] is None else tf.stack(styles)

        def update(i, *_):
            losses = self.critic_step(real[i], None if style is None else style[i])
            return (i + 1, *(tf.cast(x, tf.float32) for x in losses))

        zero = tf.constant(0.0)
        return tf.while_loop(lambda i, *_: i < len(chunks), update,
                             (tf.constant(0), zero, zero, zero))[1:]

    def train_step(self, data):
        """``data``: real audio ``[n_critic * B, T, C]``, or ``(audio, style [n_critic * B, S])``
        for a conditional model → {d_loss, g_loss, gp[, diversity][, aux_real, aux_fake]}.

        On one device the critic updates run in a ``tf.while_loop``, so a compiled step
        traces the critic's update (two passes, the penalty's double gradient) once instead of
        ``n_critic`` times, and a run's first step comes 2-3x sooner. Under a distribution
        strategy each update aggregates gradients across replicas, which TensorFlow does not
        allow inside a loop, so there they are unrolled."""
        real = data[0] if isinstance(data, (tuple, list)) else data
        n = self.gan_config.n_critic
        chunks = tf.split(real, n, axis=0)
        styles = [None] * n
        if self.model_config.styles:
            styles = tf.split(tf.cast(data[1], real.dtype), n, axis=0)
        if tf.distribute.has_strategy():
            for chunk, style in zip(chunks, styles):
                d_loss, gp, aux_real = self.critic_step(chunk, style)
        else:
            d_loss, gp, aux_real = self._critic_loop(chunks, styles)
        g_loss, diversity, aux_fake = self.generator_step(tf.shape(chunks[0])[0], styles[0])
        if self.generator_ema is not None:
            self.update_ema()
        out = {"d_loss": d_loss, "g_loss": g_loss, "gp": gp}
        if self.gan_config.diversity > 0:
            out["diversity"] = diversity
        if self.model_config.styles and self.model_config.aux_classifier:
            out["aux_real"], out["aux_fake"] = aux_real, aux_fake
        return out
