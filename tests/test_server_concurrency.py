"""The daemon's control threads (OSC, MIDI) never wait for the generator, a long render shares
it, a stopped stream schedules nothing more, and replies that cannot be sent or would not fit a
datagram never cost other pads their update. Real PadBank, Streamer, Mixer and Controller on
tiny checkpoints; a held generator lock stands for a generation under way."""

from __future__ import annotations

import json
import threading
import time

import numpy as np
import pytest
from pythonosc.osc_message_builder import BuildError

from server.clock import MidiClock
from server.controller import Controller
from server.engine import Mixer, NullMixer
from server.osc_api import Router
from server.stream import Streamer
from tests.conftest import make_bank, make_checkpoint
from wavegan.conditioning import style_vector
from wavegan.postprocess import finish

pytestmark = pytest.mark.realtime   # calls must return within 0.5 s while pads render

STYLES = ["rock", "funk", "shuffle"]


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    return make_checkpoint(tmp_path_factory.mktemp("styled") / "styled", slice_len=16384,
                           sample_rate=16000, dim=4, styles=STYLES)


@pytest.fixture()
def bank(tiny_checkpoint):
    b = make_bank(tiny_checkpoint)
    yield b
    b.close()


def returns_within(fn, seconds: float) -> bool:
    done = threading.Event()
    threading.Thread(target=lambda: (fn(), done.set()), daemon=True).start()
    return done.wait(seconds)


def test_a_style_change_returns_while_the_generator_is_busy(styled):
    bank = make_bank(styled)
    try:
        ctl = Controller(bank, NullMixer(), styled.parent)
        with bank._gen_lock:                                # a generation is under way
            assert returns_within(lambda: ctl.set_style("funk"), 0.5)
            assert ctl.status()["style"] == "funk"
        assert bank.wait_idle(60)
        funk = style_vector(STYLES, 1)
        z = bank.effective_z(list(range(len(bank.pads))))
        expected = finish(bank.gen(z, funk), 16000)
        for p in bank.pads:                                 # every pad re-rendered in funk
            np.testing.assert_allclose(p.phrase, expected[p.index], atol=1e-5)
    finally:
        bank.close()


def test_a_long_render_releases_the_generator_between_batches(bank):
    class CountingLock:
        def __init__(self):
            self.lock, self.taken = threading.Lock(), 0

        def __enter__(self):
            self.lock.acquire()
            self.taken += 1

        def __exit__(self, *exc):
            self.lock.release()

    z = np.random.default_rng(0).uniform(-1, 1, (20, bank.gen.config.latent_dim))
    z = z.astype(np.float32)
    bank._gen_lock = CountingLock()
    audio = bank.generate(z)
    assert bank._gen_lock.taken == 3                        # 8 + 8 + 4, not one 20-long hold
    np.testing.assert_allclose(audio, finish(bank.gen(z), 16000), atol=1e-5)


class PlayingMixer(Mixer):
    """The real mixer with its clock advanced as the audio callback would (events are kept
    for the test to read rather than mixed)."""

    def __init__(self, rate: int):
        super().__init__(rate)
        self._on = True
        threading.Thread(target=self._play, daemon=True).start()

    def _play(self) -> None:
        t0 = time.monotonic()
        while self._on:
            time.sleep(0.01)
            now = time.monotonic()
            self.frames = int((now - t0) * self.rate)
            self.clock = (self.frames, now)

    def close(self) -> None:
        self._on = False

    def scheduled(self) -> int:
        return sum(ev[0] == "at" for ev in list(self.events))


def test_stop_and_restart_return_at_once_and_only_the_new_run_schedules(bank):
    mixer = PlayingMixer(16000)
    streamer = Streamer(bank, mixer)
    streamer.start(120.0)
    deadline = time.monotonic() + 30
    while mixer.scheduled() < 1 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert mixer.scheduled() >= 1
    with bank._gen_lock:               # the stream thread now waits inside a generation
        time.sleep(0.1)
        assert returns_within(streamer.stop, 0.5)
        assert not streamer.running
        assert returns_within(lambda: streamer.start(120.0), 0.5)
        stopped_at = len(mixer.events)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and mixer.scheduled() < 4:
        time.sleep(0.01)
    time.sleep(0.3)
    streams = [t for t in threading.enumerate() if t.name == "wavegan-stream"]
    assert len(streams) == 1, streams                       # the stopped run has ended
    after = list(mixer.events)[stopped_at:]
    starts = [ev[3] for ev in after if ev[0] == "at"]
    # one run's phrases only, on one grid: a 1.024 s phrase fills 2 beats at 120 BPM (16000
    # frames); a second run scheduling beside it would break the spacing
    assert len(starts) >= 2 and np.all(np.diff(starts) == 16000), starts
    streamer.stop()
    mixer.close()


def test_a_seed_that_does_not_fit_int32_is_refused_and_the_pads_keep_serving(bank, tmp_path):
    ctl = Controller(bank, NullMixer(), tmp_path)
    replies = []
    router = Router(ctl)
    router.dispatch("/wavegan/randomize", [0, 2**31], lambda *a: replies.append(a))
    router.dispatch("/wavegan/randomize", [0, 1e30], lambda *a: replies.append(a))
    router.dispatch("/wavegan/randomize", [0, float("inf")], lambda *a: replies.append(a))
    assert [r[0] for r in replies] == ["/wavegan/error"] * 3, replies
    assert "outside 0..2147483647" in replies[0][2]
    router.dispatch("/wavegan/randomize", [0, 2**31 - 1], lambda *a: replies.append(a))
    assert bank.wait_idle(60)
    assert replies[-1] == ("/wavegan/pad", 0, 2**31 - 1)


