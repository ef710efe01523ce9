"""The audio callback's mixer, block by block (no device): stopping the stream silences it
within the fade, including phrases already scheduled ahead."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from server.engine import GIL_SWITCH_S, AudioEngine, Mixer

RATE, BLOCK = 48000, 256


def run(mixer: Mixer, blocks: int) -> np.ndarray:
    out = np.zeros((blocks * BLOCK, 2), np.float32)
    for i in range(blocks):
        mixer.mix(out[i * BLOCK:(i + 1) * BLOCK])
    return out


def test_stop_stream_fades_the_playing_phrase_and_drops_the_scheduled_ones():
    mixer = Mixer(RATE)
    phrase = np.ones((RATE, 2), np.float32)
    mixer.schedule(phrase, 0)
    mixer.schedule(phrase, 4 * BLOCK)          # a phrase scheduled ahead, not started yet
    mixer.schedule(phrase, RATE // 2)
    head = run(mixer, 2)
    assert np.all(head == 1.0)                 # the first phrase plays
    mixer.stop_stream()
    tail = run(mixer, 40)
    fade = 4 * mixer.fade_len
    assert tail[0, 0] > 0.9 and np.all(np.diff(tail[:fade, 0]) <= 0)   # fades out smoothly
    assert np.all(tail[fade:] == 0.0)          # then silence: nothing starts a second later
    assert mixer.voices == []


def test_triggered_pads_survive_a_stream_stop():
    mixer = Mixer(RATE)
    hit = np.full((RATE, 2), 0.5, np.float32)
    mixer.trigger(hit, 1.0, pad=3)
    mixer.schedule(np.ones((RATE, 2), np.float32), 2 * BLOCK)
    mixer.stop_stream()
    out = run(mixer, 8)
    assert np.allclose(out, 0.5)               # the pad keeps ringing; the stream never starts


def test_choke_release_volume_and_voice_stealing():
    quiet = np.full((RATE, 2), 0.01, np.float32)
    mixer = Mixer(RATE, max_voices=4)
    mixer.trigger(quiet, 1.0, pad=3)
    assert np.allclose(run(mixer, 1), 0.01)
    mixer.trigger(quiet, 1.0, pad=3, choke=True)     # a choked retrigger: the old one fades
    out = run(mixer, 2)
    fade = mixer.fade_len
    assert out[0, 0] == pytest.approx(0.02, rel=1e-3)     # both, then the old one ramps down
    assert np.all(np.diff(out[:fade + 1, 0]) <= 1e-7)
    assert np.allclose(out[fade + 1:], 0.01)          # only the new voice after the fade
    assert len(mixer.voices) == 1
    mixer.volume = 0.5
    assert np.allclose(run(mixer, 1), 0.005)
    mixer.volume = 1.0
    mixer.release(3)                                  # note-off on a pad with release
    out = run(mixer, 2)
    assert np.all(out[fade:] == 0.0) and mixer.voices == []
    for pad in range(5):                              # the fifth voice steals the oldest
        mixer.trigger(quiet, 1.0, pad=pad)
    out = run(mixer, 2)
    assert mixer.stolen == 1 and len(mixer.voices) == 4
    assert np.allclose(out[fade:], 0.04)              # four voices left sounding


def test_voices_scheduled_ahead_count_against_the_limit_only_once_they_start():
    """A groove queues a whole bar of hits ahead: waiting in the queue they steal nothing
    (a ringing hit is never cut for a hit that has not started); starting, each one makes
    room like a trigger does, so no more than ``max_voices`` sound."""
    quiet = np.full((RATE, 2), 0.01, np.float32)
    mixer = Mixer(RATE, max_voices=4)
    for pad in range(3):
        mixer.trigger(quiet, 1.0, pad=pad)
    for k in range(8):                                # a bar of hits, queued
        mixer.schedule(quiet, (4 + 2 * k) * BLOCK + 10 * k)
    out = run(mixer, 4)
    assert mixer.stolen == 0 and np.allclose(out, 0.03)
    out = run(mixer, 20)
    sounding = [v for v in mixer.voices if not v.fading]
    assert mixer.stolen == 7 and len(sounding) == 4   # 3 + 8 voices, 4 at a time
    assert np.allclose(out[-BLOCK:], 0.04)
    mixer.schedule(quiet, mixer.frames + 3 * BLOCK)   # two more start in one block
    mixer.schedule(quiet, mixer.frames + 3 * BLOCK + 5)
    run(mixer, 6)
    assert mixer.stolen == 9 and len([v for v in mixer.voices if not v.fading]) == 4


class _Stream:
    started = False

    def start(self):
        self.started = True


@pytest.mark.parametrize("before", [0.005, GIL_SWITCH_S / 2])
def test_audio_start_keeps_the_gil_switch_interval_within_a_fraction_of_a_period(before):
    """Once audio runs, a thread running Python yields the GIL to the callback within
    GIL_SWITCH_S (a tenth of a 256-frame period), and a shorter interval set by the host
    application is kept."""
    saved = sys.getswitchinterval()
    engine = AudioEngine.__new__(AudioEngine)   # no device: only the start-up under test
    engine.stream = _Stream()
    try:
        sys.setswitchinterval(before)
        engine.start()
        assert engine.stream.started
        assert sys.getswitchinterval() == pytest.approx(min(before, GIL_SWITCH_S))
    finally:
        sys.setswitchinterval(saved)
