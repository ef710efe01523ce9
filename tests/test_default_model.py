"""The bundled default model is a trained drum model, not the old random-weights placeholder."""

from __future__ import annotations

import json

import numpy as np
import pytest

from wavegan.checkpoint import load_checkpoint
from wavegan.default import MODELS, default_checkpoint_path
from wavegan.generator import Generator

MAX_BYTES = 25 * 1024 * 1024


def envelope_crest(audio: np.ndarray, rate: int) -> np.ndarray:
    """Per phrase: loudest 10 ms RMS over the median 10 ms RMS. Drum phrases are hits and
    decays (real corpus slices: median ~24); noise and random weights are flat (~1.1-1.3)."""
    hop = int(0.01 * rate)
    n = audio.shape[1] // hop
    frames = audio[:, :n * hop].reshape(len(audio), n, hop).astype(np.float64)
    env = np.sqrt((frames ** 2).mean(axis=2)) + 1e-9
    return env.max(axis=1) / np.median(env, axis=1)


@pytest.mark.parametrize("name", sorted(MODELS))
def test_bundled_checkpoints_are_trained_and_fit_the_repository(name):
    """Every bundled model is a trained one that says how it was made, and carries its critic
    so `--init-from NAME` can train it further."""
    ckpt = load_checkpoint(MODELS[name])
    assert ckpt.step > 0 and ckpt.has("discriminator")
    assert "UNTRAINED" not in ckpt.meta["label"]
    assert "wavegan train" in ckpt.meta["recipe"] and "wavegan corpus" in ckpt.meta["recipe"]
    size = sum(f.stat().st_size for f in ckpt.path.iterdir())
    assert size <= MAX_BYTES
    assert ckpt.meta["weights_dtype"] == "float16"


def test_default_model_plays_hits_not_noise():
    gen = Generator.from_checkpoint(default_checkpoint_path())
    rate = gen.config.sample_rate
    audio = gen.from_seeds(list(range(32)))[..., 0]
    rms_db = 20 * np.log10(np.sqrt((audio.astype(np.float64) ** 2).mean(axis=1)) + 1e-12)
    assert (rms_db > -45).all(), rms_db  # nothing near-silent
    crest = envelope_crest(audio, rate)
    assert np.median(crest) > 10.0, crest  # spiky like drums (model 27, real 24, noise ~1.1)
    # and the measure itself separates drums from noise
    noise = np.random.default_rng(0).standard_normal((8, audio.shape[1])).astype(np.float32)
    assert np.median(envelope_crest(noise, rate)) < 1.5


def test_the_evaluation_table_names_the_classifier_that_ships_beside_it():
    """The model card's table is reproducible only with its ruler: docs/sounds/classifier loads (its
    weights check out) and is the classifier docs/sounds/evaluation.json was measured with."""
    import json
    from pathlib import Path

    from trainer.classifier import load_classifier

    sounds = Path(__file__).resolve().parents[1] / "docs" / "sounds"
    clf = load_classifier(sounds / "classifier")
    report = json.loads((sounds / "evaluation.json").read_text())
    assert report["classifier"]["weights_sha256"] == clf.weights_sha256
    assert report["classifier"]["training_data_sha256"] == clf.meta["training_data_sha256"]
    assert clf.weights_sha256[:12] in (sounds.parent / "models" / "default.md").read_text()


def test_bundled_models_are_one_name_away(tmp_path, monkeypatch):
    """``--checkpoint grooves`` (and ``--init-from grooves``) name a bundled model; nothing names
    the default; a user's own checkpoint folder of the same name, here, wins over the bundle."""
    from pathlib import Path

    from wavegan.default import DEFAULT_MODEL, MODELS, resolve_checkpoint

    assert resolve_checkpoint(None) == MODELS[DEFAULT_MODEL] == default_checkpoint_path()
    for name, folder in MODELS.items():
        assert resolve_checkpoint(name) == folder
        assert load_checkpoint(folder).step > 0           # every name is a real model
    monkeypatch.chdir(tmp_path)
    (tmp_path / "grooves").mkdir()                     # a data folder, not a checkpoint
    assert resolve_checkpoint("grooves") == MODELS["grooves"]
    (tmp_path / "grooves" / "checkpoints").mkdir()          # the user's own training run
    assert resolve_checkpoint("grooves").resolve() == tmp_path / "grooves"
    (tmp_path / "grooves" / "checkpoints").rmdir()
    (tmp_path / "grooves" / "model.json").write_text("{}")   # the user's own checkpoint
    assert resolve_checkpoint("grooves").resolve() == tmp_path / "grooves"
    assert resolve_checkpoint("runs/x") == Path("runs/x")     # any other value is a path


