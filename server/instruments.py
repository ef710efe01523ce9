"""What each pad is asked to play: one shared style (a phrase model), or an instrument per pad
(a kit: a model trained on one-shots, conditioned on the drum class).

A kit's pad ``n`` plays GM note ``36 + n`` (``wavegan.gm_drums``): pad 0 a kick, pad 2 a
snare, pad 6 a closed hat … where the model knows that class; a class the model was not
trained on falls back to one it knows. Randomize, walk, morph and the macros move a pad's
latent only, so a pad stays its instrument; ``/wavegan/pad/instrument pad name`` changes it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from wavegan.gm_drums import gm_class, note_for_pad

NOT_A_KIT = ("this model plays phrases in styles, not instruments (a kit model is trained on "
             "one-shots: wavegan corpus --kind oneshots)")


def is_kit(meta: Mapping, styles: Sequence[str]) -> bool:
    """Whether a checkpoint (its ``meta``, its model's ``styles``) is a kit: conditional, and
    trained on one-shots (one hit per example)."""
    mode = meta.get("dataset", {}).get("slice_config", {}).get("mode")
    return bool(styles) and mode == "oneshot"


class SharedStyle:
    """Every pad plays the bank's style (phrase models; unconditional models have none)."""

    kit = False
    names: tuple[str, ...] = ()

    def rows(self, pads: Sequence[int], style: np.ndarray) -> np.ndarray:
        return style

    def set(self, pad: int, name: str) -> None:
        raise ValueError(NOT_A_KIT)

    def restore(self, names) -> None:
        """A saved kit's instruments (ignored: this model plays styles)."""


class Instruments:
    """Pad ``n`` plays one class of ``classes`` (the model's styles), GM note ``36 + n``'s
    where the model knows it."""

    kit = True

    def __init__(self, classes: Sequence[str], n_pads: int):
        self.classes = tuple(classes)
        self.names = [self.default(pad) for pad in range(n_pads)]

    def default(self, pad: int) -> str:
        cls = gm_class(note_for_pad(pad))
        return cls if cls in self.classes else self.classes[pad % len(self.classes)]

    def rows(self, pads: Sequence[int], style: np.ndarray) -> np.ndarray:
        """One-hot class weights ``[len(pads), S]`` (the shared style is not used)."""
        out = np.zeros((len(pads), len(self.classes)), np.float32)
        for row, pad in enumerate(pads):
            out[row, self.classes.index(self.names[pad])] = 1.0
        return out

    def set(self, pad: int, name: str) -> None:
        if name not in self.classes:
            raise ValueError(f"instrument {name!r}: this kit knows {', '.join(self.classes)}")
        self.names[pad] = name

    def restore(self, names) -> None:
        """A saved kit's instruments, each checked first: a kit that does not fit changes
        nothing."""
        names = list(names)
        if len(names) != len(self.names) or any(n not in self.classes for n in names):
            raise ValueError(f"the kit's instruments do not fit this model ({len(self.names)} "
                             f"pads of {', '.join(self.classes)} expected)")
        self.names = names
