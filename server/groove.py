"""A kit model's stream: a drummer's groove played on the pads, bar by bar, on the beat.

A phrase model's stream (``server.stream.Streamer``) chains generated phrases. A kit has no
phrases to chain, so its stream plays the grooves the practice corpus was rendered from
(``wavegan.grooves``: rock, funk, shuffle, hiphop, breakbeat, halftime, fills) on the current
pads: GM note ``n`` sounds pad ``n - 36``, the pad that note names whatever it holds now, so a
reassigned pad is heard in the groove. Notes past the 16 pads sound the pad of the same drum
class (ride bell → ride, crash 2 → crash, acoustic bass drum → kick).

A performance is kept in beats, not seconds: each bar is placed at the tempo of the moment it
is scheduled (about a second ahead), so a MIDI clock's tempo moves the next bar, and a MIDI
Start puts the first downbeat where the host's is. ``/wavegan/style`` (or CC 28) chooses the
groove from the next bar on.
"""

from __future__ import annotations

import numpy as np

from server.pads import PadBank, to_engine
from server.stream import Events, Streamer
from wavegan.gm_drums import PAD_BASE_NOTE, gm_class
from wavegan.grooves import STYLES, perform

GROOVES: tuple[str, ...] = tuple(STYLES)
BARS = 8            # one performance (fills every 2 or 4 bars); then the drummer plays anew
BEATS_PER_BAR = 4   # every groove is in 4/4 (shuffle: 12 triplet eighths to the bar)


def pad_for_note(note: int, n_pads: int) -> int | None:
    """The pad GM ``note`` sounds: its own, or the first pad whose note is of its class."""
    if 0 <= note - PAD_BASE_NOTE < n_pads:
        return note - PAD_BASE_NOTE
    cls = gm_class(note)
    return next((p for p in range(n_pads) if gm_class(PAD_BASE_NOTE + p) == cls), None)


class GrooveStream(Streamer):
    """``Streamer``'s scheduling (start, stop, tempo, render) with bars of hits for events."""

    def __init__(self, bank: PadBank, mixer, crossfade_ms: float = 15.0, seed: int = 0,
                 groove: str = GROOVES[0]):
        super().__init__(bank, mixer, crossfade_ms, seed)
        self.groove = groove
        self._hits: list[tuple[float, int, float]] = []   # (beat, pad, gain) of a performance
        self._beat = 0.0            # where the next bar starts in it
        self._length = 0.0          # its length in beats (0: none yet)
        self._playing = ""          # the groove it is a performance of

    def set_groove(self, choice) -> str:
        """Play groove ``choice`` (a name, or an index into ``GROOVES``) from the next bar."""
        if isinstance(choice, (list, tuple)) and len(choice) == 1:
            choice = choice[0]
        if isinstance(choice, str) and choice.isdigit():
            choice = int(choice)
        if choice in GROOVES:
            self.groove = str(choice)
        elif isinstance(choice, (int, float)) and 0 <= round(choice) < len(GROOVES):
            self.groove = GROOVES[round(choice)]     # rounded, as a phrase model's styles
        else:
            raise ValueError(f"groove {choice!r}: a kit's stream plays one of "
                             f"{', '.join(GROOVES)} (or its index 0..{len(GROOVES) - 1})")
        return self.groove

    def _perform(self) -> None:
        """A new performance of the current groove, kept in beats."""
        beat_s = 60.0 / self.bpm
        hits, summary = perform(self.groove, self.bpm, BARS * BEATS_PER_BAR * beat_s,
                                self._rng)
        n_pads = len(self.bank.pads)
        self._length = float(summary["bars"] * BEATS_PER_BAR)
        # a hit jittered past the last bar has no bar to sound in: the next performance begins
        self._hits = [(h.time / beat_s, pad, h.velocity / 127.0) for h in hits
                      if (pad := pad_for_note(h.note, n_pads)) is not None
                      and h.time / beat_s < self._length]
        self._beat, self._playing = 0.0, self.groove

    def _buffer(self, pad: int, rate: int) -> np.ndarray | None:
        """Pad ``pad``'s sound at ``rate``: the buffer it plays, or its phrase resampled for an
        offline render at another rate."""
        p = self.bank.pads[pad]
        if rate == self.bank.engine_rate or p.phrase is None:
            return p.buffer
        return to_engine(p.phrase, self.bank.gen.config.sample_rate, rate)

    def _next_events(self, rate: int, first: bool) -> tuple[Events, int]:
        """The next bar's hits as ``(buffer, frame offset, gain)``, and the bar's length."""
        if first or self._beat >= self._length or self._playing != self.groove:
            self._perform()      # a start (a MIDI Start: the host's downbeat) begins anew
        start, end = self._beat, self._beat + BEATS_PER_BAR
        frames_per_beat = 60.0 / self.bpm * rate
        events = [(buf, int(round((beat - start) * frames_per_beat)), gain)
                  for beat, pad, gain in self._hits if start <= beat < end
                  if (buf := self._buffer(pad, rate)) is not None]
        self._beat = end
        return events, int(round(BEATS_PER_BAR * frames_per_beat))
