"""The Controller: the one object OSC and MIDI both drive.

Every method returns at once (generation and file writing happen on worker threads) and
raises ``ValueError``/``FileNotFoundError`` with a message meant for the user on bad input.
Results that arrive later (a new phrase, a written file) go to the ``reply`` callable the
caller passes, as ``(address, *args)``.

API: ``trigger(pad, velocity=1.0)`` (velocity 0..1), ``release(pad)``, ``randomize(pad,
seed=None) -> seed``, ``set_z(pad, z)``, ``morph(a, b, t, target)``, ``walk(pad, step)``,
``undo()``, ``set_macro(k, value)`` (k 0..7, value -1..1), ``set_volume(v)`` (0..1),
``set_choke(pad, on)``, ``set_style(choice) -> tag``, ``set_style_knob(0..1)``,
``stream_start(bpm=None)``,
``stream_stop()``, ``set_tempo(bpm)``, ``render(name, what)``, ``kit_save(name)``,
``kit_load(name)``, ``load_kit_program(program)``, ``on_transport(event, t)``,
``on_tempo(bpm)``, ``status() -> dict``.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from server import files
from server.groove import GROOVES, GrooveStream
from server.instruments import NOT_A_KIT
from server.osc_api import clip
from server.pads import Pad, PadBank
from server.stream import Streamer
from wavegan import __version__
from wavegan.conditioning import parse_style, style_tag
from wavegan.generator import NO_STYLES
from wavegan.latent import slerp, walk_step, z_from_seed

log = logging.getLogger("wavegan.serve")
SEED_LIMIT = 2**24   # random seeds stay exact in Pd's and Max's 32-bit floats
SEED_MAX = 2**31 - 1  # a seed given must fit an OSC int32 (the /wavegan/pad reply carries it)
Reply = Callable[..., None]


def _nothing(*_args) -> None:
    pass


class Controller:
    def __init__(self, bank: PadBank, mixer, out_dir: Path, *, label: str = "",
                 checkpoint_id: str = "", crossfade_ms: float = 15.0, seed: int = 0,
                 bpm: float = 120.0):
        self.bank = bank
        self.mixer = mixer            # an engine's Mixer, or a NullMixer when headless
        self.out_dir = Path(out_dir)
        self.label = label
        self.checkpoint_id = checkpoint_id
        stream = GrooveStream if bank.instruments.kit else Streamer   # a kit plays grooves
        self.streamer = stream(bank, mixer, crossfade_ms, seed)
        self.streamer.set_tempo(bpm)
        self.clock = None             # the MIDI clock (server.clock.MidiClock) when MIDI is on
        self._rng = np.random.default_rng(seed)
        self._jobs: queue.Queue = queue.Queue()   # slow work (files) off the control thread
        self._walkers = threading.Event()
        threading.Thread(target=self._file_worker, name="wavegan-files", daemon=True).start()
        threading.Thread(target=self._walk_loop, name="wavegan-walk", daemon=True).start()

    def use_mixer(self, mixer) -> None:
        """Play through ``mixer`` from now on, streams included (the daemon falls back to a
        NullMixer when its audio device will not start)."""
        self.mixer = self.streamer.mixer = mixer

    # -- helpers --------------------------------------------------------------------------------
    def _pad(self, pad) -> int:
        p = int(round(float(pad)))
        if not 0 <= p < len(self.bank.pads):
            raise ValueError(f"pad {pad} is outside 0..{len(self.bank.pads) - 1}")
        return p

    @staticmethod
    def _seed(seed) -> int:
        s = int(seed)
        if not 0 <= s <= SEED_MAX:
            raise ValueError(f"seed {seed} is outside 0..{SEED_MAX}")
        return s

    def _ready(self, reply: Reply) -> Callable[[Pad], None]:
        return lambda p: reply("/wavegan/pad", p.index, -1 if p.seed is None else p.seed)

    @staticmethod
    def _failed(reply: Reply, address: str) -> Callable[[Exception], None]:
        return lambda exc: reply("/wavegan/error", address, clip(f"generation failed: {exc}"))

    # -- playing --------------------------------------------------------------------------------
    def trigger(self, pad, velocity: float = 1.0) -> None:
        p = self.bank.pads[self._pad(pad)]
        v = float(velocity)
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"velocity {velocity} is outside 0..1")
        if p.buffer is not None and v > 0:
            self.mixer.trigger(p.buffer, v, p.index, p.choke)

    def release(self, pad) -> None:
        p = self.bank.pads[self._pad(pad)]
        if p.choke:
            self.mixer.release(p.index)

    def set_choke(self, pad, on) -> None:
        self.bank.pads[self._pad(pad)].choke = bool(on)

    def set_volume(self, v) -> None:
        v = float(v)
        if not 0.0 <= v <= 1.0:
            raise ValueError(f"volume {v} is outside 0..1")
        self.mixer.volume = v

    # -- latent browsing ------------------------------------------------------------------------
    def randomize(self, pad, seed=None, reply: Reply = _nothing) -> int:
        p = self._pad(pad)
        seed = secrets.randbelow(SEED_LIMIT) if seed is None else self._seed(seed)
        self.bank.set_latent(p, z_from_seed(seed, self.bank.gen.config.latent_dim), seed,
                             self._ready(reply), failed=self._failed(reply, "/wavegan/randomize"))
        return seed

    def set_instrument(self, pad, name, reply: Reply = _nothing) -> None:
        """A kit's pad plays another instrument (a class the model knows): answered at once
        with ``/wavegan/instrument pad name``, then ``/wavegan/pad`` when it sounds."""
        pad = self._pad(pad)
        self.bank.instruments.set(pad, str(name))   # an unknown name is refused here
        reply("/wavegan/instrument", pad, str(name))   # before the render can answer
        self.bank.set_instrument(pad, str(name), self._ready(reply),
                                 failed=self._failed(reply, "/wavegan/pad/instrument"))

    def instruments(self, reply: Reply = _nothing) -> None:
        """A kit's instruments, one ``/wavegan/instrument pad name`` per pad (for displays)."""
        if not self.bank.instruments.kit:
            raise ValueError(NOT_A_KIT)
        for pad, name in enumerate(self.bank.instruments.names):
            reply("/wavegan/instrument", pad, name)

    def set_z(self, pad, z, reply: Reply = _nothing) -> None:
        z = np.asarray(z, np.float32)
        dim = self.bank.gen.config.latent_dim
        if z.shape != (dim,) or not np.all(np.isfinite(z)):
            raise ValueError(f"z needs {dim} finite numbers, got {z.size}")
        self.bank.set_latent(self._pad(pad), np.clip(z, -1, 1), None, self._ready(reply),
                             failed=self._failed(reply, "/wavegan/z"))

    def morph(self, a, b, t, target, reply: Reply = _nothing) -> None:
        t = float(t)
        if not 0.0 <= t <= 1.0:
            raise ValueError(f"t {t} is outside 0..1")
        pa, pb = self.bank.pads[self._pad(a)], self.bank.pads[self._pad(b)]
        seed = pa.seed if t == 0 else pb.seed if t == 1 else None
        self.bank.set_latent(self._pad(target), slerp(pa.z, pb.z, t), seed, self._ready(reply),
                             failed=self._failed(reply, "/wavegan/morph"))

    def walk(self, pad, step) -> None:
        step = float(step)
        if not 0.0 <= step <= 1.0:
            raise ValueError(f"walk step {step} is outside 0..1 (0 = off)")
        self.bank.pads[self._pad(pad)].walk = step
        if any(p.walk for p in self.bank.pads):
            self._walkers.set()

    def _walk_loop(self) -> None:
        while True:
            self._walkers.wait()
            self._walkers.clear()      # before looking: a walk() after this look sets it again
            walking = [p for p in self.bank.pads if p.walk]
            if not walking:
                continue
            self._walkers.set()
            for p in walking:
                self.bank.set_latent(p.index, walk_step(p.z, p.walk, self._rng), None,
                                     undoable=False)
            self.bank.wait_idle(5.0)
            threading.Event().wait(0.25)

    def undo(self, reply: Reply = _nothing) -> int:
        return self.bank.undo(self._ready(reply), self._failed(reply, "/wavegan/undo"))

    def set_macro(self, k, value) -> None:
        k, value = int(round(float(k))), float(value)
        if not 0 <= k < len(self.bank.macro_values):
            raise ValueError(f"macro {k} is outside 0..{len(self.bank.macro_values) - 1}")
        if not -1.0 <= value <= 1.0:
            raise ValueError(f"macro value {value} is outside -1..1")
        self.bank.set_macro(k, value)

    def set_style(self, choice) -> str:
        """Play a style (conditional models): a name, an index, a mix ``"a=w,b=w"``, or one
        weight per style; returns the style's tag (``funk``, ``funk70-rock30``). A kit's
        styles are its instruments, so for a kit this chooses the groove its stream plays."""
        if self.bank.instruments.kit:
            return self.streamer.set_groove(choice)
        if not self.bank.gen.config.styles:
            raise ValueError(NO_STYLES)
        if isinstance(choice, (list, tuple)) and len(choice) == 1:
            choice = choice[0]
        if isinstance(choice, (list, tuple)):
            choice = [float(c) for c in choice]
        elif not isinstance(choice, str):
            choice = int(round(float(choice)))
        weights = self.bank.gen.style_weights(choice)
        self.bank.set_style(weights)
        return style_tag(self.bank.gen.config.styles, weights)

    def set_style_knob(self, position) -> str:
        """A knob (MIDI CC 28) over the styles (a kit's: its grooves): 0..1 split evenly,
        first style at 0."""
        if self.bank.instruments.kit:
            return self.streamer.set_groove(min(len(GROOVES) - 1,
                                                int(float(position) * len(GROOVES))))
        styles = self.bank.gen.config.styles
        if not styles:
            raise ValueError(NO_STYLES)
        index = min(len(styles) - 1, int(float(position) * len(styles)))
        if self.bank.style[index] == 1.0:
            return styles[index]       # a knob sends many values: re-render only on a change
        return self.set_style(index)

    # -- streaming and tempo --------------------------------------------------------------------
    def stream_start(self, bpm=None, at: float | None = None) -> None:
        self.streamer.start(float(bpm) if bpm else None, at)

    def stream_stop(self) -> None:
        self.streamer.stop()

    @property
    def tempo_source(self) -> str:
        """``midi clock`` while clock ticks arrive (none for longer than the clock's gap means
        it stopped), else ``internal``."""
        c = self.clock
        ticking = (c is not None and c.bpm is not None and c.last_tick_time is not None
                   and time.monotonic() - c.last_tick_time <= c.config.gap_seconds)
        return "midi clock" if ticking else "internal"

    def set_tempo(self, bpm) -> None:
        """The stream's tempo when no MIDI clock runs (``/wavegan/tempo``); refused while one
        does, since the clock would silently win."""
        if self.tempo_source == "midi clock":
            raise ValueError(f"a MIDI clock sets the tempo ({self.streamer.bpm:g} BPM); "
                             f"/wavegan/tempo applies when it stops")
        self.streamer.set_tempo(float(bpm))

    def on_tempo(self, bpm: float) -> None:
        self.streamer.set_tempo(bpm)

    def on_transport(self, event: str, t: float) -> None:
        if event == "start":
            if self.mixer.live:              # headless, the host's transport plays nothing
                self.streamer.start(None, at=t)
        elif event == "continue":
            if self.mixer.live and not self.streamer.running:
                self.streamer.start(None, at=t)
        elif event == "stop":
            self.streamer.stop()

    # -- files ----------------------------------------------------------------------------------
    def render(self, name, what=None, reply: Reply = _nothing) -> None:
        """``what``: an int pad (default 0), a float number of stream seconds, or
        ``("morph", a, b, steps)``. Replies ``/wavegan/rendered <path>`` when written."""
        files.safe_path(self.out_dir, str(name), ".wav")  # refuse bad names right away
        if isinstance(what, tuple):
            _, a, b, steps = what
            a, b, steps = self._pad(a), self._pad(b), int(steps)
            if not 2 <= steps <= 64:
                raise ValueError("a morph render needs 2..64 steps")
        elif isinstance(what, float):
            if not 0 < what <= 600:
                raise ValueError(f"render seconds {what} is outside 0..600")
        else:
            what = self._pad(0 if what is None else what)
        address = "/wavegan/render/morph" if isinstance(what, tuple) else "/wavegan/render"
        self._jobs.put((str(name), what, reply, address))

    def _render_audio(self, what) -> np.ndarray:
        pads = self.bank.pads
        if isinstance(what, tuple):
            _, a, b, steps = what
            z = np.stack([slerp(pads[a].z, pads[b].z, t) for t in np.linspace(0, 1, steps)])
            audio = self.bank.phrases(z)
            return audio.reshape(-1, audio.shape[-1])
        if isinstance(what, float):
            return self.streamer.render(what)
        self.bank.wait_idle(10.0)
        if pads[what].phrase is None:
            raise ValueError(f"pad {what} has no phrase yet")
        return pads[what].phrase

    def _file_worker(self) -> None:
        while True:
            name, what, reply, address = self._jobs.get()
            try:
                path = files.write_phrase(self.out_dir, name, self._render_audio(what),
                                          self.bank.gen.config.sample_rate)
                log.info("rendered %s", path)
                reply("/wavegan/rendered", str(path))
            except Exception as exc:  # reported to the requester, never fatal
                log.warning("render %s failed: %s", name, exc)
                reply("/wavegan/error", address, clip(str(exc)))
            finally:
                self._jobs.task_done()

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until queued renders are written (shutdown)."""
        deadline = time.monotonic() + timeout
        while self._jobs.unfinished_tasks and time.monotonic() < deadline:
            time.sleep(0.01)

    def kit_save(self, name) -> Path:
        kit = {"checkpoint": self.checkpoint_id, "macros": self.bank.macro_values.tolist(),
               "pads": [{"z": p.z.tolist(), "seed": p.seed, "choke": p.choke}
                        for p in self.bank.pads]}
        if self.bank.instruments.kit:   # a kit's styles are its instruments
            kit["instruments"] = list(self.bank.instruments.names)
            kit["groove"] = self.streamer.groove
        elif self.bank.gen.config.styles:
            kit["style"] = dict(zip(self.bank.gen.config.styles,
                                    map(float, self.bank.style)))
        return files.save_kit(self.out_dir, str(name), kit)

    def kit_load(self, name, reply: Reply = _nothing) -> None:
        """Load a saved kit; a kit that does not fit changes nothing."""
        kit = files.load_kit(self.out_dir, str(name))
        z, seeds, chokes, macros = self._parse_kit(kit, str(name))
        style = self._kit_style(kit, str(name))
        if kit.get("checkpoint") and kit["checkpoint"] != self.checkpoint_id:
            log.warning("kit %s was saved with another checkpoint", name)
        groove = kit.get("groove") if self.bank.instruments.kit else None
        if groove is not None and groove not in GROOVES:
            raise ValueError(f"kit {name!r}: groove {groove!r} is none of {', '.join(GROOVES)}")
        if self.bank.instruments.kit and "instruments" in kit:
            self.bank.instruments.restore(kit["instruments"])
            self.instruments(reply)
        if groove is not None:
            self.streamer.set_groove(groove)
        if style is not None:
            self.bank.set_style(style)
        self.bank.macro_values[:] = macros
        failed = self._failed(reply, "/wavegan/kit/load")
        for i in range(len(z)):
            self.bank.pads[i].choke = chokes[i]
            self.bank.set_latent(i, z[i], seeds[i], self._ready(reply), failed=failed)

    def _parse_kit(self, kit, name: str):
        """``(z [pads, latent], seeds, chokes, macros [k])`` of a kit, all checked first."""
        n, dim = len(self.bank.pads), self.bank.gen.config.latent_dim
        k = len(self.bank.macro_values)
        unfit = ValueError(f"kit {name!r} does not fit this model ({n} pads of {dim}-dim "
                           f"latents and at most {k} macro values, all finite, expected)")
        try:
            pads = kit["pads"]
            z = np.asarray([p["z"] for p in pads], np.float32)
            seeds = [None if p.get("seed") is None else self._seed(p["seed"]) for p in pads]
            chokes = [bool(p.get("choke", False)) for p in pads]
            given = np.asarray(kit.get("macros", []), np.float32)
        except (TypeError, KeyError, ValueError, AttributeError, OverflowError):
            raise unfit from None
        if (z.shape != (n, dim) or given.ndim != 1 or len(given) > k
                or not np.all(np.isfinite(z)) or not np.all(np.isfinite(given))):
            raise unfit
        macros = np.zeros(k, np.float32)
        macros[:len(given)] = np.clip(given, -1.0, 1.0)
        return np.clip(z, -1.0, 1.0), seeds, chokes, macros

    def _kit_style(self, kit, name: str) -> np.ndarray | None:
        """The style weights a kit was saved with (None: none saved, or an unconditional
        model); a style this model does not know refuses the kit."""
        styles = self.bank.gen.config.styles
        saved = kit.get("style")
        if not styles or saved is None or self.bank.instruments.kit:
            return None
        if not isinstance(saved, dict):
            raise ValueError(f"kit {name!r}: its style is not a name → weight table")
        try:
            return parse_style(styles, ",".join(f"{k}={float(v)}" for k, v in saved.items()))
        except (TypeError, ValueError) as exc:
            raise ValueError(f"kit {name!r} does not fit this model: {exc}") from None

    def load_kit_program(self, program) -> None:
        names = files.kit_names(self.out_dir)
        if not names:
            raise FileNotFoundError("no saved kits: save one with /wavegan/kit/save NAME")
        program = int(program)
        if not 0 <= program < len(names):
            raise ValueError(f"program {program}: only {len(names)} kit(s) saved")
        self.kit_load(names[program])

    # -- status ---------------------------------------------------------------------------------
    def status(self) -> dict[str, Any]:
        cfg = self.bank.gen.config
        m = self.mixer
        return {
            "version": __version__, "model": self.label or self.checkpoint_id,
            "sample_rate": cfg.sample_rate, "phrase_len": cfg.slice_len,
            "phrase_seconds": round(cfg.duration_seconds, 4), "pads": len(self.bank.pads),
            "tempo": self.streamer.bpm, "tempo_source": self.tempo_source,
            "streaming": int(self.streamer.running),
            "audio": m.description, "voices": len(m.voices), "xruns": m.xruns,
            "stolen_voices": m.stolen, "volume": m.volume,
            "styles": ",".join(cfg.styles) or "none",
            "style": (self.streamer.groove if self.bank.instruments.kit
                      else style_tag(cfg.styles, self.bank.style) if cfg.styles else "none"),
            "precision": self.bank.gen.precision,
            "instruments": ",".join(self.bank.instruments.names) or "none",
        }
