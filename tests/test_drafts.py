"""Drafts: a change of many pads plays the phrases' first samples at once, and the whole
phrases replace them when no change waits (server.drafts, server.pads)."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from server.drafts import NO_DRAFTS, Drafts, Refinement
from tests.conftest import make_bank
from wavegan.postprocess import finish

DRAFTS = Drafts(above=4, length=2048, segment=4096)


@pytest.fixture(params=["keras", "fast"])
def bank(tiny_checkpoint, request):
    """Keras: the refinement is one whole render; fast: stages, the last in windows, over
    two max_batch chunks of pads."""
    bank = make_bank(tiny_checkpoint, backend=request.param)
    bank.drafts = DRAFTS
    yield bank
    bank.close()


def _expected(bank) -> np.ndarray:
    z = bank.effective_z(list(range(len(bank.pads))))
    return finish(bank.gen(z, bank.style), bank.gen.config.sample_rate)


def test_a_knob_plays_drafts_first_then_the_whole_phrases(bank):
    refine = threading.Event()      # the refinement waits until the drafts are checked
    real_stage = bank._stage

    def gated_stage(x, stage, start, stop):
        assert refine.wait(30)
        return real_stage(x, stage, start, stop)

    bank._stage = gated_stage
    with bank._gen_lock:       # hold the worker back until the whole change is queued
        bank.set_macro(0, 0.8)
        # each pad's newest request
        seq = {r.pad: r.seq for change in list(bank._queue.queue) for r in change}
    assert bank.wait_idle(60, refined=False)
    rate = bank.gen.config.sample_rate
    z = bank.effective_z(list(range(16)))
    raw = bank.gen(z, bank.style, 0, DRAFTS.length)
    for pad in bank.pads:
        assert pad.draft
        assert pad.seq >= seq.get(pad.index, -1) and len(pad.phrase) == DRAFTS.length
        assert len(pad.buffer) == DRAFTS.length * bank.engine_rate // rate
        # the beginning of the new sound (its own DC removed), faded out at its end
        expected = DRAFTS.fade(finish(raw[pad.index:pad.index + 1], rate), rate)[0]
        np.testing.assert_allclose(pad.phrase, expected, atol=1e-5)
        assert pad.phrase[-1].max() == 0.0
    refine.set()
    assert bank.wait_idle(60)
    expected = _expected(bank)
    for pad in bank.pads:
        assert not pad.draft and pad.seq >= seq.get(pad.index, -1)
        np.testing.assert_allclose(pad.phrase, expected[pad.index], atol=1e-5)


def test_a_change_during_the_refinement_is_rendered_and_refined_at_its_value(bank):
    # every refinement step waits on the gate: the test decides when it may go on
    gate, waiting = threading.Semaphore(0), threading.Event()
    real_stage = bank._stage
    steps = []

    def gated_stage(x, stage, start, stop):
        waiting.set()
        assert gate.acquire(timeout=30)
        steps.append((stage, start, stop))
        return real_stage(x, stage, start, stop)

    bank._stage = gated_stage
    bank.set_macro(1, -0.5)
    assert waiting.wait(30)                      # drafts are in, the refinement waits
    bank.set_latent(3, np.full(bank.gen.config.latent_dim, 0.25, np.float32), None)
    bank.set_macro(1, 0.7)                       # the knob moves on: drafts again
    for _ in range(200):
        gate.release()
    assert bank.wait_idle(60)
    walk = bank.gen.steps(DRAFTS.segment)
    assert steps[0] == walk[0] and steps[-len(walk):] == walk   # the last walk is whole
    expected = _expected(bank)
    for pad in bank.pads:
        assert not pad.draft
        np.testing.assert_allclose(pad.phrase, expected[pad.index], atol=1e-5)
    assert bank.coalesced >= 0 and bank.renders >= 3


def test_one_pad_is_rendered_whole_and_no_drafts_means_whole_phrases(bank):
    bank.set_latent(5, np.zeros(bank.gen.config.latent_dim, np.float32), None)
    assert bank.wait_idle(30, refined=False)
    assert not bank.pads[5].draft and len(bank.pads[5].phrase) == bank.gen.config.slice_len
    bank.drafts = NO_DRAFTS
    bank.set_macro(0, -0.3)
    assert bank.wait_idle(30, refined=False)
    assert not any(p.draft for p in bank.pads)
    expected = _expected(bank)
    for pad in bank.pads:
        np.testing.assert_allclose(pad.phrase, expected[pad.index], atol=1e-5)


def test_the_refinement_walks_the_stages_in_windows_and_drops_pads_a_newer_change_took():
    z = np.arange(8, dtype=np.float32).reshape(4, 2)
    calls = []

    def run(x, stage, start, stop):
        if stage == 0:          # two chunks, as max_batch would make
            zs, _ = x
            calls.append((0, len(zs), start, stop))
            return [np.repeat(c[:, :1, None], stop - start, axis=1) for c in (zs[:2], zs[2:])]
        calls.append((stage, [c.shape for c in x], start, stop))
        t = np.arange(start, stop, dtype=np.float32)
        return [c[:, :1] * 1000 + t[None, :, None] for c in x]

    ref = Refinement([0, 1, 2, 3], z, np.ones(1), [(0, 0, 4), (1, 0, 5), (1, 5, 10)])
    assert ref.step(run) is None
    ref.drop([1, 9])
    assert ref.live == [0, 2, 3] and ref
    assert ref.step(run) is None
    pads, whole = ref.step(run)
    # each stage reads the previous one whole; the dropped pad is still computed, so the
    # others keep their batch positions
    assert calls == [(0, 4, 0, 4), (1, [(2, 4, 1)] * 2, 0, 5), (1, [(2, 4, 1)] * 2, 5, 10)]
    assert pads == [0, 2, 3] and whole.shape == (3, 10, 1) and not ref
    np.testing.assert_array_equal(whole[:, :, 0], z[[0, 2, 3], :1] * 1000 + np.arange(10))
    ref = Refinement([0, 1], z[:2], np.ones(1), [(0, 0, 4), (1, 0, 10)])
    assert ref.step(run) is None
    ref.drop([0, 1])                     # every pad taken by a newer change: abandoned
    assert not ref and ref.live == []


def test_drafts_are_wanted_for_many_pads_only_and_fade_to_silence():
    d = Drafts(above=4, length=2048)
    assert d.wanted(16, 65536) and not d.wanted(4, 65536) and not d.wanted(16, 2048)
    assert not NO_DRAFTS.wanted(16, 65536)
    faded = d.fade(np.ones((2, 2048, 1), np.float32), 44100)
    assert faded[:, -1].max() == 0.0 and faded[:, 0].min() == 1.0
    n = int(44100 * d.fade_ms / 1000)
    assert np.all(faded[:, :-n] == 1.0) and np.all(np.diff(faded[0, -n:, 0]) < 0)
