"""A kit's stream plays grooves on its pads (server.groove): the right pad for each note, on
the beat, at the tempo of the moment, and the groove chosen with /wavegan/style.

Each stand-in pad below sounds a click on its own channel, so a render shows which pad played
when and how loud; the patterns the assertions lean on are wavegan.grooves' own (every rock
bar has a kick on 1 and a snare on 2; half-time has no snare on 2)."""

from __future__ import annotations

import time
from types import SimpleNamespace

import numpy as np
import pytest

from server.groove import BARS, GROOVES, GrooveStream, pad_for_note
from wavegan.gm_drums import PAD_BASE_NOTE
from wavegan.grooves import perform

RATE = 16000
PADS = 16
KICK_PAD, SNARE_PAD, HAT_PAD, RIDE_PAD = 0, 2, 6, 15
SLACK = 0.04   # s: a drummer's timing spread (≤ 8 ms sd) and lay-back stay inside it


class RecordingMixer:
    """What a live stream schedules, by absolute frame."""

    live = True
    rate = RATE

    def __init__(self) -> None:
        self.frames = 0
        self.scheduled: list[tuple[np.ndarray, int, float]] = []

    def frame_at(self, t: float) -> int:
        return 0

    def schedule(self, buffer, frame, gain=1.0) -> None:
        self.scheduled.append((buffer, frame, gain))

    def stop_stream(self) -> None:
        pass


def click_bank() -> SimpleNamespace:
    """A kit's bank whose pad ``k`` is a one-sample click on channel ``k``."""
    pads = []
    for k in range(PADS):
        click = np.zeros((64, PADS), np.float32)
        click[0, k] = 1.0
        pads.append(SimpleNamespace(index=k, phrase=click, buffer=click))
    config = SimpleNamespace(sample_rate=RATE, channels=PADS, slice_len=64, latent_dim=8,
                             duration_seconds=64 / RATE)
    return SimpleNamespace(pads=pads, gen=SimpleNamespace(config=config), engine_rate=RATE,
                           instruments=SimpleNamespace(kit=True))


def hits_of(audio: np.ndarray, pad: int) -> list[tuple[float, float]]:
    """(seconds, gain) of pad ``pad``'s clicks in a click-bank render."""
    frames = np.flatnonzero(audio[:, pad])
    return [(f / RATE, float(audio[f, pad])) for f in frames]


def near(hits, t: float) -> bool:
    return any(abs(s - t) <= SLACK for s, _ in hits)


def test_notes_sound_their_own_pad_or_the_pad_of_their_class():
    assert [pad_for_note(n, PADS) for n in (36, 38, 42, 46, 49, 51)] == [0, 2, 6, 10, 13, 15]
    assert pad_for_note(35, PADS) == 0      # acoustic bass drum → the kick's pad
    assert pad_for_note(53, PADS) == 15     # ride bell → the ride's pad
    assert pad_for_note(57, PADS) == 13     # crash 2 → the crash's pad
    assert pad_for_note(55, PADS) is None   # a splash: no pad of its class
    assert pad_for_note(PAD_BASE_NOTE + 3, 4) == 3 and pad_for_note(49, 4) is None


def test_a_rock_groove_plays_kick_on_one_and_snare_on_two_in_every_bar():
    stream = GrooveStream(click_bank(), RecordingMixer(), seed=3)
    stream.set_tempo(120)
    bars = 6
    audio = stream.render(bars * 2.0)             # 2 s a bar at 120 BPM
    kicks, snares = hits_of(audio, KICK_PAD), hits_of(audio, SNARE_PAD)
    for bar in range(bars):
        assert near(kicks, 2.0 * bar), (bar, kicks)
        assert near(snares, 2.0 * bar + 0.5), (bar, snares)
    cymbals = hits_of(audio, HAT_PAD) + hits_of(audio, RIDE_PAD)
    assert len(cymbals) >= 4 * bars                # time kept on the hat or the ride
    gains = [g for pad in range(PADS) for _, g in hits_of(audio, pad)]
    assert all(0.0 < g <= 1.0 for g in gains) and len(set(np.round(gains, 3))) > 5  # dynamics


