"""The bundled models, by name, and which of them plays when no checkpoint is given.

``--checkpoint`` (``serve``, ``generate``, ``info``, ``evaluate``) and ``--init-from``
(``train``) take a checkpoint folder or one of these names, so a bundled model is always one
flag away.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
# name -> checkpoint folder, and what it plays (for --help and docs/models/)
MODELS: dict[str, Path] = {"grooves": HERE / "default_checkpoint",
                           "kit": HERE / "kit_checkpoint"}
ABOUT: dict[str, str] = {"grooves": "16 kHz one-second groove phrases in seven styles",
                         "kit": "44.1 kHz single hits, a drum class per pad (GM notes 36-51), "
                                "still in training: hits, not yet its instruments"}
DEFAULT_MODEL = "grooves"
DEFAULT_CHECKPOINT = MODELS[DEFAULT_MODEL]


def default_checkpoint_path() -> Path:
    return MODELS[DEFAULT_MODEL]


def resolve_checkpoint(spec: str | Path | None) -> Path:
    """A ``--checkpoint`` value as a folder: nothing → the default model; a bundled model's
    name → its folder, unless a checkpoint or a training run of that name is right here (the
    user's own wins); anything else → that path (loading it says what is wrong with it)."""
    if spec is None or str(spec) == "":
        return default_checkpoint_path()
    path = Path(spec)
    mine = (path / "model.json").is_file() or (path / "checkpoints").is_dir()
    if str(spec) in MODELS and not mine:
        return MODELS[str(spec)]
    return path


def checkpoint_help(what: str = "checkpoint folder") -> str:
    """The ``--checkpoint`` help line, from the table above."""
    names = "; ".join(f"{n}: {ABOUT[n]}" for n in MODELS)
    return f"{what}, or a bundled model's name ({names}); default {DEFAULT_MODEL}"
