"""The daemon's sound on a real JACK server: OSC trigger → the pad's phrase on JACK, on time."""

from __future__ import annotations

import time

import numpy as np
import pytest
import soundfile as sf

from tests.daemon_util import Daemon, find_phrase
from tests.jack_clients import ON_TIME_PERIODS, JackRecorder, StallingClient


@pytest.fixture(scope="module")
def playing(jack_server, tiny_checkpoint_44k, tmp_path_factory):
    d = Daemon(tiny_checkpoint_44k, tmp_path_factory.mktemp("jack-out"), "--block-size", "256",
               audio=True)
    rec = JackRecorder("wg-recorder", channels=1, seconds=180.0)
    try:
        rec.connect_outputs()
        rec.settle()
        yield d, rec, jack_server
    finally:
        rec.close()
        assert d.stop() == 0, "".join(d.log[-20:])


def pad_buffer(d, pad: int) -> np.ndarray:
    addr, args = d.request("/wavegan/render", f"pad{pad}", pad, expect="/wavegan/rendered")
    assert addr == "/wavegan/rendered", args
    return sf.read(args[0], dtype="float32", always_2d=True)[0][:, 0]


def heard_at(d, rec: JackRecorder, pad: int, gain: float, template: np.ndarray) -> tuple[int, int]:
    """Triggers ``pad``; returns (recorder frame of the first cycle after the send, recorder
    frame where ``template`` starts). A phrase heard wrong (not found, or more than
    ``ON_TIME_PERIODS`` late) in a window where JACK reported an xrun or the recorder missed
    frames is triggered again, 12 times at most; heard wrong in a clean window, it fails."""
    period = rec.client.blocksize
    for _ in range(13):
        time.sleep(0.3)
        xruns, sent = rec.xruns, time.monotonic()
        d.send("/wavegan/trigger", pad, gain)
        start = rec.frame_after(sent)
        end = start + 8192 + len(template)
        assert rec.wait_recorded(end), f"JACK did not run the recorder to frame {end}"
        lag, score = find_phrase(rec.buf[:, 0], start, template)
        if score > 0.95 and 0 <= lag <= ON_TIME_PERIODS * period:
            return start, start + lag
        if rec.clean_since(xruns, start, end):
            break
    pytest.fail(f"pad {pad}'s phrase not heard within {ON_TIME_PERIODS} periods: best match "
                f"{score:.2f} "
                f"{lag} frames after the trigger at recorder frame {start}; xruns {xruns} before "
                f"it, {rec.xruns} now; gaps {rec.gaps}")


def test_osc_trigger_plays_the_pad_on_time(playing):
    d, rec, server = playing
    d.request("/wavegan/randomize", 3, 31, expect="/wavegan/pad")
    template = pad_buffer(d, 3)
    latencies = []
    for _ in range(5):
        sent, at = heard_at(d, rec, 3, 1.0, template)
        latencies.append(at - sent)
    assert max(latencies) <= ON_TIME_PERIODS * server.period, latencies
    assert min(latencies) >= 0


def test_velocity_scales_the_phrase(playing):
    d, rec, _ = playing
    d.request("/wavegan/randomize", 7, 70, expect="/wavegan/pad")
    template = pad_buffer(d, 7)
    peaks = []
    for vel in (1.0, 0.25):
        _, at = heard_at(d, rec, 7, vel, template)
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
    sent, at = heard_at(d, rec, 3, 1.0, template)
    assert 0 <= at - sent <= ON_TIME_PERIODS * server.period


def test_stream_starts_a_phrase_on_every_beat(playing):
    """A 0.37 s phrase at 120 BPM fills one beat (22050 frames) and is followed by exact
    silence, so phrase starts are where the signal leaves digital zero. Every beat is exact to
    ±2 frames, except one with an xrun or a missed cycle in it, which may be off by up to 4
    periods: JACK skipped or botched cycles there (the daemon counts the frames it played and
    cannot see how many JACK skipped; a missed recorder cycle can hide an onset)."""
    d, rec, server = playing
    period = server.period
    for _ in range(4):   # measured again when a beat was off and not explained by an xrun
        time.sleep(0.3)
        start = rec.pos
        d.send("/wavegan/stream/start", 120.0)
        time.sleep(3.0)
        d.send("/wavegan/stream/stop")
        time.sleep(0.5)
        audio = rec.buf[start:rec.pos, 0]
        nonzero = audio != 0.0
        starts = np.flatnonzero(nonzero[1:] & ~nonzero[:-1]) + 1
        # a phrase start follows the ~5 700 silent frames between phrases; an exact zero inside
        # a phrase, or a period a skipped JACK cycle left empty (≤ a few periods), does not
        starts = [s for s in starts if s >= 2048 and not nonzero[s - 2048:s].any()]
        off = np.diff(starts) - 22050
        excused = np.array([rec.troubled(start + a, start + b) for a, b in
                            zip(starts[:-1], starts[1:])], bool)
        wrong = (np.abs(off) > 2) & ~(excused & (np.abs(off) <= 4 * period))
        if len(starts) >= 4 and not wrong.any():
            break
    assert len(starts) >= 4, starts
    assert not wrong.any(), (off, excused, rec.gaps[-8:])
    assert not nonzero[-4096:].any()  # stopped
