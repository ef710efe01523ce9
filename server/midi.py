"""MIDI input for the daemon: a virtual port "wavegan" (or an existing port) → controller calls.

Backends (python-rtmidi, one API per platform, first that opens wins):
  * macOS: CoreMIDI — a virtual destination "wavegan" that any DAW can pick.
  * Linux with an ALSA sequencer (/dev/snd/seq): ALSA seq client "wavegan", port "wavegan".
  * Linux without ALSA seq, or when ALSA fails: JACK MIDI — client "wavegan", port
    "wavegan:wavegan" (needs a running jackd; we never autostart one: JACK_NO_START_SERVER=1).
  * Windows (WinMM) has no virtual ports: use ``--midi-in NAME`` with a loopMIDI port.

Threads: rtmidi calls ``_enqueue`` from its own thread (with JACK, the JACK process thread), so
that callback only stamps ``time.monotonic()`` and queues the raw bytes. A daemon thread parses
them with mido and calls the controller; anything malformed or unmapped is dropped (counted),
a controller call that raises is counted and logged, so neither a bad packet nor a controller
bug stops MIDI input.

Mapping (``MidiMapping``; the table in docs/midi.md is generated from it; Ableton Drum Rack /
GM channel 10, all channels accepted):
  note 36–51 on → ``trigger(pad, velocity/127)``; note off or velocity 0 → ``release(pad)``;
  CC 20–27 → ``set_macro(k, value∈[-1, 1])``; CC 7 → ``set_volume(v/127)``;
  CC 28 → ``set_style_knob(v/127)`` (a model's styles, a kit's grooves: the range split
  evenly);
  program change → ``load_kit_program(program)``; clock → ``on_tempo(bpm)`` (see server.clock);
  start/stop/continue → ``on_transport(kind, t)``.
"""

from __future__ import annotations

import logging
import os
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import mido

from server.clock import ClockConfig, MidiClock
from server.midi_rtmidi import MidiPortError, RtMidiBackend, candidate_apis
from server.realtime import control_threads

Log = Callable[[str], None] | logging.Logger


class MidiTarget(Protocol):
    """What MIDI input drives (server.controller.Controller implements it)."""

    def trigger(self, pad: int, velocity: float) -> Any: ...
    def release(self, pad: int) -> Any: ...
    def set_macro(self, k: int, value: float) -> Any: ...
    def set_volume(self, volume: float) -> Any: ...
    def set_style_knob(self, position: float) -> Any: ...
    def load_kit_program(self, program: int) -> Any: ...
    def on_tempo(self, bpm: float) -> Any: ...
    def on_transport(self, kind: str, t: float) -> Any: ...


@dataclass(frozen=True)
class MidiMapping:
    first_note: int = 36     # C1 in Ableton's naming: the Drum Rack's bottom-left pad
    pads: int = 16
    first_macro_cc: int = 20
    macros: int = 8
    volume_cc: int = 7
    style_cc: int = 28       # the knob after the macros

    def pad_for_note(self, note: int) -> int | None:
        pad = note - self.first_note
        return pad if 0 <= pad < self.pads else None

    def macro_for_cc(self, control: int) -> int | None:
        k = control - self.first_macro_cc
        return k if 0 <= k < self.macros else None


def cc_to_bipolar(value: int) -> float:
    """CC 0..127 → [-1, 1] with 0 → -1, 64 → 0 exactly (a knob's centre detent), 127 → +1."""
    value = min(max(int(value), 0), 127)
    return (value - 64) / 64.0 if value < 64 else (value - 64) / 63.0


def as_log(log: Log | None) -> Callable[[str], None]:
    """Accept a ``logging.Logger`` or any ``print``-like callable."""
    if log is None:
        return logging.getLogger("wavegan.midi").info
    if isinstance(log, logging.Logger):
        return log.info
    return log


# -- dispatch: mido messages → controller calls ----------------------------------------------
@dataclass
class MidiDispatcher:
    """Turns parsed MIDI messages into controller calls; never raises."""

    controller: MidiTarget
    log: Callable[[str], None]
    mapping: MidiMapping = field(default_factory=MidiMapping)
    clock: MidiClock = field(default_factory=MidiClock)
    errors: int = 0
    ignored: int = 0
    handled: int = 0

    def handle_bytes(self, data: list[int] | bytes, t: float) -> None:
        try:
            msg = mido.Message.from_bytes(list(data))
        except (ValueError, TypeError, IndexError):
            self.ignored += 1  # malformed bytes: drop silently (counted)
            return
        self.handle(msg, t)

    def handle(self, msg: Any, t: float) -> None:
        try:
            if self._dispatch(msg, t):
                self.handled += 1
            else:
                self.ignored += 1
        except Exception as exc:  # a controller bug must not stop MIDI input
            self.errors += 1
            if self.errors <= 5 or self.errors % 100 == 0:
                self.log(f"MIDI: error handling {msg!r}: {type(exc).__name__}: {exc} "
                         f"({self.errors} so far)")

    def _dispatch(self, msg: Any, t: float) -> bool:
        c = self.controller
        kind = msg.type
        if kind == "clock":
            bpm = self.clock.tick(t)
            if bpm is not None:
                c.on_tempo(bpm)
            return True
        if kind in ("note_on", "note_off"):
            pad = self.mapping.pad_for_note(msg.note)
            if pad is None:
                return False
            if kind == "note_on" and msg.velocity > 0:
                c.trigger(pad, msg.velocity / 127.0)
            else:
                c.release(pad)
            return True
        if kind == "control_change":
            macro = self.mapping.macro_for_cc(msg.control)
            if macro is not None:
                c.set_macro(macro, cc_to_bipolar(msg.value))
                return True
            if msg.control == self.mapping.volume_cc:
                c.set_volume(msg.value / 127.0)
                return True
            if msg.control == self.mapping.style_cc:
                c.set_style_knob(msg.value / 127.0)
                return True
            return False
        if kind == "program_change":
            c.load_kit_program(msg.program)
            return True
        if kind == "start":
            self.clock.start(t)
        elif kind == "stop":
            self.clock.stop(t)
        elif kind == "continue":
            self.clock.continue_(t)
        elif kind == "songpos":
            self.clock.song_position(msg.pos)
            return True
        else:
            return False
        c.on_transport(kind, t)
        return True


