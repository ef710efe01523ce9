"""Audio: a voice mixer fed by events, and the sounddevice stream whose callback runs it.

The callback never waits on generation or I/O: control threads append events (trigger,
release, scheduled phrase) to a deque, and the callback pops them and mixes the voices' pre-
rendered buffers into the output block. Buffers are replaced by reference, never mutated, so no
lock is shared with the generator. Underflows/xruns reported by PortAudio are counted.
Headless (no output device), a :class:`NullMixer` stands in: the daemon's code is the same.
"""

from __future__ import annotations

import collections
import gc
import logging
import sys
import time
from dataclasses import dataclass

import numpy as np

log = logging.getLogger("wavegan.serve")
# The callback needs the GIL once per period (5.8 ms at 256 frames, 44.1 kHz). A thread running
# Python keeps it for up to the switch interval (5 ms by default) before yielding to a waiting
# one, so while the pad bank post-processes a render the callback could miss its period.
GIL_SWITCH_S = 0.0005


def freeze_heap() -> None:
    """Collect once, then exempt every object alive now from later collections. TensorFlow
    and Keras leave ~400 000 long-lived objects: a full collection walking them holds the GIL
    ~0.2 s, 35 periods of the audio callback. Frozen, a full collection walks only what was
    made since (measured: 0.01 ms). Call it once the model is built and warmed up, before
    audio starts (the collection itself is such a pause)."""
    gc.collect()
    gc.freeze()


@dataclass
class Voice:
    buffer: np.ndarray      # [N, 2] float32
    gain: float
    pad: int                # -1 for stream phrases
    pos: int = 0            # next frame to play (negative = starts later in this block)
    fade: int = 0           # frames of fade-out left
    fade_len: int = 0       # length of the fade-out in progress (0 = not fading)
    waiting: bool = False   # scheduled ahead, not started: not yet counted as sounding

    @property
    def fading(self) -> bool:
        return self.fade_len > 0


class Mixer:
    """Polyphonic mixer; ``mix`` is called from the audio callback only."""

    live = True        # a device plays what it mixes and keeps its clock (``frame_at``)

    def __init__(self, rate: int, max_voices: int = 32, fade_ms: float = 3.0):
        self.rate = rate
        self.max_voices = max_voices
        self.fade_len = max(1, int(rate * fade_ms / 1000))
        self.events: collections.deque = collections.deque()
        self.voices: list[Voice] = []
        self.volume = 1.0
        self.frames = 0                  # frames played since start
        self.clock = (0, time.monotonic())  # (frame, monotonic time) at the last callback
        self.xruns = 0                   # underflows/overflows the stream reported
        self.stolen = 0                  # voices faded out early to stay within max_voices

    @property
    def description(self) -> str:
        return f"{self.rate} Hz"

    # -- control side ---------------------------------------------------------------------------
    def trigger(self, buffer: np.ndarray, gain: float, pad: int, choke: bool = False) -> None:
        self.events.append(("trigger", buffer, gain, pad, choke))

    def release(self, pad: int) -> None:
        self.events.append(("release", pad))

    def schedule(self, buffer: np.ndarray, frame: int, gain: float = 1.0) -> None:
        """Start ``buffer`` at absolute output frame ``frame`` (sample-accurate)."""
        self.events.append(("at", buffer, gain, frame))

    def stop_stream(self) -> None:
        self.events.append(("stop_stream",))

    def frame_at(self, t: float) -> int:
        """The output frame that plays at monotonic time ``t`` (from the last callback)."""
        frame, when = self.clock
        return int(frame + (t - when) * self.rate)

    # -- audio side -----------------------------------------------------------------------------
    def _fade_out(self, v: Voice, frames: int | None = None) -> None:
        v.fade = v.fade_len = frames or self.fade_len

    def _apply(self, ev) -> None:
        kind = ev[0]
        if kind == "trigger":
            _, buffer, gain, pad, choke = ev
            if choke:
                for v in self.voices:
                    if v.pad == pad and not v.fading:
                        self._fade_out(v)
            self._add(Voice(buffer, gain, pad))
        elif kind == "release":
            for v in self.voices:
                if v.pad == ev[1] and not v.fading:
                    self._fade_out(v)
        elif kind == "at":
            _, buffer, gain, frame = ev
            # pos < 0: starts later in this block; pos > 0: it arrived late, so it starts
            # partway in and stays on the beat grid instead of drifting
            self._add(Voice(buffer, gain, -1, pos=self.frames - frame))
        elif kind == "stop_stream":
            # phrases scheduled ahead (up to a second) are dropped, not faded when they start
            self.voices = [v for v in self.voices if v.pad != -1 or v.pos >= 0]
            for v in self.voices:
                if v.pad == -1 and not v.fading:
                    self._fade_out(v, 4 * self.fade_len)

    def _add(self, voice: Voice) -> None:
        voice.waiting = voice.pos < 0
        if not voice.waiting:
            self._make_room()
        self.voices.append(voice)

    def _make_room(self, starting: int = 0) -> None:
        """At most ``max_voices`` sound: a voice starting now (after ``starting`` others in
        the same block) steals the oldest sounding one, with a short fade. Voices scheduled
        ahead (a groove's next bar) count only once they start, so a bar waiting in the queue
        never steals a hit that is still ringing."""
        live = [v for v in self.voices if not v.fading and not v.waiting]
        if live and len(live) + starting >= self.max_voices:
            oldest = max(live, key=lambda v: v.pos)
            self._fade_out(oldest)
            self.stolen += 1

    def mix(self, out: np.ndarray) -> None:
        """Fill ``out`` ``[frames, 2]`` with the sum of the voices (zeros when none)."""
        while self.events:
            self._apply(self.events.popleft())
        out.fill(0.0)
        n = len(out)
        starting = [v for v in self.voices if v.waiting and -v.pos < n]
        for k in range(len(starting)):   # scheduled voices that start in this block
            self._make_room(k)
        for v in starting:
            v.waiting = False
        keep = []
        for v in self.voices:
            start = v.pos
            offset = -start if start < 0 else 0
            if offset >= n:
                v.pos += n
                keep.append(v)
                continue
            a = max(start, 0)
            count = min(n - offset, len(v.buffer) - a)
            if v.fading:
                count = min(count, v.fade)
            if count > 0:
                seg = v.buffer[a:a + count]
                if v.fading:
                    ramp = (np.arange(v.fade, v.fade - count, -1, dtype=np.float32)
                            / v.fade_len)[:, None]
                    out[offset:offset + count] += seg * (ramp * v.gain)
                    v.fade -= count
                else:
                    out[offset:offset + count] += seg * v.gain
            v.pos = a + max(count, 0)
            if v.pos < len(v.buffer) and not (v.fading and v.fade <= 0):
                keep.append(v)
        self.voices = keep
        if self.volume != 1.0:
            out *= self.volume
        np.clip(out, -1.0, 1.0, out=out)
        self.frames += n


