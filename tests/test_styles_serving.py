"""Playing a conditional model: the realtime generator, `wavegan generate --style`, and the
daemon's `/wavegan/style` over real UDP OSC."""

from __future__ import annotations

import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from tests.conftest import make_checkpoint
from tests.daemon_util import Daemon
from wavegan.generator import Generator
from wavegan.latent import z_batch
from wavegan.macros import compute_macros
from wavegan.postprocess import finish

STYLES = ["rock", "funk", "shuffle"]


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    """A d=4 44.1 kHz model with three styles (random weights: each style sounds different)."""
    return make_checkpoint(tmp_path_factory.mktemp("styled") / "styled", slice_len=16384,
                           sample_rate=44100, dim=4, styles=STYLES)


def test_each_style_sounds_different_and_both_backends_agree(styled):
    fast = Generator.from_checkpoint(styled, backend="fast")
    keras_gen = Generator.from_checkpoint(styled, backend="keras")
    assert fast.contract.styles == tuple(STYLES)
    z = z_batch([1, 2], 100)
    per_style = [fast(z, np.eye(3)[k]) for k in range(3)]
    for k in range(3):
        np.testing.assert_allclose(per_style[k], keras_gen(z, np.eye(3)[k]), atol=1e-4)
    assert not np.allclose(per_style[0], per_style[1], atol=1e-3)
    np.testing.assert_array_equal(fast(z, fast.style_weights("shuffle")), per_style[2])
    mixed = fast(z, [0.5, 0.5, 0.0])
    assert not np.allclose(mixed, per_style[0], atol=1e-4)
    with pytest.raises(ValueError, match="this model knows rock, funk, shuffle"):
        fast.style_weights("jazz")
    macros = compute_macros(fast_weights(styled), 100, samples=256)
    assert macros.directions.shape == (8, 100) and np.isfinite(macros.directions).all()


def fast_weights(path):
    from wavegan.checkpoint import load_checkpoint

    return load_checkpoint(path).playing_arrays()


def test_an_unconditional_model_refuses_a_style(tiny_checkpoint, tmp_path):
    with pytest.raises(ValueError, match="has no styles"):
        Generator.from_checkpoint(tiny_checkpoint).style_weights("funk")
    proc = wavegan("generate", "--checkpoint", tiny_checkpoint, "-n", 1, "--seed", 1,
                   "--style", "funk", "--out", tmp_path, check=False)
    assert proc.returncode == 1 and "error: this model has no styles" in proc.stderr
    assert "Traceback" not in proc.stderr and not list(tmp_path.glob("*.wav"))