# -- backends (implementation: server.midi_rtmidi) ----------------------------------------
class InputPort(Protocol):
    name: str

    def close(self) -> None: ...


class MidiBackend(Protocol):
    """Opens MIDI inputs; ``on_bytes(data, t)`` is called from the backend's thread."""

    api: str

    def input_names(self) -> list[str]: ...
    def open_input(self, name: str | None,
                   on_bytes: Callable[[list[int], float], None]) -> InputPort: ...


# -- the handle the daemon keeps -----------------------------------------------------------
class MidiInput:
    """A running MIDI input: backend port + dispatch thread. ``close()`` stops both."""

    def __init__(self, backend: MidiBackend, dispatcher: MidiDispatcher,
                 port_name: str | None) -> None:
        self.backend = backend
        self.dispatcher = dispatcher
        self._queue: queue.SimpleQueue = queue.SimpleQueue()
        self.port: InputPort | None = None
        self._thread = threading.Thread(target=self._run, name="wavegan-midi", daemon=True)
        self._thread.start()
        try:
            self.port = backend.open_input(port_name, self._enqueue)
        except BaseException:
            self._stop_thread()
            raise

    @property
    def api(self) -> str:
        return self.backend.api

    @property
    def clock(self) -> MidiClock:
        return self.dispatcher.clock

    def _enqueue(self, data: list[int], t: float) -> None:
        self._queue.put((data, t))

    def _run(self) -> None:
        control_threads.enter("wavegan-midi")
        while True:
            item = self._queue.get()
            if item is None:
                return
            self.dispatcher.handle_bytes(*item)

    def _stop_thread(self) -> None:
        self._queue.put(None)
        self._thread.join(timeout=2.0)

    def close(self) -> None:
        """Close the port explicitly (rtmidi), then drain and stop the dispatch thread."""
        if self.port is not None:
            self.port.close()
            self.port = None
        if self._thread.is_alive():
            self._stop_thread()

    def __enter__(self) -> MidiInput:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def start_midi(controller: MidiTarget, port_name: str | None, log: Log | None = None, *,
               mapping: MidiMapping | None = None, clock_config: ClockConfig | None = None,
               backends: list[MidiBackend] | None = None) -> MidiInput | None:
    """Open MIDI input for ``controller`` and start receiving; never blocks the caller.

    ``port_name`` None → a virtual input "wavegan" that DAWs send to; else connect to that
    existing output port (exact name or a unique substring). Returns the running handle (call
    ``.close()`` on shutdown), or None after logging one line when no MIDI backend can open (the
    daemon keeps serving OSC). Raises MidiPortError (a UserError) when ``port_name`` matches no
    port on a working backend.
    """
    say = as_log(log)
    os.environ.setdefault("JACK_NO_START_SERVER", "1")
    mido.Message.from_bytes([0x90, 60, 0])  # warm mido's parser: the first note is not late
    if backends is None:
        try:
            backends = [RtMidiBackend(api) for api in candidate_apis()]
        except ImportError as exc:
            say(f"MIDI: disabled ({exc}); OSC only")
            return None
    failures: list[str] = []
    for backend in backends:
        dispatcher = MidiDispatcher(controller, say, mapping or MidiMapping(),
                                    MidiClock(clock_config or ClockConfig()))
        try:
            handle = MidiInput(backend, dispatcher, port_name)
        except MidiPortError:
            raise
        except Exception as exc:  # rtmidi raises its own SystemError/RtMidiError subclasses
            failures.append(f"{backend.api}: {str(exc).strip() or type(exc).__name__}")
            continue
        where = (f"virtual input {handle.port.name!r}" if port_name is None
                 else f"input connected to {handle.port.name!r}")
        say(f"MIDI: {where} via {backend.api} "
            f"(notes {dispatcher.mapping.first_note}-"
            f"{dispatcher.mapping.first_note + dispatcher.mapping.pads - 1} → pads)")
        return handle
    detail = "; ".join(failures) or "no rtmidi API for this platform"
    say(f"MIDI: no MIDI backend available ({detail}); serving OSC only "
        f"(start jackd or use --no-midi)")
    return None
