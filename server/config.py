"""Daemon settings: a dataclass filled from defaults < ``--config serve.toml`` < flags."""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wavegan.errors import UserError
from wavegan.generator import BACKENDS
from wavegan.precision import SERVING as PRECISIONS


@dataclass
class ServeConfig:
    checkpoint: str | None = None      # None = the bundled default model
    osc_host: str = "127.0.0.1"
    osc_port: int = 9100
    reply_port: int | None = None      # None = reply to the sender's port
    midi_in: str | None = None         # None = open a virtual port "wavegan"
    midi: bool = True
    audio: bool = True
    audio_device: str | None = None
    block_size: int = 256
    out: str = "out"
    backend: str = "auto"
    precision: str = "auto"            # auto | fp32 | bf16 (wavegan.precision.for_serving)
    bpm: float = 120.0
    max_voices: int = 32
    crossfade_ms: float = 15.0
    seed: int = 0
    style: str | None = None           # conditional models: style (mix) to start with
    realtime: bool = True              # OSC/MIDI threads SCHED_FIFO where allowed
    render_threads: int = 0            # TensorFlow threads for renders; 0 = every core

    def __post_init__(self) -> None:
        """Reject values the daemon cannot run with, naming the setting (flag or TOML key)."""
        checks = (("bpm", 20, 400), ("block_size", 16, 8192),
                  ("max_voices", 1, 1024), ("crossfade_ms", 0, 1000))
        for name, lo, hi in checks:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                raise UserError(f"{name} = {value!r}: needs a number in {lo}..{hi}")
            if not lo <= value <= hi:
                raise UserError(f"{name} = {value}: outside {lo}..{hi}")
        for name, lo, hi in (("osc_port", 0, 65535), ("reply_port", 1, 65535),
                             ("seed", 0, 2**31 - 17),     # pads take seed … seed+15 (int32)
                             ("render_threads", 0, 1024)):
            value = getattr(self, name)
            if value is None and name == "reply_port":
                continue
            if isinstance(value, bool) or not isinstance(value, int):
                raise UserError(f"{name} = {value!r}: needs a whole number in {lo}..{hi}")
            if not lo <= value <= hi:
                raise UserError(f"{name} = {value}: outside {lo}..{hi}")
        if self.backend not in BACKENDS:
            raise UserError(f"backend = {self.backend!r}: choose one of {', '.join(BACKENDS)}")
        if self.precision not in PRECISIONS:
            raise UserError(f"precision = {self.precision!r}: choose one of "
                            f"{', '.join(PRECISIONS)}")
        for name in ("osc_host", "out"):
            if not isinstance(getattr(self, name), str) or not getattr(self, name):
                raise UserError(f"{name} = {getattr(self, name)!r}: needs a non-empty string")
        for name in ("checkpoint", "midi_in", "style"):
            if getattr(self, name) is not None and not isinstance(getattr(self, name), str):
                raise UserError(f"{name} = {getattr(self, name)!r}: needs a string")
        for name in ("midi", "audio", "realtime"):
            if not isinstance(getattr(self, name), bool):
                raise UserError(f"{name} = {getattr(self, name)!r}: needs true or false")

    @classmethod
    def names(cls) -> list[str]:
        """The settings, each also a ``wavegan serve`` flag (``midi``/``audio``/``realtime`` as
        ``--no-…``)."""
        return [f.name for f in dataclasses.fields(cls)]

    @classmethod
    def from_toml(cls, path: str | Path) -> dict[str, Any]:
        """The ``[serve]`` table (or the top level) of a TOML file, keys spelt as the settings
        (``osc_port``) or as the flags (``osc-port``, ``no-midi = true``)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text())
        except FileNotFoundError:
            raise UserError(f"--config {path}: no such file") from None
        except tomllib.TOMLDecodeError as exc:
            raise UserError(f"--config {path}: not valid TOML ({exc})") from None
        values: dict[str, Any] = {}
        unknown = []
        for key, value in data.get("serve", data).items():
            name = key.replace("-", "_")
            if name in ("no_midi", "no_audio", "no_realtime") and isinstance(value, bool):
                name, value = name[3:], not value
            if name not in cls.names():
                unknown.append(key)
            values[name] = value
        if unknown:
            raise UserError(f"--config {path}: unknown setting(s) {', '.join(unknown)}")
        return values

    @classmethod
    def build(cls, file_values: dict[str, Any], flags: dict[str, Any]) -> ServeConfig:
        values = {**file_values, **{k: v for k, v in flags.items() if v is not None}}
        if values.get("audio_device") is not None:
            values["audio_device"] = str(values["audio_device"])   # TOML may give 3
        return cls(**values)
