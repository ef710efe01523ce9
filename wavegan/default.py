"""Where the bundled default checkpoint lives."""

from __future__ import annotations

from pathlib import Path

DEFAULT_CHECKPOINT = Path(__file__).with_name("default_checkpoint")


def default_checkpoint_path() -> Path:
    return DEFAULT_CHECKPOINT
