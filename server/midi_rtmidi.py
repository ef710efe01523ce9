"""python-rtmidi backend for server.midi: CoreMIDI, ALSA sequencer, JACK MIDI, WinMM.

``candidate_apis()`` picks the APIs to try on this machine, best first; ``RtMidiBackend(api)``
opens a virtual input "wavegan" or connects to an existing port. With ALSA and CoreMIDI rtmidi
calls back from its own thread and ``_rtmidi_callback`` only stamps the receipt time and hands
the bytes on. With JACK rtmidi would call back from the JACK process thread, which would then
wait for Python's GIL inside the JACK cycle and stall the whole graph (the daemon's audio
output included: xruns, late notes). So under JACK nothing Python runs there: rtmidi queues
the events in C and a :class:`Poller` thread drains that queue every ``POLL_INTERVAL``.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from server.realtime import control_threads
from wavegan.errors import UserError

VIRTUAL_PORT_NAME = "wavegan"
CLIENT_NAME = "wavegan"
ALSA_SEQ_DEVICE = "/dev/snd/seq"


class MidiPortError(UserError):
    """``--midi-in NAME`` names no existing MIDI port."""


@dataclass
class SysexGuard:
    """Keeps rtmidi's JACK reader from going deaf after a stray SysEx start byte.

    rtmidi's JACK input treats an event that starts with 0xF0 and does not end with 0xF7 as the
    first fragment of a SysEx and appends every later event to it until one ends with 0xF7: a
    single junk event would mute the port indefinitely. On JACK a real SysEx always arrives whole
    in one event, so the guard sends a lone 0xF7 to our own input every ``interval`` seconds,
    which closes any such fragment (at most ``interval`` of input is lost after junk) and is
    otherwise dropped as an invalid message.
    """

    midi_out: Any
    interval: float = 0.05
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    @classmethod
    def attach(cls, api: str, our_port: str, ports_before: set[str],
               interval: float = 0.05) -> SysexGuard | None:
        import rtmidi

        midi_out = rtmidi.MidiOut(rtapi=getattr(rtmidi, f"API_{api}"),
                                  name=CLIENT_NAME + "-guard")
        ports = list(midi_out.get_ports())
        new = [i for i, p in enumerate(ports)
               if p not in ports_before and p.endswith(":" + our_port)]
        if len(new) != 1:
            midi_out.delete()
            return None
        midi_out.open_port(new[0], "guard")
        guard = cls(midi_out, interval)
        guard._thread = threading.Thread(target=guard._run, name="wavegan-midi-guard",
                                         daemon=True)
        guard._thread.start()
        return guard

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.midi_out.send_message([0xF7])
            except Exception:  # server gone: nothing left to guard
                return

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2.0)
        self.midi_out.close_port()
        self.midi_out.delete()


POLL_INTERVAL = 0.0005  # seconds between looks at rtmidi's queue (JACK only)


class Poller:
    """Drains ``midi_in``'s C-side queue from a Python thread (no callback in the JACK thread).

    Each message goes through the same stamp-and-hand-over path as a callback would, so
    receipt times still come from rtmidi's C-side deltas. Costs one GIL round trip per
    ``interval`` when idle (about 8 % of one core of a 2-vCPU VM at 0.5 ms: timer wake-ups).
    """

    def __init__(self, midi_in: Any, data: tuple[Callable, ReceiptClock],
                 interval: float = POLL_INTERVAL) -> None:
        self.midi_in, self.data, self.interval = midi_in, data, interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="wavegan-midi-poll", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        control_threads.enter("wavegan-midi-poll")
        get, wait = self.midi_in.get_message, self._stop.wait
        while not wait(self.interval):
            while (event := get()) is not None:
                _rtmidi_callback(event, self.data)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2.0)


@dataclass
class RtMidiPort:
    name: str
    midi_in: Any
    guard: SysexGuard | None = None
    poller: Poller | None = None

    def close(self) -> None:
        if self.guard is not None:
            self.guard.close()
            self.guard = None
        if self.poller is not None:
            self.poller.close()
            self.poller = None
        m, self.midi_in = self.midi_in, None
        if m is None:
            return
        m.cancel_callback()  # a no-op when polled
        m.close_port()
        m.delete()


@dataclass
class RtMidiBackend:
    """python-rtmidi with one API (``"LINUX_ALSA"``, ``"UNIX_JACK"``, ``"MACOSX_CORE"``, …)."""

    api: str

    def _midi_in(self, client_name: str = CLIENT_NAME) -> Any:
        import rtmidi

        # rtmidi's default error handler raises RtMidiError subclasses: keep it.
        return rtmidi.MidiIn(rtapi=getattr(rtmidi, f"API_{self.api}"), name=client_name)

    def input_names(self) -> list[str]:
        midi_in = self._midi_in(CLIENT_NAME + "-probe")
        try:
            return list(midi_in.get_ports())
        finally:
            midi_in.delete()

    def open_input(self, name: str | None,
                   on_bytes: Callable[[list[int], float], None]) -> RtMidiPort:
        midi_in = self._midi_in()
        port = RtMidiPort("", midi_in)
        try:
            jack = self.api == "UNIX_JACK"
            before = set(self._writable_ports()) if jack else set()
            if name is None:
                own = VIRTUAL_PORT_NAME
                midi_in.open_virtual_port(own)
                port.name = VIRTUAL_PORT_NAME
            else:
                ports = list(midi_in.get_ports())
                index = resolve_port(name, ports)
                own = "in"
                midi_in.open_port(index, own)
                port.name = ports[index]
            midi_in.ignore_types(sysex=False, timing=False, active_sense=False)
            data = (on_bytes, ReceiptClock())
            if jack:
                port.poller = Poller(midi_in, data)
                port.guard = SysexGuard.attach(self.api, own, before)
            else:
                midi_in.set_callback(_rtmidi_callback, data)
        except BaseException:
            port.close()
            raise
        return port

    def _writable_ports(self) -> list[str]:
        import rtmidi

        probe = rtmidi.MidiOut(rtapi=getattr(rtmidi, f"API_{self.api}"),
                               name=CLIENT_NAME + "-probe")
        try:
            return list(probe.get_ports())
        finally:
            probe.delete()


@dataclass
class ReceiptClock:
    """Receipt times that a busy interpreter cannot smear.

    rtmidi stamps each message (seconds since the previous one) in C, before the Python callback
    waits for the GIL; a callback can run late, never early. So the receipt time is a fixed
    offset plus the summed deltas, with the offset tracked as the running minimum of
    ``now - elapsed`` (the least-delayed callback wins). The minimum leaks upward by ``leak``
    seconds per message so a lost delta (a message rtmidi dropped inside a broken SysEx) cannot
    skew the times for long. Every message must reach ``stamp`` — rtmidi's own ignore filters
    would drop deltas — so filtering happens in Python.
    """

    leak: float = 0.0002
    elapsed: float = 0.0
    offset: float | None = None

    def stamp(self, delta: float, now: float) -> float:
        self.elapsed += max(0.0, delta)
        candidate = now - self.elapsed
        if self.offset is None or candidate < self.offset + self.leak:
            self.offset = candidate
        else:
            self.offset += self.leak
        return self.offset + self.elapsed


IGNORED_STATUS = (0xF0, 0xFE)  # SysEx, Active Sensing: never mapped, dropped here


def _rtmidi_callback(event: tuple[list[int], float], data: tuple[Callable, ReceiptClock]) -> None:
    """rtmidi's thread (JACK process thread under JACK): stamp and hand over, nothing more."""
    on_bytes, clock = data
    message, delta = event
    t = clock.stamp(delta, time.monotonic())
    if message and message[0] not in IGNORED_STATUS:
        on_bytes(message, t)


