"""Shared fixtures: a real JACK server, small checkpoints, quiet TensorFlow."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("JACK_NO_START_SERVER", "1")

from wavegan.cpu_memory import pool_cpu_memory  # noqa: E402

pool_cpu_memory()   # TensorFlow in the tests runs as in the CLI

import pytest  # noqa: E402

from tests.jackd import jack_available, start_jack  # noqa: E402


def pytest_collection_modifyitems(items):
    """A test on the JACK server times audio or MIDI: it is a ``realtime`` test, which
    ``make test`` runs alone after the rest, so that no other test's work shares its cores."""
    for item in items:
        if "jack_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.realtime)


@pytest.fixture(scope="session")
def jack_server():
    """A running ``jackd -d dummy -r 44100 -p 256`` for the whole test session."""
    if not jack_available():
        pytest.fail("jackd/jack_wait not installed: run `make test` (it installs jackd2)")
    server = start_jack()
    os.environ["JACK_NO_START_SERVER"] = "1"
    yield server
    server.stop()


@pytest.fixture(scope="session")
def tiny_checkpoint(tmp_path_factory):
    """A d=4, 16384-sample, 16 kHz mono checkpoint with random weights (fast to load and run)."""
    return make_checkpoint(tmp_path_factory.mktemp("ckpt") / "tiny", slice_len=16384,
                           sample_rate=16000, dim=4)


@pytest.fixture(scope="session")
def tiny_checkpoint_44k(tmp_path_factory):
    """A d=4, 16384-sample, 44.1 kHz mono checkpoint (the JACK test server's rate)."""
    return make_checkpoint(tmp_path_factory.mktemp("ckpt44") / "tiny44", slice_len=16384,
                           sample_rate=44100, dim=4)


def make_checkpoint(path, seed: int = 7, **config):
    import keras

    from wavegan.checkpoint import save_model_checkpoint
    from wavegan.config import ModelConfig
    from wavegan.models import build_generator

    keras.utils.set_random_seed(seed)
    cfg = ModelConfig(**config)
    return save_model_checkpoint(path, cfg, build_generator(cfg),
                                 extra_meta={"label": "test model"})


def status_reply(path, out) -> tuple:
    """The ``/wavegan/status`` reply ``(address, key, value, …)`` of a headless controller
    over the checkpoint at ``path`` (``out``: its output folder)."""
    from server.controller import Controller
    from server.engine import NullMixer
    from server.osc_api import Router

    bank = make_bank(path)
    try:
        replies = []
        Router(Controller(bank, NullMixer(), out)).dispatch(
            "/wavegan/status", [], lambda *a: replies.append(a))
    finally:
        bank.close()
    assert len(replies) == 1, replies
    return replies[0]


def make_bank(path, max_batch: int = 8, backend: str = "keras"):
    """A ``PadBank`` over the checkpoint at ``path`` (Keras backend by default), its 16 pads
    rendered."""
    from server.pads import PadBank
    from wavegan.checkpoint import load_checkpoint
    from wavegan.generator import Generator
    from wavegan.macros import compute_macros

    ck = load_checkpoint(path)
    weights = ck.arrays("generator")
    gen = Generator(ck.config, weights, backend=backend, max_batch=max_batch)
    bank = PadBank(gen, compute_macros(weights, ck.config.latent_dim), ck.config.sample_rate)
    assert bank.wait_idle(60)
    return bank
