"""`wavegan evaluate --oneshots`: the physical measures on signals whose answer is known, and
the whole evaluation on a small real one-shot corpus (TimGM6mb rendered by fluidsynth, Sonic Pi
and Hydrogen files; Hydrogen's kits held out): the real held-out kits pass the centroid and
decay targets and score "as asked" at the classifier's own accuracy, white noise fails every
target, and a muffled, choked copy of the real kits fails the physical ones."""

from __future__ import annotations

import json

import numpy as np
import pytest

from tests.cli_util import wavegan
from tests.conftest import make_checkpoint
from tests.test_oneshots import needs_packages, system_packages  # noqa: F401 (the fixture it uses)
from trainer.classifier import load_classifier
from trainer.oneshot_measures import DECAY_DB, hit_measures

SR = 44100
NOTES = (36, 38, 42, 46, 49)     # kick, snare, closed and open hat, crash
CLASSES = ["kick", "snare", "closed_hat", "open_hat", "crash"]


# -- the measures on known signals ------------------------------------------------------------
@pytest.mark.parametrize("tau", [0.01, 0.05, 0.2])
def test_a_decaying_sine_decays_30_db_in_its_known_time(tau):
    t = np.arange(2 * SR) / SR
    m = hit_measures(np.sin(2 * np.pi * 800 * t) * np.exp(-t / tau), SR)
    expected = tau * np.log(10 ** (DECAY_DB / 20)) * 1e3          # 3.45 tau
    assert m.decay_ms == pytest.approx(expected, rel=0.03)
    assert m.attack_ms < 1.0
    assert m.centroid_hz == pytest.approx(800, rel=0.02)


@pytest.mark.parametrize("ramp_ms", [5.0, 20.0, 60.0])
def test_a_linear_attack_ramp_takes_80_percent_of_its_length_from_10_to_90_percent(ramp_ms):
    t = np.arange(SR) / SR
    ramp = np.minimum(t / (ramp_ms * 1e-3), 1.0) * np.exp(-np.maximum(t - ramp_ms * 1e-3, 0)
                                                          / 0.1)
    m = hit_measures(np.sin(2 * np.pi * 1000 * t) * ramp, SR)
    assert m.attack_ms == pytest.approx(0.8 * ramp_ms, abs=0.5)