def resolve_port(name: str, ports: list[str]) -> int:
    """Index of ``name`` in ``ports``: exact match, else a unique case-insensitive substring."""
    if name in ports:
        return ports.index(name)
    hits = [i for i, p in enumerate(ports) if name.lower() in p.lower()]
    if len(hits) == 1:
        return hits[0]
    listing = ", ".join(repr(p) for p in ports) or "none"
    why = "matches several ports" if hits else "no such MIDI port"
    raise MidiPortError(f"--midi-in {name!r}: {why}; available inputs: {listing}")


def candidate_apis(platform: str | None = None, compiled: list[str] | None = None,
                   alsa_seq: bool | None = None) -> list[str]:
    """rtmidi APIs to try on this machine, best first (see module docstring)."""
    import rtmidi

    platform = platform or sys.platform
    if compiled is None:
        compiled = [name for name in _APIS if getattr(rtmidi, f"API_{name}", None)
                    in rtmidi.get_compiled_api()]
    if alsa_seq is None:
        alsa_seq = os.path.exists(ALSA_SEQ_DEVICE)
    if platform == "darwin":
        order = ["MACOSX_CORE", "UNIX_JACK"]
    elif platform.startswith("win"):
        order = ["WINDOWS_MM"]
    else:
        order = (["LINUX_ALSA"] if alsa_seq else []) + ["UNIX_JACK"]
    return [api for api in order if api in compiled]


_APIS = ("MACOSX_CORE", "LINUX_ALSA", "UNIX_JACK", "WINDOWS_MM")
