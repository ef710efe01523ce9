"""Phrase streaming: an endless chain of generated phrases along a latent random walk.

Phrases are cut to a whole number of beats at the current tempo and start exactly on beat
frames, overlapping by a short crossfade. Tempo comes from MIDI clock (``set_tempo``) or a set
BPM; a MIDI Start (``start(at=t)``) puts the first downbeat at that moment.
"""

from __future__ import annotations

import copy
import logging
import math
import threading
import time

import numpy as np

from server.pads import PadBank, to_engine
from wavegan.latent import walk_step, z_from_seed

log = logging.getLogger("wavegan.serve")
Events = list[tuple[np.ndarray, int, float]]   # (buffer, frames after the period's start, gain)


def beats_per_phrase(phrase_seconds: float, bpm: float) -> int:
    return max(1, math.floor(phrase_seconds * bpm / 60.0 + 1e-9))


def shape(buffer: np.ndarray, length: int, xfade: int, fade_in: bool) -> np.ndarray:
    """Cut/pad ``buffer`` to ``length + xfade`` frames with linear crossfade ramps."""
    out = np.zeros((length + xfade, buffer.shape[1]), np.float32)
    n = min(len(buffer), len(out))
    out[:n] = buffer[:n]
    if xfade:
        ramp = np.linspace(0.0, 1.0, xfade, dtype=np.float32)[:, None]
        if fade_in:
            out[:xfade] *= ramp
        out[-xfade:] *= ramp[::-1]
    return out


class _Run:
    """One start…stop of the stream: its own stop flag and schedule position, so a run that is
    still finishing a generation when the next one starts can never schedule beside it."""

    def __init__(self, next_frame: int):
        self.stop = threading.Event()
        self.next_frame = next_frame


class Streamer:
    """Schedules phrases into a mixer ahead of time from its own thread.

    ``start``/``stop`` return at once (they run on the OSC and MIDI threads): a stopped run's
    thread ends by itself after the generation it may be waiting for, and schedules nothing
    more (the stop flag is checked under the same lock as ``mixer.schedule``)."""

    def __init__(self, bank: PadBank, mixer, crossfade_ms: float = 15.0, seed: int = 0,
                 walk: float = 0.15):
        self.bank = bank
        self.mixer = mixer
        self.crossfade_ms = crossfade_ms
        self.walk = walk
        self.bpm = 120.0
        self.seed = seed
        self._renders = 0                        # renders so far: each gets its own seed
        self._rng = np.random.default_rng(seed)
        self._z = z_from_seed(seed + 1000, bank.gen.config.latent_dim)
        self._run: _Run | None = None
        self._schedule_lock = threading.Lock()   # stop flag + schedule/stop_stream, briefly
        self._control = threading.RLock()        # start/stop from OSC and MIDI at once

    @property
    def running(self) -> bool:
        return self._run is not None

    def set_tempo(self, bpm: float) -> None:
        if not 20 <= bpm <= 400:
            raise ValueError(f"tempo {bpm} BPM is outside 20..400")
        self.bpm = float(bpm)

    def _next_phrase(self, rate: int, first: bool) -> tuple[np.ndarray, int]:
        """(engine-rate buffer to schedule, frames until the next phrase starts)."""
        cfg = self.bank.gen.config
        self._z = walk_step(self._z, self.walk, self._rng)
        phrase = self.bank.phrases(self._z[None])[0]
        beats = beats_per_phrase(cfg.duration_seconds, self.bpm)
        period = int(round(beats * 60.0 / self.bpm * rate))
        xfade = int(rate * self.crossfade_ms / 1000)
        buf = to_engine(phrase, cfg.sample_rate, rate) if rate != cfg.sample_rate or \
            phrase.shape[1] == 1 else phrase
        return shape(buf, period, xfade, fade_in=not first), period

    def _next_events(self, rate: int, first: bool) -> tuple[Events, int]:
        """What the next period plays, and its length in frames (a subclass plays hits)."""
        buf, period = self._next_phrase(rate, first)
        return [(buf, 0, 1.0)], period

    def start(self, bpm: float | None = None, at: float | None = None) -> None:
        if bpm:
            self.set_tempo(bpm)
        if not self.mixer.live:
            raise RuntimeError("no audio device: streaming needs one (render seconds instead)")
        with self._control:
            self.stop()
            start_t = at if at is not None else time.monotonic() + 0.1
            run = _Run(max(self.mixer.frame_at(start_t), self.mixer.frames))
            self._run = run
            threading.Thread(target=self._loop, args=(run,), name="wavegan-stream",
                             daemon=True).start()

    def stop(self) -> None:
        with self._control:
            run, self._run = self._run, None
            if run is None:
                return
            with self._schedule_lock:
                run.stop.set()
                self.mixer.stop_stream()

    def _loop(self, run: _Run) -> None:
        rate = self.mixer.rate
        first = True
        while not run.stop.is_set():
            ahead = run.next_frame - self.mixer.frames
            if ahead > rate * 1.0:  # keep about a second scheduled (margin under load)
                run.stop.wait(0.02)
                continue
            try:
                events, period = self._next_events(rate, first)
            except Exception:
                log.exception("stream generation failed")
                run.stop.wait(0.5)
                continue
            with self._schedule_lock:
                if run.stop.is_set():
                    return
                for buf, offset, gain in events:
                    self.mixer.schedule(buf, run.next_frame + offset, gain)
            run.next_frame += period
            first = False

    def _twin(self) -> Streamer:
        """This stream (its tempo, where its walk is, what a subclass plays) with its own
        random state, for a render on the file thread while the live stream plays on."""
        self._renders += 1
        twin = copy.copy(self)
        twin._rng = np.random.default_rng((self.seed, self._renders))
        twin._run = None
        return twin

    def render(self, seconds: float) -> np.ndarray:
        """``seconds`` of stream at the model's rate (offline, for files), played by a twin:
        the live stream is not moved."""
        return self._twin()._render(seconds)

    def _render(self, seconds: float) -> np.ndarray:
        cfg = self.bank.gen.config
        rate = cfg.sample_rate
        total = int(seconds * rate)
        xfade = int(rate * self.crossfade_ms / 1000)
        out = np.zeros((total + xfade + cfg.slice_len, cfg.channels), np.float32)
        pos, first = 0, True
        while pos < total:
            events, period = self._next_events(rate, first)
            for buf, offset, gain in events:
                at = pos + offset
                buf = buf[:, :cfg.channels] if buf.shape[1] >= cfg.channels else buf
                out[at:at + len(buf)] += gain * buf[:max(0, len(out) - at)]
            pos += period
            first = False
        return out[:total]
