"""Files the daemon writes: rendered phrases and kits, always inside its output folder."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from wavegan.audio_io import write_audio

_SAFE = re.compile(r"[^A-Za-z0-9._-]+")


class UnsafeName(ValueError):
    """A name that would write outside the output folder."""


def safe_path(root: Path, name: str, suffix: str) -> Path:
    """``root/<sanitised name><suffix>``; refuses absolute paths, ``..`` and empty names."""
    raw = str(name)
    if not raw.strip() or raw.startswith(("/", "\\", "~")) or ".." in raw or ":" in raw:
        raise UnsafeName(f"refused name {raw!r}: use a plain file name inside the output folder")
    stem = _SAFE.sub("_", raw).strip("._") or "untitled"
    if not stem.endswith(suffix):
        stem += suffix
    path = (root / stem).resolve()
    if path.parent != root.resolve():
        raise UnsafeName(f"refused name {raw!r}: resolves outside the output folder")
    return path


def write_phrase(root: Path, name: str, audio: np.ndarray, rate: int) -> Path:
    """Write audio as WAV (24-bit) or FLAC when the name ends in .flac."""
    fmt = "flac" if str(name).lower().endswith(".flac") else "wav"
    path = safe_path(root, name, f".{fmt}")
    root.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    write_audio(tmp, audio, rate, fmt)
    os.replace(tmp, path)
    return path


def save_kit(root: Path, name: str, kit: dict[str, Any]) -> Path:
    path = safe_path(root / "kits", name, ".json")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(kit, indent=2))
    os.replace(tmp, path)
    return path


def load_kit(root: Path, name: str) -> dict[str, Any]:
    """The kit in ``kits/<name>.json`` when that file exists (placed by hand, spaces and all:
    program change lists kits by their file names), else the one saved as ``name``."""
    path = safe_path(root / "kits", name, ".json")   # refuses unsafe names first
    exact = root / "kits" / f"{name}.json"
    if exact.is_file() and exact.resolve().parent == path.parent:
        path = exact
    elif not path.is_file():
        raise FileNotFoundError(f"no kit named {name!r} in {path.parent}")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as exc:
        raise ValueError(f"kit {name!r} is not valid JSON ({exc})") from None


def kit_names(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "kits").glob("*.json"))