def test_the_render_is_the_performance_note_for_note():
    """Every hit of wavegan.grooves.perform (same seed) is one click of its pad at its time
    and velocity, bar by bar; nothing else sounds."""
    stream = GrooveStream(click_bank(), RecordingMixer(), seed=11, groove="funk")
    stream.set_tempo(96)
    beat_s = 60 / 96
    audio = stream._render(BARS * 4 * beat_s)      # this stream itself, not a render's twin
    hits, summary = perform("funk", 96, BARS * 4 * beat_s, np.random.default_rng(11))
    expected = np.zeros_like(audio)
    bar_frames = round(4 * beat_s * RATE)
    for h in hits:
        beat = h.time / beat_s
        if beat >= summary["bars"] * 4 or pad_for_note(h.note, PADS) is None:
            continue
        bar = int(beat // 4)
        frame = bar * bar_frames + round((beat - 4 * bar) * beat_s * RATE)
        if frame < len(expected):
            expected[frame, pad_for_note(h.note, PADS)] += h.velocity / 127
    np.testing.assert_allclose(audio, expected, atol=1e-6)


def test_the_groove_changes_at_the_next_bar_and_a_tempo_change_moves_it():
    stream = GrooveStream(click_bank(), RecordingMixer(), seed=5)
    stream.set_tempo(120)
    events, period = stream._next_events(RATE, True)
    assert period == 2 * RATE and max(off for _, off, _ in events) < period
    assert any(buf[0, SNARE_PAD] and abs(off - RATE // 2) <= SLACK * RATE
               for buf, off, _ in events)         # rock: snare on 2 (0.5 s in)
    assert stream.set_groove("halftime") == "halftime"
    stream.set_tempo(100)                           # a MIDI clock moved
    beat = round(60 / 100 * RATE)
    on_three = 0
    for _ in range(4):
        events, period = stream._next_events(RATE, False)
        assert period == 4 * beat
        snares = [off for buf, off, _ in events if buf[0, SNARE_PAD]]
        assert not any(abs(off - beat) <= SLACK * RATE for off in snares), snares   # not on 2
        on_three += any(abs(off - 2 * beat) <= SLACK * RATE for off in snares)
    assert on_three >= 2      # on 3 (a fill from the half bar may play toms there instead)


def test_a_live_stream_schedules_whole_bars_ahead_on_the_mixers_frames():
    mixer = RecordingMixer()
    stream = GrooveStream(click_bank(), mixer, seed=2)
    stream.start(120)
    try:
        deadline = time.monotonic() + 10
        while not mixer.scheduled and time.monotonic() < deadline:
            time.sleep(0.01)
    finally:
        stream.stop()
    frames = [f for _, f, _ in mixer.scheduled]
    assert frames and min(frames) >= 0 and max(frames) < 2 * RATE * 2   # a bar or two ahead
    assert all(buf is stream.bank.pads[int(np.argmax(buf[0]))].buffer
               for buf, _, _ in mixer.scheduled)                         # the pads' own buffers


@pytest.mark.parametrize("choice,want", [("funk", "funk"), (2, GROOVES[2]), ("3", GROOVES[3]),
                                         (["shuffle"], "shuffle")])
def test_grooves_are_chosen_by_name_or_index(choice, want):
    assert GrooveStream(click_bank(), RecordingMixer()).set_groove(choice) == want


@pytest.mark.parametrize("choice", ["tabla", 7, ["funk", "rock"], "funk=0.5,rock=0.5"])
def test_a_groove_that_is_not_one_is_refused_by_name(choice):
    with pytest.raises(ValueError, match="rock"):
        GrooveStream(click_bank(), RecordingMixer()).set_groove(choice)


def test_a_render_leaves_the_live_stream_where_it_was_and_each_render_differs():
    """/wavegan/render runs on the file thread while the stream plays: it renders with a twin,
    so the live performance does not jump, and two takes are two performances."""
    stream = GrooveStream(click_bank(), RecordingMixer(), seed=8)
    stream._next_events(RATE, True)
    beat, hits = stream._beat, stream._hits
    one, two = stream.render(4.0), stream.render(4.0)
    assert stream._beat == beat and stream._hits is hits
    assert one.shape == two.shape == (4 * RATE, PADS) and not np.array_equal(one, two)


def test_a_restart_begins_a_new_performance_on_its_first_bar():
    """A stop and a MIDI Start: the groove starts from its first bar at the host's downbeat,
    not from wherever the last run stopped (its fills fall on the host's phrase)."""
    stream = GrooveStream(click_bank(), RecordingMixer(), seed=9)
    for first in (True, False, False):
        stream._next_events(RATE, first)
    assert stream._beat == 12
    stream._next_events(RATE, True)
    assert stream._beat == 4


def test_pads_without_a_sound_yet_are_skipped():
    bank = click_bank()
    bank.pads[KICK_PAD].buffer = bank.pads[KICK_PAD].phrase = None
    audio = GrooveStream(bank, RecordingMixer(), seed=3).render(4.0)
    assert not audio[:, KICK_PAD].any() and audio[:, SNARE_PAD].any()
