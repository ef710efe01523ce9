"""``--init-from``: a new run that starts from another checkpoint's weights.

For continuing a model whose full training state was not kept (the bundled models are
generator + critic, float16), or for teaching it other data: your own kit from the bundled
one. The optimizers start fresh and steps count on from the checkpoint's. What may differ:

* the critic's add-ons (:data:`CRITIC_ADDONS`: ``--spec-critic``, ``--mbstd``,
  ``--rhythm-critic``, the style projection and the auxiliary style head): one the checkpoint
  lacks starts fresh (each starts at zero, so the critic answers as before), one the run does
  not use is dropped;
* the styles. An unconditional checkpoint learns styles from zero inputs (same sounds, whatever
  is asked, until training tells them apart). A conditional one keeps each style by **name**:
  a musician's ``kick/`` and ``snare/`` folders train the kit's kick and snare further, a
  class it does not know (``tabla/``) starts as the average of the checkpoint's classes, in
  the generator's style inputs, the critic's projection and its auxiliary head alike, and its
  classes the data lacks are dropped: the new model plays the data's classes.

Anything else of another architecture is refused, naming what differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from trainer.checkpointing import restore_ema
from wavegan.checkpoint import Checkpoint, assign_arrays, model_arrays
from wavegan.conditioning import AUX_LAYER, EMBED_LAYER, is_aux_weight, is_style_weight
from wavegan.errors import UserError
from wavegan.rhythm import is_rhythm
from wavegan.spectral import is_spectral

STYLE_INPUTS = "z_project/kernel"   # [latent_dim + S, F]: the latent's rows, then one per style


def _is_mbstd(weight_path: str) -> bool:
    return weight_path.split("/", 1)[0].startswith("mbstd")


# Critic parts a warm start may add or drop: model-config key → (its weights?, what it is).
CRITIC_ADDONS = {"spec_critic": (is_spectral, "spectral branch"),
                 "mbstd": (_is_mbstd, "minibatch-stddev head"),
                 "rhythm_critic": (is_rhythm, "rhythm branch"),
                 "styles": (is_style_weight, "style projection"),
                 "aux_classifier": (is_aux_weight, "auxiliary style classifier")}


def style_rows(rows: np.ndarray, theirs: Sequence[str], mine: Sequence[str]) -> np.ndarray:
    """Per-style weights ``rows`` (one per style of ``theirs``, along axis 0) for the styles
    ``mine``: the same name's row, else their average (zeros when they have none)."""
    fill = rows.mean(axis=0) if len(theirs) else np.zeros(rows.shape[1:], rows.dtype)
    return np.stack([rows[list(theirs).index(s)] if s in theirs else fill for s in mine]
                    ).astype(rows.dtype) if mine else rows[:0]


def generator_for(arrays: dict[str, np.ndarray], latent_dim: int, theirs: Sequence[str],
                  mine: Sequence[str]) -> dict[str, np.ndarray]:
    """A generator's arrays with its style inputs for ``mine`` (see :func:`style_rows`)."""
    kernel = arrays[STYLE_INPUTS]
    rows = style_rows(kernel[latent_dim:], theirs, mine)
    return arrays | {STYLE_INPUTS: np.concatenate([kernel[:latent_dim], rows], axis=0)}


def critic_for(arrays: dict[str, np.ndarray], theirs: Sequence[str],
               mine: Sequence[str]) -> dict[str, np.ndarray]:
    """A conditional critic's arrays for the styles ``mine``: the projection's rows
    ``[S, F]`` and the auxiliary head's columns ``[F, S]`` and biases ``[S]`` by name."""
    out = dict(arrays)
    for key, value in arrays.items():
        layer = key.split("/", 1)[0]
        if layer == EMBED_LAYER:
            out[key] = style_rows(value, theirs, mine)
        elif layer == AUX_LAYER:
            out[key] = style_rows(np.moveaxis(value, -1, 0), theirs, mine)
            out[key] = np.moveaxis(out[key], 0, -1)
    return out


