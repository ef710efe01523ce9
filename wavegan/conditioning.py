"""Style conditioning: one generator plays several labelled styles (rock, funk, shuffle …).

An unconditional WaveGAN drops the modes its critic does not insist on: trained on the
practice corpus it plays rock, funk, breakbeat and fills but almost never shuffle, hip-hop or
half-time. With ``ModelConfig.styles`` the model is told which style to play:

* **generator**: its input is ``[B, latent_dim + S]``: the latent, then a weight per style
  (one-hot while training; any mix of weights summing to 1 when played, so styles morph),
  multiplied by :data:`STYLE_GAIN` inside the model (layer ``style_gain``);
* **critic**: a projection discriminator (Miyato & Koyama, ICLR 2018): the logit gains
  ``⟨embed(style), h⟩``, where ``h [B, F]`` is the critic's flattened last features and
  ``embed`` a bias-free dense layer ``[S] → [F]`` named ``style_embed`` (of the style times
  :data:`STYLE_GAIN`). It starts at zero, so an unconditional critic warm-started into a
  conditional one gives the same answers, and the generator's extra input rows start at zero
  too (see ``trainer.checkpointing.warm_start``).

With ``aux_classifier`` the critic also has an auxiliary head (AC-GAN, Odena et al. 2017; as
DrumGAN, Nistal et al. 2020, conditions drum sounds): ``style_aux``, a dense layer ``[F] → [S]``
of style logits on the same features, trained to name the style of real slices; the generator
is rewarded when its phrases are named as the style it was asked for (``GanConfig.aux_weight``).
The projection says "real for this style or not"; the head says "which style", a direct push
towards each style's own rhythm that the projection alone gives slowly.

Labels come from the trainer (the corpus manifest or sub-folder names); this module only
turns names into vectors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

STYLE_INPUT = "style"
EMBED_LAYER = "style_embed"
AUX_LAYER = "style_aux"
# The style enters both networks multiplied by this constant. Adam moves every weight by about
# the learning rate per step, whatever its input; a weight fed a 0/1 style learns its effect
# ~√latent_dim times slower than the z rows do together (a warm-started model at 1×: 1 400
# steps and still no audible style). The gain gives the style weights the z rows' pace, like
# ProGAN's equalised learning rate; being a constant, it changes no checkpoint format.
STYLE_GAIN = 10.0


def input_gain(latent_dim: int, n_styles: int) -> np.ndarray:
    """The generator's per-input scale ``[latent_dim + S]``: 1 for z, :data:`STYLE_GAIN` for
    the style weights."""
    return np.concatenate([np.ones(latent_dim), np.full(n_styles, STYLE_GAIN)]).astype(
        np.float32)


def is_style_weight(weight_path: str) -> bool:
    """True for the critic's projection weights (by Keras path)."""
    return weight_path.split("/", 1)[0] == EMBED_LAYER


def style_projection(features, style, width: int):
    """``⟨style_embed(style), features⟩``: features ``[B, F]``, style ``[B, S]`` → ``[B, 1]``."""
    from keras import layers  # imported when a critic is built: the rest is numpy-only

    gained = layers.Rescaling(STYLE_GAIN, name="style_gain")(style)
    embed = layers.Dense(width, use_bias=False, kernel_initializer="zeros",
                         name=EMBED_LAYER)(gained)
    return layers.Dot(axes=1, name="style_projection")([features, embed])


def is_aux_weight(weight_path: str) -> bool:
    """True for the critic's auxiliary style head (by Keras path)."""
    return weight_path.split("/", 1)[0] == AUX_LAYER


def style_head(features, n_styles: int):
    """Style logits ``[B, S]`` from the critic's flattened features ``[B, F]``."""
    from keras import layers

    return layers.Dense(n_styles, name=AUX_LAYER)(features)


def style_input(styles: Sequence[str]):
    """The critic's second input: style weights ``[B, S]``."""
    import keras

    return keras.Input((len(styles),), name=STYLE_INPUT)


def style_vector(styles: Sequence[str], choice: str | int | Sequence[float] | None) -> np.ndarray:
    """Style weights ``[S]`` float32 summing to 1 for a name, an index, a list of weights, or
    None (all styles equally). Raises ``ValueError`` naming the styles on a bad choice."""
    n = len(styles)
    if n == 0:
        return np.zeros(0, np.float32)
    if choice is None:
        return np.full(n, 1.0 / n, np.float32)
    if isinstance(choice, str) and choice not in styles and choice.lstrip("-").isdigit():
        choice = int(choice)
    if isinstance(choice, str):
        if choice not in styles:
            raise ValueError(f"style {choice!r}: this model knows {', '.join(styles)}")
        choice = styles.index(choice)
    if isinstance(choice, (int, np.integer)):
        if not 0 <= int(choice) < n:
            raise ValueError(f"style {choice}: choose 0..{n - 1} ({', '.join(styles)})")
        out = np.zeros(n, np.float32)
        out[int(choice)] = 1.0
        return out
    w = np.asarray(choice, np.float64).reshape(-1)
    if len(w) != n or not np.isfinite(w).all() or (w < 0).any() or w.sum() <= 0:
        raise ValueError(f"style weights {list(w)}: give {n} non-negative numbers, not all 0 "
                         f"(for {', '.join(styles)})")
    return (w / w.sum()).astype(np.float32)


def cycle_styles(n: int, count: int) -> np.ndarray:
    """One-hot ``[count, n]`` that cycles through the styles (evaluation, previews)."""
    return np.eye(max(n, 1), dtype=np.float32)[np.arange(count) % max(n, 1)][:, :n]


def parse_style(styles: Sequence[str], spec: str) -> np.ndarray:
    """Style weights ``[S]`` from text: ``funk``, ``2`` (an index), a mix such as
    ``funk=0.7,rock=0.3`` (weights are normalised; spaces separate as commas do), or one weight
    per style (``0 0.7 0.3``). Raises ``ValueError`` on a bad spec."""
    parts = [p for p in re.split(r"[,\s]+", str(spec)) if p]
    if not parts:
        raise ValueError(f"style {spec!r}: give a name ({', '.join(styles)}) or a mix a=w,b=w")
    if len(parts) == 1 and "=" not in parts[0]:
        return style_vector(styles, parts[0])
    numbers = [_number(p) for p in parts]
    if all(n is not None for n in numbers):
        if len(numbers) != len(styles):
            raise ValueError(f"style weights {spec!r}: give one per style ({len(styles)}: "
                             f"{', '.join(styles)})")
        return style_vector(styles, [float(n) for n in numbers])
    weights = np.zeros(len(styles), np.float64)
    for part in parts:
        name, _, value = part.partition("=")
        w = _number(value) if value else 1.0
        if w is None:
            raise ValueError(f"style mix {spec!r}: {value!r} is not a number")
        weights += float(w) * style_vector(styles, name.strip()).astype(np.float64)
    return style_vector(styles, weights)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def style_tag(styles: Sequence[str], weights: np.ndarray) -> str:
    """A short file-name tag for style weights: ``funk``, or ``funk70-rock30`` for a mix."""
    order = [i for i in np.argsort(-weights) if weights[i] > 0.005]
    if len(order) == 1:
        return styles[order[0]]
    return "-".join(f"{styles[i]}{round(100 * float(weights[i]))}" for i in order)
