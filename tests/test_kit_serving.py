"""Playing a kit model (trained on one-shots, conditioned on the drum class): pad n plays GM
note 36 + n's instrument, knobs move sounds within it, `/wavegan/pad/instrument` reassigns a
pad, kits save it (server.instruments, server.pads, the daemon over real UDP OSC)."""

from __future__ import annotations

import time

import keras
import numpy as np
import pytest
import soundfile as sf

from server.instruments import NOT_A_KIT, Instruments, SharedStyle, is_kit
from server.pads import PadBank
from tests.daemon_util import Daemon
from wavegan.checkpoint import load_checkpoint, save_model_checkpoint
from wavegan.config import ModelConfig
from wavegan.generator import Generator
from wavegan.macros import compute_macros
from wavegan.models import build_generator
from wavegan.postprocess import finish

CLASSES = ("kick", "snare", "closed_hat", "open_hat", "crash")
ONESHOT_META = {"label": "test kit", "dataset": {"slice_config": {"mode": "oneshot"}}}


@pytest.fixture(scope="module")
def kit_checkpoint(tmp_path_factory):
    """A d=4, 8192-sample, 44.1 kHz model conditioned on five drum classes, marked as trained
    on one-shots (random weights: each class sounds different)."""
    keras.utils.set_random_seed(5)
    cfg = ModelConfig(slice_len=16384, sample_rate=44100, dim=4, styles=list(CLASSES))
    return save_model_checkpoint(tmp_path_factory.mktemp("kit") / "kit", cfg,
                                 build_generator(cfg), extra_meta=ONESHOT_META)


def test_pads_default_to_their_gm_notes_instrument_or_one_the_model_knows():
    inst = Instruments(CLASSES, 16)
    assert inst.names[0] == "kick"            # 36 bass drum
    assert inst.names[2] == "snare"           # 38 acoustic snare
    assert inst.names[6] == "closed_hat"      # 42
    assert inst.names[10] == "open_hat"       # 46
    assert inst.names[13] == "crash"          # 49
    assert inst.names[1] == CLASSES[1]        # 37 side stick: not in this kit, a known class
    assert set(inst.names) <= set(CLASSES)
    rows = inst.rows([0, 2, 13], np.zeros(5))
    np.testing.assert_array_equal(rows, np.eye(5)[[0, 1, 4]])
    inst.set(0, "crash")
    assert inst.rows([0], np.zeros(5))[0, 4] == 1.0
    with pytest.raises(ValueError, match="this kit knows kick, snare"):
        inst.set(0, "cowbell")
    with pytest.raises(ValueError, match="do not fit"):
        inst.restore(["kick"] * 15)
    with pytest.raises(ValueError, match="phrases in styles"):
        SharedStyle().set(0, "kick")


def test_a_checkpoint_is_a_kit_when_trained_on_one_shots_with_classes():
    assert is_kit(ONESHOT_META, CLASSES)
    assert not is_kit(ONESHOT_META, ())
    assert not is_kit({"dataset": {"slice_config": {"mode": "onset"}}}, CLASSES)
    assert not is_kit({}, CLASSES)


def test_each_pad_plays_its_instrument_through_knobs_and_reassignment(kit_checkpoint):
    ckpt = load_checkpoint(kit_checkpoint)
    weights = ckpt.arrays("generator")
    gen = Generator(ckpt.config, weights, backend="keras", max_batch=8)
    bank = PadBank(gen, compute_macros(weights, 100), 44100, kit=True)
    try:
        assert bank.wait_idle(60)

        def expected(pads):
            z = bank.effective_z(pads)
            onehot = np.eye(len(CLASSES))[[CLASSES.index(bank.instruments.names[p])
                                           for p in pads]]
            return finish(gen(z, onehot), 44100)

        pads = list(range(16))
        for p, want in zip(pads, expected(pads)):
            np.testing.assert_allclose(bank.pads[p].phrase, want, atol=1e-5)
        bank.set_macro(2, 0.6)                  # drafts, then whole phrases: still kick, snare…
        assert bank.wait_idle(60)
        for p, want in zip(pads, expected(pads)):
            np.testing.assert_allclose(bank.pads[p].phrase, want, atol=1e-5)
        before = bank.pads[3].phrase.copy()
        bank.set_instrument(3, "crash")
        assert bank.wait_idle(60)
        assert bank.instruments.names[3] == "crash"
        np.testing.assert_allclose(bank.pads[3].phrase, expected([3])[0], atol=1e-5)
        assert not np.allclose(bank.pads[3].phrase, before, atol=1e-3)
    finally:
        bank.close()


