"""Drum grooves as a drummer plays them: style patterns, variation, fills, humanisation.

A pattern is one bar on a grid of ``steps`` cells (16 sixteenths, or 12 triplet eighths for
shuffle). Lanes are strings, one character per cell: ``X`` accent, ``x`` normal, ``g`` ghost,
``o`` open hi-hat (hat lane), ``.`` rest. :func:`perform` turns a style into timed GM drum hits:
it picks pattern variations per phrase, replaces phrase ends by fills, crashes after them, swings
the off-beats and humanises velocity and timing. Output times are seconds from the file start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

# General MIDI percussion notes (channel 10)
KICK, SIDE_STICK, SNARE, CLAP = 36, 37, 38, 39
HAT_CLOSED, HAT_PEDAL, HAT_OPEN = 42, 44, 46
TOM_FLOOR_LO, TOM_FLOOR, TOM_LO, TOM_MID, TOM_HI_MID, TOM_HI = 41, 43, 45, 47, 48, 50
CRASH, CRASH2, RIDE, RIDE_BELL = 49, 57, 51, 53

INSTRUMENTS: dict[str, frozenset[int]] = {
    "kick": frozenset({35, KICK}),
    "snare": frozenset({SIDE_STICK, SNARE, CLAP, 40}),
    "hihat": frozenset({HAT_CLOSED, HAT_PEDAL, HAT_OPEN}),
    "tom": frozenset({TOM_FLOOR_LO, TOM_FLOOR, TOM_LO, TOM_MID, TOM_HI_MID, TOM_HI}),
    "crash": frozenset({CRASH, CRASH2, 52, 55}),
    "ride": frozenset({RIDE, RIDE_BELL, 59}),
}
VELOCITY = {"X": 118, "x": 92, "g": 34, "o": 96}


@dataclass(frozen=True)
class Hit:
    """One drum hit: ``time`` in seconds, GM ``note``, MIDI ``velocity`` 1..127."""

    time: float
    note: int
    velocity: int


@dataclass(frozen=True)
class Style:
    """A groove family: tempo range, grid, swing range and lane variations."""

    bpm: tuple[float, float]
    kick: tuple[str, ...]
    snare: tuple[str, ...]
    hat: tuple[str, ...]
    swing: tuple[float, float] = (0.5, 0.5)   # fraction of an 8th where the off 16th lands
    ride_chance: float = 0.2                  # play the hat lane on the ride instead
    lay_back_ms: tuple[float, float] = (0.0, 0.0)  # snare behind the beat (hip-hop)
    fill_every: int = 4                       # bars per phrase (a fill may end each phrase)
    fill_chance: float = 0.6

    @property
    def steps(self) -> int:
        return len(self.kick[0])


STYLES: dict[str, Style] = {
    "rock": Style(
        bpm=(88, 142),
        kick=("x.......x.x.....", "x.......x.......", "x..x....x.x.....", "x.....x.x.x....."),
        snare=("....X.......X...", "....X.......X..x", "....X.......X..."),
        hat=("x.x.x.x.x.x.x.x.", "X.x.X.x.X.x.X.x.", "xxxxxxxxxxxxxxxx", "x.x.x.x.x.x.x.o."),
        ride_chance=0.25),
    "funk": Style(
        bpm=(88, 116),
        kick=("x..x..x...x..x..", "x.x...x..x......", "x..x.x....x..x..", "x.....x.xx....x."),
        snare=("....X..g.g..X..g", "..g.X.g..g..X.g.", "....X.g..g.gX..g"),
        hat=("xxxxxxxxxxxxxxox", "XxxxXxxxXxxxXxxo", "x.xox.x.x.xox.x."),
        swing=(0.5, 0.56), ride_chance=0.05),
    "shuffle": Style(
        bpm=(78, 132),
        kick=("x.....x.....", "x.....x..x..", "x..x..x....."),
        snare=("...X.....X..", "...X..g..X.g", "..gX.....X.."),
        hat=("x.xx.xx.xx.x", "X.xX.xX.xX.x", "x.xx.xx.xo.x"),
        ride_chance=0.35),
    "hiphop": Style(
        bpm=(80, 100),
        kick=("x.....x.x.....x.", "x..x......x.....", "x......xx.x.....", "x.x.....x..x...."),
        snare=("....X.......X...", "....X..g....X...", "....X.......X.g."),
        hat=("x.x.x.x.x.x.x.x.", "xxx.x.xxx.x.x.x.", "X.x.X.x.X.x.X.xo"),
        swing=(0.54, 0.62), ride_chance=0.05, lay_back_ms=(4.0, 16.0)),
    "breakbeat": Style(
        bpm=(130, 175),
        kick=("x.x.......xx....", "x.x.......x.....", "x.x....x..x....."),
        snare=("....X..g.x..X..g", "....X..g.g..X..g", "....X.....x.X..."),
        hat=("x.x.x.x.x.x.x.x.", "x.x.x.x.x.x.x.o.", "X.x.X.x.X.x.X.x."),
        swing=(0.5, 0.55), ride_chance=0.3),
    "halftime": Style(
        bpm=(130, 160),
        kick=("x......x..x.....", "x.........x..x..", "x.x.......x....."),
        snare=("........X.......", "........X.....g.", "..g.....X......."),
        hat=("x.x.x.x.x.x.x.x.", "xxxxxxxxxxxxxxxx", "x.x.x.x.x.x.x.o."),
        ride_chance=0.25, fill_every=2),
    "fills": Style(
        bpm=(84, 150),
        kick=("x.......x.x.....", "x..x..x...x.....", "x.x.......x....."),
        snare=("....X.......X...", "....X..g.g..X..g"),
        hat=("x.x.x.x.x.x.x.x.", "xxxxxxxxxxxxxxxx"),
        ride_chance=0.2, fill_every=2, fill_chance=1.0),
}

FILL_VOICES = (SNARE, TOM_HI, TOM_HI_MID, TOM_MID, TOM_LO, TOM_FLOOR, TOM_FLOOR_LO)


def _fill(steps: int, start: int, rng: np.random.Generator) -> list[tuple[int, int, int]]:
    """A fill from ``start`` to the end of the bar: ``(step, note, velocity)`` cells."""
    kind = rng.choice(["toms_down", "snare_roll", "mixed"])
    n = steps - start
    cells: list[tuple[int, int, int]] = []
    every = 1 if rng.random() < 0.7 or steps == 12 else 2
    for i, step in enumerate(range(start, steps, every)):
        frac = i * every / max(1, n - 1)
        if kind == "toms_down":
            note = FILL_VOICES[min(len(FILL_VOICES) - 1, int(frac * len(FILL_VOICES)))]
        elif kind == "snare_roll":
            note = SNARE
        else:
            note = int(rng.choice(FILL_VOICES))
        vel = int(60 + 60 * frac) if kind == "snare_roll" else int(rng.integers(85, 122))
        cells.append((step, note, vel))
        if kind == "mixed" and rng.random() < 0.25:
            cells.append((step, KICK, 100))
    return cells


def _lane_cells(lane: str, note: int, open_note: int) -> list[tuple[int, int, int]]:
    out = []
    for step, ch in enumerate(lane):
        if ch != ".":
            out.append((step, open_note if ch == "o" else note, VELOCITY[ch]))
    return out


def perform(style_name: str, bpm: float, seconds: float,
            rng: np.random.Generator) -> tuple[list[Hit], dict]:
    """Play ``style_name`` at ``bpm`` for about ``seconds`` (whole phrases).

    Returns the hits sorted by time and a summary ``{"swing", "bars", "fills"}``.
    """
    style = STYLES[style_name]
    steps = style.steps
    bar_s = 4 * 60.0 / bpm
    step_s = bar_s / steps
    bars = max(style.fill_every, int(round(seconds / bar_s / style.fill_every)) * style.fill_every)
    swing = float(rng.uniform(*style.swing))
    timing_sd = float(rng.uniform(0.002, 0.008))      # this drummer's micro-timing spread
    vel_sd = float(rng.uniform(0.05, 0.12))           # … and dynamics spread
    dyn = float(rng.uniform(0.8, 1.0))                # overall playing strength
    lay_back = float(rng.uniform(*style.lay_back_ms)) / 1000.0
    on_ride = rng.random() < style.ride_chance
    hat_note, open_note = (RIDE, RIDE_BELL) if on_ride else (HAT_CLOSED, HAT_OPEN)
    kick, snare, hat = (str(rng.choice(v)) for v in (style.kick, style.snare, style.hat))
    cells: list[tuple[float, int, int]] = []   # (grid position in steps from start, note, vel)
    fills = 0
    crash_next = rng.random() < 0.5
    for bar in range(bars):
        if bar % style.fill_every == 0 and rng.random() < 0.35:   # new variation per phrase
            kick, snare = str(rng.choice(style.kick)), str(rng.choice(style.snare))
        bar_cells = (_lane_cells(kick, KICK, KICK) + _lane_cells(snare, SNARE, SNARE)
                     + _lane_cells(hat, hat_note, open_note))
        if on_ride and steps == 16:
            bar_cells += [(4, HAT_PEDAL, 70), (12, HAT_PEDAL, 70)]
        phrase_end = bar % style.fill_every == style.fill_every - 1 and bar < bars - 1
        if phrase_end and rng.random() < style.fill_chance:
            start = int(rng.choice([steps // 2, steps * 3 // 4, 0 if style_name == "fills"
                                    else steps // 2]))
            bar_cells = [c for c in bar_cells if c[0] < start] + _fill(steps, start, rng)
            fills += 1
            crash_next_bar = True
        else:
            crash_next_bar = False
        if crash_next:
            bar_cells = [c for c in bar_cells if not (c[0] == 0 and c[1] in (hat_note,))]
            bar_cells += [(0, CRASH if rng.random() < 0.7 else CRASH2, 112), (0, KICK, 110)]
        crash_next = crash_next_bar
        cells += [(bar * steps + s, n, v) for s, n, v in bar_cells]
    if crash_next:  # the performance ends on a crash + kick
        cells += [(bars * steps, CRASH, 112), (bars * steps, KICK, 110)]

    hits: list[Hit] = []
    seen: set[tuple[float, int]] = set()
    for pos, note, vel in cells:
        if (pos, note) in seen:
            continue
        seen.add((pos, note))
        grid = float(pos)
        if steps == 16 and pos % 2 == 1:  # swing the off-beat sixteenths
            grid = pos - 1 + 2 * swing
        t = grid * step_s + rng.normal(0.0, timing_sd)
        if note in INSTRUMENTS["snare"] and vel > 60:
            t += lay_back
        v = vel * dyn * (1.0 + rng.normal(0.0, vel_sd))
        if note in (HAT_CLOSED, RIDE) and pos % (steps // 4) != 0:
            v *= 0.85  # hats lighter between beats
        hits.append(Hit(max(0.0, float(t)), note, int(np.clip(round(v), 1, 127))))
    hits.sort(key=lambda h: (h.time, h.note))
    return hits, {"swing": swing if steps == 16 else 2 / 3, "bars": bars, "fills": fills}