def run_defaults(ckpt: Checkpoint, data: str | Path) -> dict[str, Any]:
    """The settings a run started from ``ckpt`` takes unless told otherwise (a config layer
    below the user's): the model, slicing and GAN settings and batch size it was trained
    with, so ``--init-from kit --data my_hits/`` needs no model flags, and for a model with
    styles, labels read the way ``data`` holds them (its manifest, else its sub-folders)."""
    # a run's checkpoints and exports keep it as run_config, the bundled models as training
    trained = ckpt.meta.get("run_config") or ckpt.meta.get("training") or {}
    layer: dict[str, Any] = {
        "model": {k: v for k, v in ckpt.config.to_dict().items() if k != "styles"},
        "slice": dict(trained.get("slice") or {}),
        "gan": {k: v for k, v in (trained.get("gan") or {}).items() if v is not None},
        "train": {k: v for k, v in (trained.get("train") or {}).items() if k == "batch_size"},
    }
    if ckpt.config.styles:
        manifest = Path(data).is_dir() and (Path(data) / "manifest.json").is_file()
        layer["train"]["styles_from"] = "manifest" if manifest else "folders"
    return layer


def warm_start(gan, ckpt: Checkpoint, model_config) -> list[str]:
    """Start a new run from ``ckpt``'s generator and critic weights; returns notes on what
    was not carried over as it was (see the module docstring)."""
    where = str(ckpt.path)
    mine, theirs = model_config.to_dict(), ckpt.config.to_dict()
    diff = [f"{k}: {theirs.get(k)} → {v}" for k, v in mine.items()
            if theirs.get(k, v) != v and k not in CRITIC_ADDONS]
    old, new = list(theirs.get("styles") or []), list(mine["styles"])
    if old and not new:
        diff.append(f"styles: {old} → none")
    if diff:
        raise UserError(f"--init-from {where}: another model ({'; '.join(diff)}); "
                        "give the same model flags as the checkpoint (see `wavegan info`)")
    if not ckpt.has("discriminator"):
        raise UserError(f"--init-from {where}: it has no critic weights (discriminator.npz); "
                        "export it with scripts/make_default_checkpoint.py, which keeps them")
    notes = [] if old == new else [_styles_note(old, new)]

    def generator(arrays):
        return arrays if old == new else generator_for(arrays, mine["latent_dim"], old, new)

    for name, model in (("generator", gan.generator), ("discriminator", gan.discriminator)):
        arrays = {k: v.astype(np.float32) for k, v in ckpt.arrays(name).items()}
        if name == "generator":
            arrays = generator(arrays)
        else:
            if old and old != new:
                arrays = critic_for(arrays, old, new)
            for key in CRITIC_ADDONS:
                if key == "styles" and old:
                    continue          # carried over by name above
                if mine[key] != theirs.get(key, type(mine[key])()):
                    arrays, note = _swap_addon(model, arrays, key,
                                               theirs.get(key, type(mine[key])()))
                    notes.append(note)
        assign_arrays(model, arrays, f"{where}/{name}.npz")
    ema_note = restore_ema(gan, ckpt, generator)
    return notes + ([ema_note] if ema_note else [])


def _styles_note(old: list[str], new: list[str]) -> str:
    if not old:
        return (f"the generator learns {len(new)} styles ({', '.join(new)}); their inputs "
                "start at zero")
    kept = [s for s in new if s in old]
    fresh = [s for s in new if s not in old]
    dropped = [s for s in old if s not in new]
    parts = [f"styles kept by name: {', '.join(kept) or 'none'}"]
    if fresh:
        parts.append(f"new: {', '.join(fresh)} (each starts as the average of the "
                     "checkpoint's)")
    if dropped:
        parts.append(f"dropped (the new model plays the data's classes only): "
                     f"{', '.join(dropped)}")
    return "; ".join(parts)


def _swap_addon(model, arrays: dict[str, np.ndarray], key: str,
                theirs: int) -> tuple[dict[str, np.ndarray], str]:
    """The checkpoint's critic arrays with one add-on replaced by ``model``'s own (freshly
    initialised) one, or dropped; the rest of the critic is kept as it is."""
    owns, what = CRITIC_ADDONS[key]
    kept = {k: v for k, v in arrays.items() if not owns(k)}
    fresh = {k: v for k, v in model_arrays(model).items() if owns(k)}
    if fresh:
        return kept | fresh, f"the critic's {what} starts fresh (the checkpoint has {key}={theirs})"
    return kept, f"the checkpoint's critic {what} is not used ({key}=0)"
