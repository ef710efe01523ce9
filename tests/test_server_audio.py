"""The daemon's sound on a real JACK server: OSC trigger → the pad's phrase on JACK, on time."""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from tests.daemon_util import Daemon, find_phrase
from tests.jack_clients import JackRecorder, StallingClient


@pytest.fixture(scope="module")
def playing(jack_server, tiny_checkpoint_44k, tmp_path_factory):
    d = Daemon(tiny_checkpoint_44k, tmp_path_factory.mktemp("jack-out"), "--block-size", "256",
               audio=True)
    rec = JackRecorder("wg-recorder", channels=1)
    try:
        rec.connect_outputs()
        yield d, rec, jack_server
    finally:
        rec.close()
        assert d.stop() == 0, "".join(d.log[-20:])


def pad_buffer(d, pad: int) -> np.ndarray:
    addr, args = d.request("/wavegan/render", f"pad{pad}", pad, expect="/wavegan/rendered")
    assert addr == "/wavegan/rendered", args
    return sf.read(args[0], dtype="float32", always_2d=True)[0][:, 0]


def onset_after(rec: JackRecorder, sent_frame: int, template: np.ndarray) -> int:
    """JACK frame where ``template`` starts in the recording (cross-correlation peak)."""
    time.sleep(0.6)
    start = sent_frame - rec.first_frame
    lag, score = find_phrase(rec.buf[:, 0], start, template)
    assert score > 0.95, f"pad phrase not found in the output (best match {score:.2f})"
    return start + lag + rec.first_frame


def test_osc_trigger_plays_the_pad_within_two_periods(playing):
    d, rec, server = playing
    d.request("/wavegan/randomize", 3, 31, expect="/wavegan/pad")
    template = pad_buffer(d, 3)
    latencies, missed = [], 0
    while len(latencies) < 5:
        time.sleep(0.5)
        sent = rec.client.frame_time
        d.send("/wavegan/trigger", 3, 1.0)
        time.sleep(0.6)
        lag, score = find_phrase(rec.buf[:, 0], sent - rec.first_frame, template)
        if score <= 0.95:   # a JACK cycle the recorder missed split the recorded phrase
            missed += 1     # (seen once on a 2-core AVX2 VM): measure again, twice at most
            assert missed <= 2, f"pad phrase not found in the output (best match {score:.2f})"
            continue
        latencies.append(lag)
    assert max(latencies) <= 2 * server.period, latencies
    assert min(latencies) >= 0


def test_velocity_scales_the_phrase(playing):
    d, rec, _ = playing
    d.request("/wavegan/randomize", 7, 70, expect="/wavegan/pad")
    template = pad_buffer(d, 7)
    peaks = []
    for vel in (1.0, 0.25):
        time.sleep(0.6)
        sent = rec.client.frame_time
        d.send("/wavegan/trigger", 7, vel)
        at = onset_after(rec, sent, template) - rec.first_frame
        peaks.append(np.abs(rec.buf[at:at + len(template), 0]).max())
    assert peaks[1] / peaks[0] == pytest.approx(0.25, rel=0.05)
    assert status(d)["audio"] == "44100 Hz"


def status(d) -> dict:
    _, flat = d.request("/wavegan/status", expect="/wavegan/status")
    return dict(zip(flat[::2], flat[1::2]))


def test_status_counts_the_xruns_jack_reports_and_play_goes_on(playing):
    """A client that stalls one cycle makes JACK report an xrun to every client: the daemon's
    /wavegan/status counts it, and the next trigger still plays the pad on time."""
    d, rec, server = playing
    before, seen = status(d)["xruns"], rec.xruns
    stall = StallingClient(stall_s=0.05)
    try:
        time.sleep(0.6)
    finally:
        stall.close()
    assert rec.xruns > seen, "JACK reported no xrun: the stalling client did not stall"
    assert status(d)["xruns"] > before

    template = pad_buffer(d, 3)
    time.sleep(0.3)
    sent = rec.client.frame_time
    d.send("/wavegan/trigger", 3, 1.0)
    assert 0 <= onset_after(rec, sent, template) - sent <= 2 * server.period


def test_stream_starts_a_phrase_on_every_beat(playing):
    """A 0.37 s phrase at 120 BPM fills one beat (22050 frames) and is followed by exact
    silence, so phrase starts are where the signal leaves digital zero."""
    d, rec, server = playing
    time.sleep(0.3)
    start = rec.pos
    d.send("/wavegan/stream/start", 120.0)
    time.sleep(3.0)
    d.send("/wavegan/stream/stop")
    time.sleep(0.5)
    audio = rec.buf[start:rec.pos, 0]
    nonzero = audio != 0.0
    starts = np.flatnonzero(nonzero[1:] & ~nonzero[:-1]) + 1
    # a phrase start follows the ~5 700 silent frames between phrases; an exact zero inside a
    # phrase, or a period a skipped JACK cycle left empty (≤ a few 256-frame periods), does not
    starts = [s for s in starts if s >= 2048 and not nonzero[s - 2048:s].any()]
    assert len(starts) >= 4, starts
    off = np.abs(np.diff(starts) - 22050)
    # on the beat to ±2 frames; one gap may be off by one JACK period when the recorder
    # missed a cycle (seen once on a 2-core AVX2 VM: gaps 22051 22050 22306 22050 22050)
    slipped = np.abs(off - server.period) <= 2
    assert np.all((off <= 2) | slipped) and slipped.sum() <= 1, off
    assert not nonzero[-4096:].any()  # stopped