def test_a_bundled_name_works_where_a_user_types_it(tmp_path):
    from tests.cli_util import wavegan
    from trainer.run import TrainJob

    out = json.loads(wavegan("info", "grooves", "--json").stdout)
    assert out["step"] == load_checkpoint(default_checkpoint_path()).step
    assert "grooves" in wavegan("serve", "--help").stdout
    job = TrainJob(data=tmp_path, run_dir=tmp_path / "run", init_from="grooves")
    assert job.init_from == default_checkpoint_path()


def test_a_run_from_the_bundled_model_takes_its_settings_and_your_folders_as_styles(tmp_path):
    """`wavegan train --init-from grooves --data mine/` needs no model flags: the model,
    slicing and GAN settings are the bundled model's, a flag still wins, and sub-folders
    name the styles (kept by name where the model knows them)."""
    import soundfile as sf

    from trainer.run import TrainJob, resolve

    for style in ("funk", "polka"):
        (tmp_path / "mine" / style).mkdir(parents=True)
        sf.write(tmp_path / "mine" / style / "take.wav", np.zeros(16000, np.float32), 16000)
    ckpt = load_checkpoint(default_checkpoint_path())
    run = resolve(TrainJob(tmp_path / "mine", tmp_path / "run", init_from="grooves")).run
    assert run.model.to_dict() | {"styles": []} == ckpt.config.to_dict() | {"styles": []}
    assert run.model.styles == ["funk", "polka"] and run.train.styles_from == "folders"
    trained = ckpt.meta["training"]
    assert run.slice.mode == trained["slice"]["mode"] == "onset"
    assert run.gan.n_critic == trained["gan"]["n_critic"] and run.gan.ema == trained["gan"]["ema"]
    flagged = resolve(TrainJob(tmp_path / "mine", tmp_path / "run2", init_from="grooves",
                               overrides={"n_critic": 5})).run
    assert flagged.gan.n_critic == 5 and flagged.model.dim == ckpt.config.dim


def test_the_bundled_kit_is_a_44k_kit_whose_pads_are_the_gm_drum_notes():
    """`--checkpoint kit` plays one-shots conditioned on the GM drum classes at 44.1 kHz, and
    the daemon treats it as a kit: pad n plays GM note 36 + n's instrument."""
    from server.instruments import Instruments, is_kit
    from wavegan.gm_drums import CLASSES, gm_class

    ckpt = load_checkpoint(MODELS["kit"])
    styles = ckpt.config.styles
    assert is_kit(ckpt.meta, styles)
    assert ckpt.config.sample_rate == 44100 and ckpt.config.slice_len == 32768
    assert list(styles) == [c for c in CLASSES if c in styles]    # style n = the GM table's
    assert {"kick", "snare", "closed_hat", "open_hat", "crash", "ride"} <= set(styles)
    pads = Instruments(styles, 16).names
    for pad, note in ((0, 36), (2, 38), (6, 42), (10, 46), (13, 49), (15, 51)):
        assert pads[pad] == gm_class(note)


def test_the_kit_card_shows_the_bundled_kit_measured_with_the_ruler_beside_it():
    """docs/models/kit.md is about the checkpoint that ships: its evaluation was measured on
    this checkpoint's step with docs/sounds/kit/classifier, and its sounds are there."""
    from pathlib import Path

    from trainer.classifier import load_classifier

    docs = Path(__file__).resolve().parents[1] / "docs"
    sounds = docs / "sounds" / "kit"
    card = (docs / "models" / "kit.md").read_text()
    clf = load_classifier(sounds / "classifier")
    report = json.loads((sounds / "evaluation.json").read_text())
    assert report["classifier"]["weights_sha256"] == clf.weights_sha256
    assert clf.weights_sha256[:12] in card
    step = load_checkpoint(MODELS["kit"]).step
    model_rows = [r for r in report["rows"] if r["kind"] == "model"]
    assert len(model_rows) == 1 and model_rows[0]["checkpoint"]["step"] == step
    assert f"{step} steps" in card
    assert len(list(sounds.glob("*.flac"))) == len(load_checkpoint(MODELS["kit"]).config.styles)