class NullMixer:
    """The mixer when there is no audio device (headless): what is triggered, released or
    scheduled goes nowhere, the volume stays at 1, and there is no clock a stream could
    follow (``live`` is False: the streamer refuses to start)."""

    live = False
    description = "headless"
    voices: tuple = ()
    xruns = 0
    stolen = 0

    @property
    def volume(self) -> float:
        return 1.0

    @volume.setter
    def volume(self, _value: float) -> None:
        pass           # nothing plays, so nothing gets louder or quieter

    def trigger(self, buffer: np.ndarray, gain: float, pad: int, choke: bool = False) -> None:
        pass

    def release(self, pad: int) -> None:
        pass

    def schedule(self, buffer: np.ndarray, frame: int, gain: float = 1.0) -> None:
        pass

    def stop_stream(self) -> None:
        pass


class AudioEngine:
    """A sounddevice OutputStream whose callback runs a :class:`Mixer` (headless, the daemon
    has no engine and plays into a :class:`NullMixer`)."""

    def __init__(self, device: str | None, block_size: int, max_voices: int = 32):
        import sounddevice as sd

        if isinstance(device, str) and device.strip().isdigit():
            device = int(device)   # "3" is PortAudio's device 3, not a name containing "3"

        info = sd.query_devices(device, "output")
        self.device_name = info["name"]
        self.rate = int(info["default_samplerate"])
        self.mixer = Mixer(self.rate, max_voices)
        self.stream = sd.OutputStream(samplerate=self.rate, blocksize=block_size,
                                      device=device, channels=2, dtype="float32",
                                      callback=self._callback, latency="low")
        self.block_size = block_size

    def _callback(self, outdata, frames, time_info, status) -> None:
        if status.output_underflow or status.output_overflow:
            self.mixer.xruns += 1
        self.mixer.clock = (self.mixer.frames, time.monotonic())
        self.mixer.mix(outdata)

    def start(self) -> None:
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_S))
        self.stream.start()

    def close(self) -> None:
        try:
            self.stream.stop()
        finally:
            self.stream.close()
