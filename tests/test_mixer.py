"""The audio callback's mixer, block by block (no device): stopping the stream silences it
within the fade, including phrases already scheduled ahead."""

from __future__ import annotations

import numpy as np

from server.engine import Mixer

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
