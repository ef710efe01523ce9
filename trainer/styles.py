"""Where a conditional run's style labels come from (``--styles-from``).

* ``manifest``: a practice corpus (``wavegan corpus``): each file's ``style`` in
  ``DATA/manifest.json``; a one-shot corpus (``wavegan corpus --kind oneshots``): each hit's
  instrument ``class``, its ``train`` split only (the ``heldout`` kits are for evaluation);
* ``folders``: a musician's own recordings sorted into sub-folders, one per style
  (``DATA/funk/*.wav``, ``DATA/ballad/*.flac`` …): the first folder under ``DATA`` names it;
  for one-shots (``--mode oneshot``) the folder names a drum class as the one-shot corpus reads
  it (``kicks/``, ``bd/`` → ``kick``; :func:`wavegan.gm_drums.class_for_folder`).

Each source gives the style names (the model's ``styles``, in a stable order; drum classes in
the order of :data:`wavegan.gm_drums.CLASSES`) and a function from an audio file's path to its
style (None when the file has none; it is then skipped).

:func:`training_data` is what the data pipeline reads: a one-shot corpus's ``train`` hits, or
``DATA`` itself.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wavegan.audio_io import find_audio_files
from wavegan.errors import UserError

StyleOf = Callable[[Path], "str | None"]


def oneshot_manifest(data: str | Path) -> dict | None:
    """``DATA/manifest.json`` when ``DATA`` is a one-shot corpus (``kind: oneshots``), else None."""
    path = Path(data) / "manifest.json"
    if not path.is_file():
        return None
    from trainer.corpus import load_manifest

    manifest = load_manifest(data)
    return manifest if manifest.get("kind") == "oneshots" else None


def training_data(data: str | Path) -> Path | list[Path]:
    """What to train on: the ``train`` hits of a one-shot corpus (its ``heldout`` kits are
    never read), else ``data`` as given."""
    manifest = oneshot_manifest(data) if Path(data).is_dir() else None
    if manifest is None:
        return Path(data)
    return [Path(data) / f["audio"] for f in manifest["files"] if f.get("split") == "train"]


def class_order(names) -> list[str]:
    """Drum class names in :data:`~wavegan.gm_drums.CLASSES` order, others after, sorted."""
    from wavegan.gm_drums import CLASSES

    names = set(names)
    return [c for c in CLASSES if c in names] + sorted(names - set(CLASSES))


def manifest_styles(data: Path) -> tuple[list[str], StyleOf]:
    from trainer.corpus import load_manifest

    manifest = load_manifest(data)
    if manifest.get("kind") == "oneshots":
        by_path = {(data / f["audio"]).resolve(): f.get("class") for f in manifest["files"]
                   if f.get("split") == "train"}
        names = class_order(s for s in by_path.values() if s)
        return names, lambda path: by_path.get(Path(path).resolve())
    by_path = {(data / f["audio"]).resolve(): f.get("style") for f in manifest["files"]}
    used = {s for s in by_path.values() if s}
    names = [s for s in manifest.get("styles", []) if s in used]
    names += sorted(used - set(names))
    return names, lambda path: by_path.get(Path(path).resolve())


def folder_styles(data: Path, drum_classes: bool = False) -> tuple[list[str], StyleOf]:
    """Styles named by the first folder under ``data``; ``drum_classes``: as drum classes."""
    from wavegan.gm_drums import class_for_folder

    root = data.resolve()

    def style_of(path: Path) -> str | None:
        parts = Path(path).resolve().relative_to(root).parts
        if len(parts) < 2:
            return None
        return class_for_folder(parts[0]) if drum_classes else parts[0]

    found, _ = find_audio_files(data)
    used = {s for s in map(style_of, found) if s}
    return (class_order(used) if drum_classes else sorted(used)), style_of


STYLE_SOURCES: dict[str, Callable[[Path], tuple[list[str], StyleOf]]] = {
    "manifest": manifest_styles,
    "folders": folder_styles,
}


def style_source(how: str, data: str | Path,
                 oneshots: bool = False) -> tuple[list[str], StyleOf | None]:
    """``(style names, path → style)`` for ``--styles-from how`` (``off``: ``([], None)``);
    ``oneshots`` (``--mode oneshot``): sub-folders name drum classes."""
    if how == "off":
        return [], None
    data = Path(data)
    if not data.is_dir():
        raise UserError(f"--styles-from {how} needs --data to be a folder, not {data}")
    if how == "folders" and oneshots:
        names, style_of = folder_styles(data, drum_classes=True)
    else:
        names, style_of = STYLE_SOURCES[how](data)
    if len(names) < 2:
        raise UserError(f"--styles-from {how}: {data} gives {len(names)} style(s) "
                        f"({', '.join(names) or 'none'}); a conditional model needs at least 2"
                        + ("; put each style's files in its own sub-folder"
                           if how == "folders" else ""))
    return names, style_of


def with_styles(run, data: str | Path):
    """``run`` with ``model.styles`` set from its ``--styles-from`` source; a resumed run must
    find the same styles it was trained on."""
    return resolve_styles(run, data)[0]


def resolve_styles(run, data: str | Path) -> tuple[Any, StyleOf | None]:
    """``(run with model.styles set, path → style)`` reading the style source once (see
    :func:`with_styles`)."""
    if run.gan.aux_unsure and not run.model.aux_classifier:
        raise UserError("--aux-unsure teaches the auxiliary head: it needs --aux-classifier true")
    names, style_of = style_source(run.train.styles_from, data, run.slice.mode == "oneshot")
    if run.model.aux_classifier and not names:
        raise UserError("--aux-classifier names styles: it needs --styles-from manifest|folders")
    if run.model.styles and names != run.model.styles:
        raise UserError(f"this run was trained on styles {run.model.styles}, but {data} now "
                        f"gives {names or 'none'} (--styles-from {run.train.styles_from})")
    return dataclasses.replace(run, model=dataclasses.replace(run.model, styles=names)), style_of


def given_setting(layers: list[dict[str, Any]], section: str, key: str) -> Any:
    """The value the last of ``layers`` that sets ``key`` (flat or in its ``[section]``)
    gives it, or None when none does."""
    for layer in reversed(layers):
        table = layer.get(section)
        if isinstance(table, dict) and table.get(key) is not None:
            return table[key]
        if layer.get(key) is not None:
            return layer[key]
    return None


def with_data_mode(run, data: str | Path, layers: list[dict[str, Any]]):
    """``run`` sliced ``oneshot`` when ``data`` is a one-shot corpus: each hit is one example,
    never cut into several slices. Another ``--mode`` set in ``layers`` is refused."""
    if not Path(data).is_dir() or oneshot_manifest(data) is None:
        return run
    given = given_setting(layers, "slice", "mode")
    if given is not None and str(given) != "oneshot":
        raise UserError(f"{data} is a one-shot corpus: each hit is one training example "
                        f"(--mode oneshot), not --mode {given}")
    return dataclasses.replace(run, slice=dataclasses.replace(run.slice, mode="oneshot"))
