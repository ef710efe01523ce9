"""The pad bank's generation worker: a burst of latent changes (a MIDI CC sweep moving a macro)
is rendered once per pad at the newest value, not once per change."""

from __future__ import annotations

import numpy as np
import pytest

from tests.conftest import make_bank
from wavegan.postprocess import finish


@pytest.fixture()
def bank(tiny_checkpoint):
    bank = make_bank(tiny_checkpoint)
    yield bank
    bank.close()


def test_a_knob_sweep_renders_each_pad_once_at_the_newest_value(bank):
    bank.latencies.clear()
    with bank._gen_lock:            # the generator is busy (as with a phrase being streamed)
        for value in np.linspace(-1.0, 1.0, 40):
            bank.set_macro(0, float(value))       # 16 requests per value: 640 waiting
    assert bank.wait_idle(60)
    # at most one render per pad for what was waiting (plus one if the worker had already
    # taken the first request when the lock was released): not 40 renders per pad
    assert len(bank.latencies) <= 2 * len(bank.pads), len(bank.latencies)
    z = bank.effective_z(list(range(len(bank.pads))))
    expected = finish(bank.gen(z), bank.gen.config.sample_rate)
    for pad in bank.pads:
        np.testing.assert_allclose(pad.phrase, expected[pad.index], atol=1e-5)


class _CountingGenerator:
    """The bank's generator, recording the batch size and window of every call."""

    def __init__(self, gen):
        self._gen, self.calls = gen, []

    def __call__(self, z, style=None, start=0, stop=None):
        self.calls.append((len(z), start, stop))
        return self._gen(z, style, start, stop)

    def __getattr__(self, name):
        return getattr(self._gen, name)


def test_more_pads_than_a_batch_are_rendered_in_several_calls(bank):
    bank.gen = counting = _CountingGenerator(bank.gen)
    with bank._gen_lock:
        bank.refresh_all()
    assert bank.wait_idle(60)
    assert max(n for n, _, _ in counting.calls) == 8
    # the drafts: two calls of 8 pads, then the refinement windows, 8 pads per call
    drafts = [c for c in counting.calls if c[1:] == (0, bank.drafts.length)]
    assert [n for n, _, _ in drafts] == [8, 8], counting.calls


@pytest.mark.parametrize("engine_rate", [44100, 48000])
def test_a_16k_phrase_reaches_the_device_rate_at_its_pitch(engine_rate):
    """The bundled model is 16 kHz and sound cards run at 44.1/48 kHz: the pad buffer must be
    the same 1.024 s at the device rate, stereo, and a tone must keep its frequency."""
    from server.pads import to_engine

    t = np.arange(16384) / 16000
    tone = (0.5 * np.sin(2 * np.pi * 1000.0 * t))[:, None].astype(np.float32)
    out = to_engine(tone, 16000, engine_rate)
    assert out.shape == (16384 * engine_rate // 16000, 2) and out.dtype == np.float32
    assert out.flags.c_contiguous and np.array_equal(out[:, 0], out[:, 1])
    spectrum = np.abs(np.fft.rfft(out[:, 0] * np.hanning(len(out))))
    peak_hz = np.argmax(spectrum) * engine_rate / len(out)
    assert abs(peak_hz - 1000.0) < 2.0
    assert np.sqrt(np.mean(out[2000:-2000, 0] ** 2)) == pytest.approx(0.5 / np.sqrt(2), rel=0.02)