def shown_instruments(d: Daemon, pads: int = 16, timeout: float = 30.0) -> dict[int, str]:
    """The ``/wavegan/instrument pad name`` replies that arrive until every pad has one."""
    seen: dict[int, str] = {}
    deadline = time.monotonic() + timeout
    while len(seen) < pads and time.monotonic() < deadline:
        for addr, args in d.replies(0.2):
            assert addr != "/wavegan/error", args
            if addr == "/wavegan/instrument":
                seen[args[0]] = args[1]
    return seen


def test_the_daemon_plays_a_kit_over_osc(kit_checkpoint, tiny_checkpoint, tmp_path):
    d = Daemon(kit_checkpoint, tmp_path)
    try:
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        names = dict(zip(flat[::2], flat[1::2]))["instruments"].split(",")
        assert len(names) == 16 and names[0] == "kick" and names[2] == "snare"
        d.send("/wavegan/instruments")            # what Max/Pd displays ask for
        assert shown_instruments(d) == dict(enumerate(names))
        addr, args = d.request("/wavegan/pad/instrument", 2, "open_hat",
                               expect="/wavegan/instrument")
        assert (addr, args) == ("/wavegan/instrument", [2, "open_hat"])
        addr, args = d.expect("/wavegan/pad")     # then it sounds
        assert addr == "/wavegan/pad" and args[0] == 2
        d.request("/wavegan/kit/save", "hats", expect="/wavegan/kit/saved")
        d.request("/wavegan/pad/instrument", 2, "kick", expect="/wavegan/pad")
        addr, args = d.request("/wavegan/pad/instrument", 2, "tabla", expect="/wavegan/pad")
        assert addr == "/wavegan/error" and "this kit knows kick" in args[1]
        d.send("/wavegan/kit/load", "hats")       # displays learn the kit's instruments
        assert shown_instruments(d)[2] == "open_hat"
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        assert dict(zip(flat[::2], flat[1::2]))["instruments"].split(",")[2] == "open_hat"
        # the stream plays a groove on the pads; /wavegan/style chooses it
        assert dict(zip(flat[::2], flat[1::2]))["style"] == "rock"
        assert d.request("/wavegan/style", "halftime", expect="/wavegan/style") == (
            "/wavegan/style", ["halftime"])
        addr, args = d.request("/wavegan/style", "kick", expect="/wavegan/style")
        assert addr == "/wavegan/error" and "halftime" in args[1]   # classes are not grooves
        d.request("/wavegan/kit/save", "halftime-kit", expect="/wavegan/kit/saved")
        d.request("/wavegan/style", "funk", expect="/wavegan/style")
        d.send("/wavegan/kit/load", "halftime-kit")   # a kit brings its groove back
        shown_instruments(d)
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        assert dict(zip(flat[::2], flat[1::2]))["style"] == "halftime"
        _, (path,) = d.request("/wavegan/render", "groove", 2.4, expect="/wavegan/rendered")
        audio, rate = sf.read(path)
        assert rate == 44100 and len(audio) == round(2.4 * 44100)
        beat = round(60 / 120 * rate)               # half-time at 120 BPM: a bar is 2 s
        onsets = [np.abs(audio[b * beat:b * beat + 2205]).max() for b in range(4)]
        assert min(onsets[0], onsets[2]) > 0.01, onsets   # kick on 1, snare on 3
    finally:
        d.stop()
    d = Daemon(tiny_checkpoint, tmp_path / "phrases")
    try:
        addr, args = d.request("/wavegan/pad/instrument", 0, "kick", expect="/wavegan/pad")
        assert addr == "/wavegan/error" and args[1] == NOT_A_KIT
        addr, args = d.request("/wavegan/instruments", expect="/wavegan/instrument")
        assert addr == "/wavegan/error" and args == ["/wavegan/instruments", NOT_A_KIT]
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        assert dict(zip(flat[::2], flat[1::2]))["instruments"] == "none"
    finally:
        d.stop()
