"""Where a conditional run's style labels come from (``--styles-from``).

* ``manifest``: a practice corpus (``wavegan corpus``): each file's ``style`` in
  ``DATA/manifest.json``;
* ``folders``: a musician's own recordings sorted into sub-folders, one per style
  (``DATA/funk/*.wav``, ``DATA/ballad/*.flac`` …): the first folder under ``DATA`` names it.

Each source gives the style names (the model's ``styles``, in a stable order) and a function
from an audio file's path to its style (None when the file has none; it is then skipped).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wavegan.audio_io import find_audio_files
from wavegan.errors import UserError

StyleOf = Callable[[Path], "str | None"]


def manifest_styles(data: Path) -> tuple[list[str], StyleOf]:
    from trainer.corpus import load_manifest

    manifest = load_manifest(data)
    by_path = {(data / f["audio"]).resolve(): f.get("style") for f in manifest["files"]}
    used = {s for s in by_path.values() if s}
    names = [s for s in manifest.get("styles", []) if s in used]
    names += sorted(used - set(names))
    return names, lambda path: by_path.get(Path(path).resolve())


def folder_styles(data: Path) -> tuple[list[str], StyleOf]:
    root = data.resolve()

    def style_of(path: Path) -> str | None:
        parts = Path(path).resolve().relative_to(root).parts
        return parts[0] if len(parts) > 1 else None

    found, _ = find_audio_files(data)
    names = sorted({s for s in map(style_of, found) if s})
    return names, style_of


STYLE_SOURCES: dict[str, Callable[[Path], tuple[list[str], StyleOf]]] = {
    "manifest": manifest_styles,
    "folders": folder_styles,
}


def style_source(how: str, data: str | Path) -> tuple[list[str], StyleOf | None]:
    """``(style names, path → style)`` for ``--styles-from how`` (``off``: ``([], None)``)."""
    if how == "off":
        return [], None
    data = Path(data)
    if not data.is_dir():
        raise UserError(f"--styles-from {how} needs --data to be a folder, not {data}")
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
    names, style_of = style_source(run.train.styles_from, data)
    if run.model.aux_classifier and not names:
        raise UserError("--aux-classifier names styles: it needs --styles-from manifest|folders")
    if run.model.styles and names != run.model.styles:
        raise UserError(f"this run was trained on styles {run.model.styles}, but {data} now "
                        f"gives {names or 'none'} (--styles-from {run.train.styles_from})")
    return dataclasses.replace(run, model=dataclasses.replace(run.model, styles=names)), style_of