def test_a_reply_that_fails_does_not_leave_the_other_pads_stale(bank):
    before = [p.phrase.copy() for p in bank.pads]

    def explode(_pad):
        raise BuildError("cannot encode")

    with bank._gen_lock:               # both changes land in one batch
        bank.set_latent(0, -bank.pads[0].z, None, done=explode)
        bank.set_latent(1, -bank.pads[1].z, None)
    assert bank.wait_idle(60)
    assert not np.allclose(bank.pads[0].phrase, before[0])
    assert not np.allclose(bank.pads[1].phrase, before[1])   # rendered despite pad 0's reply


def test_an_error_reply_quoting_a_huge_argument_still_fits_a_datagram(bank, tmp_path):
    replies = []
    Router(Controller(bank, NullMixer(), tmp_path)).dispatch(
        "/wavegan/trigger", [b"\x00" * 20000], lambda *a: replies.append(a))
    Router(Controller(bank, NullMixer(), tmp_path)).dispatch(
        "/wavegan/" + "x" * 20000, [], lambda *a: replies.append(a))
    assert [r[0] for r in replies] == ["/wavegan/error"] * 2
    assert "pad must be a number" in replies[0][2]
    assert all(len(r[1]) <= 200 and len(r[2]) <= 200 for r in replies), [len(r[2]) for r in
                                                                          replies]


def test_osc_tempo_is_refused_while_a_midi_clock_ticks_and_applies_after(bank, tmp_path):
    ctl = Controller(bank, NullMixer(), tmp_path)
    ctl.clock = clock = MidiClock()
    assert ctl.tempo_source == "internal"
    ctl.set_tempo(100)
    assert ctl.streamer.bpm == 100
    now = time.monotonic()
    for i in range(48):                       # two beats of 24-ppqn ticks at 140 BPM
        bpm = clock.tick(now - (47 - i) * 60.0 / 140 / 24)
        if bpm:
            ctl.on_tempo(bpm)
    assert ctl.tempo_source == "midi clock"
    assert ctl.streamer.bpm == pytest.approx(140, abs=0.5)
    with pytest.raises(ValueError, match="MIDI clock sets the tempo"):
        ctl.set_tempo(90)
    time.sleep(clock.config.gap_seconds + 0.1)     # the clock stopped
    assert ctl.tempo_source == "internal"
    ctl.set_tempo(90)
    assert ctl.streamer.bpm == 90


def test_a_kit_placed_by_hand_with_spaces_in_its_name_loads_by_program_change(bank, tmp_path):
    ctl = Controller(bank, NullMixer(), tmp_path)
    saved = ctl.kit_save("first")
    ctl.randomize(3, 1234)
    assert bank.wait_idle(60)
    hand = saved.with_name("My Kit.json")          # a musician copies and renames a kit
    hand.write_text(saved.read_text())
    saved.unlink()
    kit_z = np.asarray([p["z"] for p in json.loads(hand.read_text())["pads"]])
    assert not np.allclose(bank.pads[3].z, kit_z[3])
    ctl.load_kit_program(0)                        # the only kit: "My Kit"
    assert bank.wait_idle(60)
    np.testing.assert_allclose(np.stack([p.z for p in bank.pads]), kit_z, atol=1e-6)


def test_program_change_loads_the_listed_file_when_two_names_sanitise_alike(bank, tmp_path):
    """``My Kit.json`` and ``My_Kit.json`` both exist: programs 0 and 1 are those two files
    (sorted by name), not the sanitised ``My_Kit.json`` twice."""
    ctl = Controller(bank, NullMixer(), tmp_path)
    kits = {}
    for name, seed in (("My Kit", 11), ("My_Kit", 22)):
        ctl.randomize(0, seed)
        assert bank.wait_idle(60)
        path = ctl.kit_save("tmp")
        kits[name] = json.loads(path.read_text())["pads"][0]["z"]
        path.rename(path.with_name(f"{name}.json"))
    for program, name in enumerate(sorted(kits)):
        ctl.randomize(0, 99)
        assert bank.wait_idle(60)
        ctl.load_kit_program(program)
        assert bank.wait_idle(60)
        np.testing.assert_allclose(bank.pads[0].z, kits[name], atol=1e-6, err_msg=name)


class BrokenGenerator:
    """The bank's generator failing the way a real one can (out of memory), everything else
    delegated to the real one."""

    def __init__(self, real):
        self._real = real

    def __getattr__(self, name):
        return getattr(self._real, name)

    def __call__(self, *args, **kwargs):
        raise MemoryError("cannot allocate 2 GiB")


def test_a_failed_generation_is_answered_with_an_error_naming_the_request(bank, tmp_path):
    ctl = Controller(bank, NullMixer(), tmp_path)
    router = Router(ctl)
    replies = []
    real = bank.gen
    bank.gen = BrokenGenerator(real)
    try:
        router.dispatch("/wavegan/randomize", [2, 7], lambda *a: replies.append(a))
        assert bank.wait_idle(60)
        router.dispatch("/wavegan/undo", [], lambda *a: replies.append(a))
        assert bank.wait_idle(60)
    finally:
        bank.gen = real
    assert replies == [
        ("/wavegan/error", "/wavegan/randomize", "generation failed: cannot allocate 2 GiB"),
        ("/wavegan/error", "/wavegan/undo", "generation failed: cannot allocate 2 GiB")]
    router.dispatch("/wavegan/randomize", [2, 7], lambda *a: replies.append(a))
    assert bank.wait_idle(60)
    assert replies[-1] == ("/wavegan/pad", 2, 7)          # the worker lives on