@pytest.mark.parametrize("freq", [60.0, 440.0, 5000.0])
def test_a_sines_centroid_is_its_frequency(freq):
    t = np.arange(SR // 2) / SR
    assert hit_measures(np.sin(2 * np.pi * freq * t), SR).centroid_hz == pytest.approx(freq,
                                                                                       rel=0.01)


def test_the_floor_is_what_follows_the_decay_and_noise_never_decays():
    rng = np.random.default_rng(0)
    t = np.arange(SR) / SR
    hit = np.where(t < 0.05, np.sin(2 * np.pi * 500 * t), 0.0)     # rms 1/√2, then stops …
    hit = hit + rng.normal(0, 10 ** (-45 / 20) / np.sqrt(2), SR)   # … over a floor 45 dB down
    m = hit_measures(hit, SR)
    assert m.floor_db == pytest.approx(-45, abs=1.0)
    assert 0 < m.decay_ms < 56        # from the (flat) peak to the stop + half the RMS window
    steady = hit_measures(rng.normal(0, 0.1, SR // 2), SR)
    assert steady.decay_ms is None and steady.floor_db is None
    assert steady.centroid_hz == pytest.approx(SR / 4, rel=0.05)
    assert hit_measures(np.zeros(1000), SR).centroid_hz is None


# -- the evaluation on a real corpus ----------------------------------------------------------
@pytest.fixture(scope="module")
def evaluated(tmp_path_factory):
    root = tmp_path_factory.mktemp("oneshot-eval")
    corpus, cls = root / "corpus", root / "cls"
    wavegan("corpus", "--kind", "oneshots", "--out", corpus,
            "--sources", "timgm6mb", "sonic-pi", "hydrogen",
            "--kits", "timgm6mb-*", "sonicpi-drum", "sonicpi-bd", "sonicpi-sn", "hydrogen-*",
            "--notes", *NOTES, "--velocities", 40, 80, 127, "--jobs", 2)
    proc = wavegan("evaluate", "train-classifier", "--corpus", corpus, "--out", cls,
                   "--epochs", 30, "--batch-size", 16)
    assert "classifier written" in proc.stdout
    out_json, out_png = root / "report.json", root / "kits.png"
    proc = wavegan("evaluate", "--oneshots", corpus, "--classifier", cls,
                   "--json", out_json, "--png", out_png, "--markdown")
    report = json.loads(out_json.read_text())
    print(proc.stdout)
    return {"corpus": corpus, "cls": cls, "stdout": proc.stdout, "png": out_png,
            "report": report, "rows": {r["kind"]: r for r in report["rows"]}}


@needs_packages
def test_the_classifier_learned_the_classes_from_other_kits(evaluated):
    meta = json.loads((evaluated["cls"] / "classifier.json").read_text())
    tr = meta["training"]
    assert tr["kind"] == "oneshots" and meta["config"]["styles"] == CLASSES
    assert tr["heldout_kits"] == ["hydrogen-gmrockkit", "hydrogen-tr808emulationkit"]
    assert not set(tr["train_kits"]) & set(tr["heldout_kits"])
    assert tr["heldout_balanced_accuracy"] > 0.5                   # chance is 1/5


@needs_packages
def test_real_vs_real_asks_at_the_classifiers_accuracy_and_passes_centroid_and_decay(evaluated):
    held = evaluated["rows"]["heldout"]
    tr = json.loads((evaluated["cls"] / "classifier.json").read_text())["training"]
    assert held["as_asked"] == pytest.approx(tr["heldout_balanced_accuracy"], abs=0.02)
    assert set(held["as_asked_per_class"]) == set(CLASSES)
    assert held["targets"]["centroid"]["pass"] and held["targets"]["decay"]["pass"]
    assert held["targets"]["IS"]["pass"] and held["targets"]["FD"]["pass"]
    kick, hat = held["measures"]["kick"], held["measures"]["closed_hat"]
    assert kick["centroid_hz"] * 10 < hat["centroid_hz"]
    assert held["measures"]["crash"]["decay_ms"] > 3 * hat["decay_ms"]
    assert held["n"] == evaluated["report"]["heldout_hits"] > 20


@needs_packages
def test_noise_fails_every_target(evaluated):
    noise, held = evaluated["rows"]["noise"], evaluated["rows"]["heldout"]
    assert {k: v["pass"] for k, v in noise["targets"].items()} == dict.fromkeys(
        ("as asked", "IS", "FD", "centroid", "decay"), False)
    assert noise["verdict"] is False
    assert noise["fd"] > 4 * held["fd"]
    assert all(m["decay_ms"] is None for m in noise["measures"].values())


@needs_packages
def test_the_report_is_printed_with_pass_fail_and_a_png(evaluated):
    out = evaluated["stdout"]
    assert "held-out kits" in out and "white noise" in out and "training kits" in out
    assert "PASS" in out and "FAIL" in out
    assert "| source | n | IS |" in out and "| class | n | centroid Hz |" in out
    png = evaluated["png"].read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert width > 400 and height > 200           # 5 classes across, 3 sources down
    assert evaluated["report"]["classifier_matches_corpus"] is True


@needs_packages
def test_a_muffled_choked_copy_of_the_real_kits_fails_centroid_and_decay(evaluated):
    from trainer.oneshot_eval import Reference, judge, load_hits, load_manifest, measure_source

    corpus = evaluated["corpus"]
    clf = load_classifier(evaluated["cls"])
    held = load_hits(corpus, load_manifest(corpus), "heldout")
    first = measure_source("held-out kits", "heldout", held, clf, None)
    ref = Reference(held, first["_embedding"], first["measures"], first["is_mean"])
    same = measure_source("copy", "model", held, clf, ref)
    judge(same, ref.is_mean, 100 * first["fd"] + 1)
    assert same["fd"] < 1e-6 and same["targets"]["centroid"]["pass"]
    bad = []
    for h in held.audio:   # a first-order low-pass at 1 kHz, then choked with a 20 ms decay
        f = np.fft.rfftfreq(2 * len(h), 1 / SR)
        y = np.fft.irfft(np.fft.rfft(h, 2 * len(h)) / np.sqrt(1 + (f / 1000) ** 2))[:len(h)]
        bad.append((y * np.exp(-np.arange(len(h)) / (0.02 * SR))).astype(np.float32))
    muffled = measure_source("muffled", "model", type(held)(bad, held.classes, SR), clf, ref)
    judge(muffled, ref.is_mean, 100 * first["fd"] + 1)
    assert not muffled["targets"]["centroid"]["pass"] and not muffled["targets"]["decay"]["pass"]
    assert muffled["centroid_ratio"]["closed_hat"] < 0.5
    assert muffled["decay_ratio"]["crash"] < 0.5


@needs_packages
def test_a_conditional_kit_model_is_asked_for_each_class(evaluated, tmp_path):
    ckpt = make_checkpoint(tmp_path / "kit", slice_len=16384, sample_rate=22050, dim=4,
                           styles=["kick", "snare", "closed_hat", "tabla"])
    out_json = tmp_path / "r.json"
    wavegan("evaluate", "--oneshots", evaluated["corpus"], "--classifier", evaluated["cls"],
            "--checkpoint", ckpt, "-n", 40, "--no-noise", "--json", out_json,
            "--backend", "keras")
    (model,) = [r for r in json.loads(out_json.read_text())["rows"] if r["kind"] == "model"]
    assert model["n"] == 40 and model["sample_rate"] == 22050
    assert set(model["as_asked_per_class"]) == {"kick", "snare", "closed_hat"}  # tabla unknown
    assert all(v * 10 == round(v * 10) for v in model["as_asked_per_class"].values())
    assert set(model["measures"]) == {"kick", "snare", "closed_hat", "tabla"}
    assert model["targets"]["FD"]["pass"] is None          # no noise row to compare with
    assert model["verdict"] is False                       # an untrained model is not a kit


def test_cli_refuses_wrong_inputs(tmp_path):
    (tmp_path / "manifest.json").write_text(json.dumps({"kind": "oneshots", "files": []}))
    proc = wavegan("evaluate", "--oneshots", tmp_path, check=False)
    assert proc.returncode != 0 and "train-classifier --corpus" in proc.stderr
    proc = wavegan("evaluate", "--oneshots", tmp_path, "--reference", tmp_path, check=False)
    assert proc.returncode != 0 and "not both" in proc.stderr
    proc = wavegan("evaluate", "--help")
    assert "--oneshots" in proc.stdout