def test_generate_plays_each_style_in_turn_or_the_one_asked_for(styled, tmp_path):
    proc = wavegan("generate", "--checkpoint", styled, "-n", 4, "--seed", 10, "--out",
                   tmp_path / "each")
    assert "styles: rock, funk, shuffle" in proc.stdout
    names = sorted(p.name for p in (tmp_path / "each").glob("*.wav"))
    assert names == ["seed-0000000010-rock.wav", "seed-0000000011-funk.wav",
                     "seed-0000000012-shuffle.wav", "seed-0000000013-rock.wav"]
    wavegan("generate", "--checkpoint", styled, "-n", 2, "--seed", 11, "--style", "funk",
            "--out", tmp_path / "funk")
    again, _ = sf.read(tmp_path / "funk" / "seed-0000000011-funk.wav", dtype="int32")
    first, _ = sf.read(tmp_path / "each" / "seed-0000000011-funk.wav", dtype="int32")
    # the name says how to get it back (another batch size: within a few 24-bit LSB, see
    # test_generate_cli.test_same_seed_regenerates_the_same_sound)
    assert np.abs(again.astype(np.int64) - first).max() <= 4 * 256
    wavegan("generate", "--checkpoint", styled, "-n", 1, "--seed", 11, "--style",
            "funk=0.7,rock=0.3", "--out", tmp_path / "mix")
    mix, _ = sf.read(tmp_path / "mix" / "seed-0000000011-funk70-rock30.wav", dtype="int32")
    assert not np.array_equal(mix, first) and np.std(mix) > 0
    proc = wavegan("generate", "--checkpoint", styled, "-n", 1, "--style", "jazz", "--out",
                   tmp_path / "bad", check=False)
    assert proc.returncode == 1 and "this model knows rock, funk, shuffle" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_osc_style_changes_every_pad_and_bad_styles_get_an_error_reply(styled, tmp_path):
    d = Daemon(styled, tmp_path, "--style", "funk")
    try:
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        status = dict(zip(flat[::2], flat[1::2]))
        assert status["styles"] == "rock,funk,shuffle" and status["style"] == "funk"
        funk = render(d, "funk-pad3", 3)
        assert d.request("/wavegan/style", "rock", expect="/wavegan/style")[1] == ["rock"]
        d.request("/wavegan/randomize", 0, 0, expect="/wavegan/pad")   # waits for the renders
        rock = render(d, "rock-pad3", 3)
        assert not np.allclose(funk, rock, atol=1e-3)
        assert d.request("/wavegan/style", 1, expect="/wavegan/style")[1] == ["funk"]
        d.request("/wavegan/randomize", 0, 0, expect="/wavegan/pad")
        # the same sound (a draft's refinement and a whole render may round the last bit
        # of a sample differently: 1e-6 is -120 dB)
        np.testing.assert_allclose(render(d, "funk-again", 3), funk, rtol=0, atol=1e-6)
        assert d.request("/wavegan/style", 0.0, 1.0, 1.0,
                         expect="/wavegan/style")[1] == ["funk50-shuffle50"]
        # as Pd lists (several strings) and Max's text box (one string) send a mix
        assert d.request("/wavegan/style", "funk=0.7", "rock=0.3",
                         expect="/wavegan/style")[1] == ["funk70-rock30"]
        assert d.request("/wavegan/style", "0 0.25 0.75",
                         expect="/wavegan/style")[1] == ["shuffle75-funk25"]
        for bad, message in ((("jazz",), "this model knows rock, funk, shuffle"),
                             ((1.0, 2.0), "give 3 non-negative numbers"),
                             ((), "missing argument style"),
                             ((7,), "choose 0..2")):
            addr, args = d.request("/wavegan/style", *bad, expect="/wavegan/style")
            assert addr == "/wavegan/error" and message in args[1], (bad, args)
        d.request("/wavegan/style", "shuffle", expect="/wavegan/style")
        d.request("/wavegan/kit/save", "shuffled", expect="/wavegan/kit/saved")
        d.request("/wavegan/style", "rock", expect="/wavegan/style")
        d.request("/wavegan/kit/load", "shuffled", expect="/wavegan/pad")
        _, flat = d.request("/wavegan/status", expect="/wavegan/status")
        assert dict(zip(flat[::2], flat[1::2]))["style"] == "shuffle"   # kits keep the style
    finally:
        assert d.stop() == 0, "".join(d.log[-20:])


def render(d, name, pad):
    addr, args = d.request("/wavegan/render", name, pad, expect="/wavegan/rendered")
    assert addr == "/wavegan/rendered", args
    audio, _ = sf.read(args[0], dtype="float32")
    assert np.std(audio) > 1e-4
    return audio


def test_serve_refuses_a_style_the_model_does_not_have(styled, tiny_checkpoint, tmp_path):
    proc = wavegan("serve", "--checkpoint", styled, "--no-audio", "--no-midi", "--style",
                   "jazz", "--out", tmp_path, check=False, timeout=120)
    assert proc.returncode == 1 and "--style: style 'jazz'" in proc.stderr
    proc = wavegan("serve", "--checkpoint", tiny_checkpoint, "--no-audio", "--no-midi",
                   "--style", "funk", "--out", tmp_path, check=False, timeout=120)
    assert proc.returncode == 1 and "this model has no styles" in proc.stderr


def test_the_midi_style_knob_splits_its_range_over_the_styles(styled, tmp_path):
    from server.controller import Controller
    from server.engine import NullMixer
    from server.pads import PadBank
    from wavegan.checkpoint import load_checkpoint

    ck = load_checkpoint(styled)
    gen = Generator(ck.config, ck.playing_arrays(), backend="keras")
    bank = PadBank(gen, compute_macros(ck.playing_arrays(), 100, samples=256), 44100, n_pads=2)
    try:
        ctl = Controller(bank, NullMixer(), tmp_path)
        assert [ctl.set_style_knob(v) for v in (0.0, 0.3, 0.34, 0.5, 0.9, 1.0)] == [
            "rock", "rock", "funk", "funk", "shuffle", "shuffle"]
        np.testing.assert_array_equal(bank.style, [0, 0, 1])
        assert bank.wait_idle(30)
        z = bank.effective_z([0])        # the pads play the style the knob chose
        np.testing.assert_allclose(bank.pads[0].phrase, bank.generate(z)[0], atol=1e-4)
        rock = finish(gen(z, [1, 0, 0]), 44100)[0]
        assert not np.allclose(bank.pads[0].phrase, rock, atol=1e-3)
        with pytest.raises(ValueError, match="choose 0..2"):
            ctl.set_style(3)
    finally:
        bank.close()
