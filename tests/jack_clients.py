"""JACK clients the end-to-end tests use as the "DAW": record audio, send MIDI, count xruns.

Recordings are indexed by JACK frame, not by how many process cycles ran: on a loaded 2-core
machine JACK may skip a client's cycle (an xrun), and a cycle counter would then place every
later sample one period early. Indexed by frame, a skipped cycle leaves a period of zeros and
everything after it stays where JACK played it.
"""

from __future__ import annotations

import queue
import time

import jack
import numpy as np


class JackRecorder:
    """Records ``channels`` audio inputs; optionally sends queued MIDI from a ``midi_out`` port.

    ``buf[i]`` is what arrived at JACK frame ``first_frame + i``. ``send(data)`` queues raw MIDI
    bytes that the next process cycle writes at offset 0; ``sent_frames`` holds each such
    cycle's frame. ``xruns`` counts the xruns the server reported to this client.
    """

    def __init__(self, name: str, channels: int = 1, seconds: float = 20.0,
                 midi_out: bool = False) -> None:
        self.client = jack.Client(name, no_start_server=True)
        self.ports = [self.client.inports.register(f"in_{i}") for i in range(channels)]
        self.midi_out = self.client.midi_outports.register("midi_out") if midi_out else None
        self.buf = np.zeros((int(self.client.samplerate * seconds), channels), np.float32)
        self.first_frame: int | None = None
        self.pos = 0          # one past the last recorded frame
        self.xruns = 0
        self.outbox: queue.SimpleQueue = queue.SimpleQueue()
        self.sent_frames: list[int] = []
        self.client.set_xrun_callback(self._xrun)
        self.client.set_process_callback(self._process)
        self.client.activate()

    def _xrun(self, delayed_usecs: float) -> None:
        self.xruns += 1

    def _process(self, frames: int) -> None:
        now = self.client.last_frame_time
        if self.first_frame is None:
            self.first_frame = now
        start = now - self.first_frame
        end = min(start + frames, len(self.buf))
        for i, port in enumerate(self.ports):
            self.buf[start:end, i] = port.get_array()[: max(end - start, 0)]
        self.pos = max(self.pos, end)
        if self.midi_out is None:
            return
        self.midi_out.clear_buffer()
        try:
            data = self.outbox.get_nowait()
        except queue.Empty:
            return
        self.midi_out.write_midi_event(0, data)
        self.sent_frames.append(now)

    def send(self, data: bytes) -> None:
        self.outbox.put(data)

    def connect_outputs(self, source_prefix: str = "PortAudio") -> list[str]:
        """Connect the first ``channels`` audio outputs whose names start with the prefix."""
        names = [p.name for p in self.client.get_ports(source_prefix, is_audio=True,
                                                       is_output=True)]
        assert names, f"no {source_prefix} output ports: {self.client.get_ports()}"
        for name, port in zip(names, self.ports):
            self.client.connect(name, port)
        return names

    def close(self) -> None:
        self.client.deactivate()
        self.client.close()


class StallingClient:
    """A JACK client whose process callback blocks for ``stall_s`` once, on its ``at``-th cycle.

    JACK reports that late cycle to every client as an xrun: the way to cause one on purpose.
    """

    def __init__(self, name: str = "wg-stall", at: int = 20, stall_s: float = 0.05) -> None:
        self.cycles = 0
        self.at, self.stall_s = at, stall_s
        self.client = jack.Client(name, no_start_server=True)
        self.client.set_process_callback(self._process)
        self.client.activate()

    def _process(self, frames: int) -> None:
        self.cycles += 1
        if self.cycles == self.at:
            time.sleep(self.stall_s)

    def close(self) -> None:
        self.client.deactivate()
        self.client.close()
