"""`wavegan evaluate`: the metric maths, the classifier checkpoint, and the metrics' verdicts on
real audio vs noise (they must be able to fail), end to end through the CLI."""

from __future__ import annotations

import json
import os
import shutil

import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from tests.conftest import make_checkpoint
from trainer.audio_checks import (
    dynamics_check,
    mean_spectrum,
    pulse_strengths,
    quiet_floor_db,
    spectral_check,
)
from trainer.classifier import META_FILE, WEIGHTS_FILE, load_classifier
from trainer.evaluate import (
    Reference,
    copy_similarity,
    frechet_distance,
    inception_score,
    load_reference,
    measure,
    nearest_distances,
    noise_like,
    real_stats,
)
from wavegan.checkpoint import CheckpointError

SR = 16000


# -- the maths -----------------------------------------------------------------------------------
def test_inception_score_bounds():
    confident_all_classes = np.eye(5)[np.arange(100) % 5]
    assert inception_score(confident_all_classes)[0] == pytest.approx(5.0, rel=1e-6)
    one_class = np.tile([0.9, 0.05, 0.05], (100, 1))
    assert inception_score(one_class)[0] == pytest.approx(1.0, abs=1e-6)
    unsure = np.full((100, 5), 0.2)
    assert inception_score(unsure)[0] == pytest.approx(1.0, abs=1e-6)


def test_frechet_distance_matches_gaussians():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(4000, 8)), rng.normal(size=(4000, 8))
    assert frechet_distance(a, b) < 0.05
    shifted = b + np.array([3.0] + [0.0] * 7)
    assert frechet_distance(a, shifted) == pytest.approx(9.0, rel=0.05)
    scaled = b * 2.0   # per dim: (2-1)^2 = 1 → 8
    assert frechet_distance(a, scaled) == pytest.approx(8.0, rel=0.1)
    assert frechet_distance(a, shifted) == pytest.approx(frechet_distance(shifted, a), rel=1e-6)


def test_nearest_distances_and_copy_similarity():
    rng = np.random.default_rng(1)
    ref, q = rng.normal(size=(50, 6)), rng.normal(size=(7, 6))
    brute = np.array([min(np.linalg.norm(x - r) for r in ref) for x in q])
    assert np.allclose(nearest_distances(q, ref), brute)
    train = rng.normal(size=(3, 4096))
    copies = np.stack([np.roll(train[1], 300) * 0.5, rng.normal(size=4096)])
    sim = copy_similarity(copies, train, np.array([[0, 1, 2], [0, 1, 2]]))
    assert sim[0] > 0.9 and sim[1] < 0.2


def test_spectral_check_sees_high_frequencies():
    rng = np.random.default_rng(2)
    white = rng.normal(size=(8, 44100))
    s = spectral_check(white, 44100)
    assert s["hf_energy"] == pytest.approx((22050 - 8000) / 22050, abs=0.02)
    assert abs(s["hf_slope_db_oct"]) < 0.5
    spec = np.fft.rfft(white, axis=1)
    f = np.fft.rfftfreq(44100, 1 / 44100)
    pink = np.fft.irfft(spec / np.sqrt(np.maximum(f, 1.0)), axis=1)   # -3 dB / octave
    assert spectral_check(pink, 44100)["hf_slope_db_oct"] == pytest.approx(-3.0, abs=0.5)
    dull = np.fft.irfft(spec * (f < 6000), axis=1)
    assert spectral_check(dull, 44100)["hf_energy"] < 1e-3
    assert spectral_check(white[:, :16000], 16000)["hf_energy"] is None
    many = rng.normal(size=(40, 4096))            # accumulated in chunks: the same mean
    assert np.allclose(mean_spectrum(many), np.mean([mean_spectrum(p[None]) for p in many], 0))


def test_dynamics_check_counts_hits_and_hears_the_floor():
    rng = np.random.default_rng(3)
    t = np.arange(16000) / SR
    hits = np.zeros((4, 16000))
    for i, times in enumerate(([0.05, 0.3, 0.55, 0.8],) * 2 + ([0.1, 0.6],) * 2):
        for at in times:
            on = t >= at
            hits[i] += on * np.exp(-(t - at) * 40 * on) * rng.normal(0, 0.5, t.shape)
    hits += rng.normal(0, 1e-3, hits.shape)                     # a floor ~ -50 dB
    d = dynamics_check(hits.astype(np.float32), SR)
    assert d["onsets_per_s"] == pytest.approx(3.0, abs=0.1)     # (4 + 4 + 2 + 2) / 4 phrases
    assert -65 < d["floor_db"] < -35
    wash = rng.normal(0, 0.3, (4, 16000)).astype(np.float32)
    w = dynamics_check(wash, SR)
    assert w["onsets_per_s"] < 0.5 and w["floor_db"] > -6


def test_pulse_is_high_for_hits_on_a_beat_and_low_for_the_same_hits_at_random():
    rng = np.random.default_rng(4)
    t = np.arange(16384) / SR

    def phrase(times):
        x = rng.normal(0, 1e-3, t.shape)
        for at in times:
            on = t >= at
            x += on * np.exp(-(t - at) * 40 * on) * rng.normal(0, 0.5, t.shape)
        return x

    beat = np.stack([phrase(np.arange(6) * p + 0.02) for p in (0.16, 0.18, 0.2, 0.17)])
    scattered = np.stack([phrase(np.sort(rng.uniform(0, 0.95, 6))) for _ in range(4)])
    on_beat = pulse_strengths(beat.astype(np.float32), SR)
    at_random = pulse_strengths(scattered.astype(np.float32), SR)
    assert on_beat.min() > 0.5 and at_random.max() < on_beat.min() - 0.15, (on_beat, at_random)
    d = dynamics_check(beat.astype(np.float32), SR)
    assert d["pulse"] == pytest.approx(on_beat.mean())
    assert quiet_floor_db(np.zeros(16000), SR) == 0.0 and quiet_floor_db(np.zeros(3), SR) == 0.0


# -- a real corpus and classifier ----------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus_and_classifier(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    corpus, cls = root / "corpus", root / "cls"
    wavegan("corpus", "--out", corpus, "--minutes", 3, "--sample-rate", SR, "--file-seconds", 8,
            "--styles", "funk", "shuffle", "fills", "--seed", 11)
    proc = wavegan("evaluate", "train-classifier", "--corpus", corpus, "--out", cls,
                   "--epochs", 30, "--crops-per-second", 1.5)
    assert "classifier written" in proc.stdout
    return corpus, cls


@pytest.fixture(scope="module")
def verdicts(corpus_and_classifier):
    """Real vs real: two random halves of all real slices (the same distribution); the
    held-out files' score is the upper bound; white and pink noise at the real level."""
    corpus, cls = corpus_and_classifier
    clf = load_classifier(cls)
    ref = load_reference(corpus, SR, 16384)
    slices = np.concatenate([ref.train, ref.heldout])
    perm = np.random.default_rng(0).permutation(len(slices))
    half_a, half_b = slices[perm[: len(perm) // 2]], slices[perm[len(perm) // 2:]]
    real = real_stats(clf, Reference(half_a, half_b, SR, ref.files, ref.path))
    rms = float(np.sqrt(np.mean(half_b.astype(np.float64) ** 2)))
    n = len(half_b)
    rows = {
        "real": measure("real", "real", half_b, SR, clf, real),
        "heldout": measure("held-out files", "real", ref.heldout, SR, clf, real),
        "white": measure("white", "noise", noise_like((n, 16384), rms, 3), SR, clf, real),
    }
    spec = np.fft.rfft(noise_like((n, 16384), 1.0, 4), axis=1)
    pink = np.fft.irfft(spec / np.sqrt(np.maximum(np.fft.rfftfreq(16384, 1 / SR), 20)), axis=1)
    pink *= rms / np.sqrt(np.mean(pink ** 2))
    rows["pink"] = measure("pink", "noise", pink.astype(np.float32), SR, clf, real)
    print({k: (round(r.is_mean, 2), round(r.fd, 2), round(r.nn_ratio, 2), round(r.onsets_per_s, 1),
               round(r.floor_db), round(r.pulse, 2)) for k, r in rows.items()})
    return rows


def test_classifier_learned_the_corpus(corpus_and_classifier):
    _, cls = corpus_and_classifier
    meta = json.loads((cls / META_FILE).read_text())
    assert meta["classifier_version"] == 1
    assert meta["config"]["styles"] == ["funk", "shuffle", "fills"]
    assert meta["training"]["heldout_instrument_accuracy"] > 0.75
    assert meta["training"]["heldout_style_accuracy"] > 0.6      # chance is 1/3
    assert len(meta["training_data_sha256"]) == 64


def test_real_vs_real_is_near_the_upper_bound_and_fd_near_zero(verdicts):
    real, upper = verdicts["real"], verdicts["heldout"]
    assert upper.is_mean > 1.5                                   # of at most 3 styles
    assert real.is_mean == pytest.approx(upper.is_mean, rel=0.2)
    for noise in ("white", "pink"):
        assert real.fd < 0.1 * verdicts[noise].fd
    assert real.nn_ratio == pytest.approx(1.0)                   # by definition


def test_noise_fails_the_metrics(verdicts):
    real = verdicts["real"]
    for noise in ("white", "pink"):
        r = verdicts[noise]
        assert r.is_mean < 1.15 and r.is_mean < 0.7 * real.is_mean
        assert r.fd > 10 * max(real.fd, 1e-3)
        assert r.near_copies == 0.0
        assert r.floor_db > real.floor_db + 20      # a steady wash, no quiet between hits
        assert r.onsets_per_s < 0.5 * real.onsets_per_s
        assert r.pulse < real.pulse - 0.05         # grooves have a beat, noise has none


def test_classifier_checkpoint_reloads_identically_and_rejects_damage(corpus_and_classifier,
                                                                      tmp_path):
    corpus, cls = corpus_and_classifier
    clf = load_classifier(cls)
    x = np.random.default_rng(5).normal(0, 0.1, (6, 20000)).astype(np.float32)
    first = clf.analyze(x, 22050)
    copy = clf.save(tmp_path / "copy", training=clf.meta["training"],
                    data_hash=clf.meta["training_data_sha256"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["copy"]   # no temp dirs left
    again = load_classifier(copy).analyze(x, 22050)
    for key in ("style", "instruments", "embedding"):
        assert np.allclose(first[key], again[key], atol=1e-6)
    assert first["style"].shape == (6, 3) and first["instruments"].shape == (6, 6)
    assert np.allclose(first["style"].sum(1), 1.0, atol=1e-5)

    (copy / WEIGHTS_FILE).write_bytes((copy / WEIGHTS_FILE).read_bytes()[:-10])
    with pytest.raises(CheckpointError, match="corrupt"):
        load_classifier(copy)
    meta = json.loads((cls / META_FILE).read_text())
    meta["classifier_version"] = 99
    newer = tmp_path / "newer"
    newer.mkdir()
    (newer / META_FILE).write_text(json.dumps(meta))
    (newer / WEIGHTS_FILE).write_bytes((cls / WEIGHTS_FILE).read_bytes())
    with pytest.raises(CheckpointError, match="version 99"):
        load_classifier(newer)
    with pytest.raises(CheckpointError, match="train-classifier"):
        load_classifier(corpus)


def test_cli_end_to_end(corpus_and_classifier, tmp_path):
    corpus, cls = corpus_and_classifier
    ckpt = make_checkpoint(tmp_path / "ck", slice_len=16384, sample_rate=SR, dim=4)
    out_json, out_png = tmp_path / "r" / "report.json", tmp_path / "r" / "spec.png"
    proc = wavegan("evaluate", "--checkpoint", ckpt, "--reference", corpus, "--classifier", cls,
                   "-n", 32, "--json", out_json, "--png", out_png, "--backend", "keras")
    assert "IS" in proc.stdout and "white noise" in proc.stdout and "hits/s" in proc.stdout
    report = json.loads(out_json.read_text())
    assert report["classifier"]["weights_sha256"] == load_classifier(cls).weights_sha256
    (group,) = report["groups"]
    assert (group["sample_rate"], group["slice_len"]) == (SR, 16384)
    kinds = {r["kind"]: r for r in group["rows"]}
    assert set(kinds) == {"real", "noise", "model"}
    model = kinds["model"]
    assert model["n"] == 32 and model["extra"]["checkpoint"]["dim"] == 4
    for key in ("is_mean", "fd", "nn_ratio", "near_copies", "hf_slope_db_oct", "rms_db",
                "onsets_per_s", "floor_db"):
        assert np.isfinite(model[key]), key
    assert model["hf_energy"] is None          # 16 kHz: nothing above 8 kHz to measure
    assert model["is_mean"] < kinds["real"]["is_mean"]   # an untrained model is not drums
    assert model["fd"] > kinds["real"]["fd"]
    assert out_png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_a_model_with_styles_is_asked_for_each_and_scored_on_the_match(corpus_and_classifier,
                                                                       tmp_path):
    corpus, cls = corpus_and_classifier
    styled = make_checkpoint(tmp_path / "styled", slice_len=16384, sample_rate=SR, dim=4,
                             styles=["funk", "shuffle", "fills"])
    other = make_checkpoint(tmp_path / "other", slice_len=16384, sample_rate=SR, dim=4,
                            styles=["mine", "yours"])
    out_json = tmp_path / "report.json"
    proc = wavegan("evaluate", "--checkpoint", styled, "--checkpoint", other, "--reference",
                   corpus, "--classifier", cls, "-n", 30, "--json", out_json, "--no-noise",
                   "--markdown")
    assert "| as asked |" in proc.stdout
    rows = {r["extra"]["checkpoint"]["path"]: r for r in
            json.loads(out_json.read_text())["groups"][0]["rows"] if r["kind"] == "model"}
    match = rows[str(styled)]["extra"]["style_match"]
    assert 0.0 <= match <= 1.0 and match * 30 == round(match * 30)     # a share of 30 phrases
    assert "style_match" not in rows[str(other)]["extra"]    # its styles are not the classifier's


def test_bad_reference_files_are_skipped_with_a_reason(corpus_and_classifier, tmp_path):
    corpus, cls = corpus_and_classifier
    ref_dir = tmp_path / "ref"
    shutil.copytree(corpus / "audio", ref_dir / "audio")
    shutil.copy(corpus / "manifest.json", ref_dir / "manifest.json")
    before = load_reference(corpus, SR, 16384)
    (ref_dir / "audio" / "broken.wav").write_bytes(b"RIFF\x00\x00\x00\x00WAVEjunk" * 10)
    sf.write(ref_dir / "audio" / "silent.flac", np.zeros(SR, np.float32), SR)
    latin1 = ref_dir / "audio" / os.fsdecode(b"caf\xe9.wav")    # not valid UTF-8 (old zips)
    latin1.write_bytes(b"not audio")
    ref = load_reference(ref_dir, SR, 16384)
    reasons = dict(ref.skipped)
    assert set(reasons) == {str(ref_dir / "audio" / "broken.wav"),
                            str(ref_dir / "audio" / "silent.flac"),
                            str(ref_dir / "audio" / "caf\\xe9.wav")}    # printable
    assert "silent" in reasons[str(ref_dir / "audio" / "silent.flac")]
    assert ref.files == before.files                  # the good files, and the same split
    assert np.array_equal(ref.heldout, before.heldout)
    ckpt = make_checkpoint(tmp_path / "ck", slice_len=16384, sample_rate=SR, dim=4)
    proc = wavegan("evaluate", "--checkpoint", ckpt, "--reference", ref_dir, "--classifier", cls,
                   "-n", 20, "--no-noise", "--backend", "keras")
    assert "skipped reference file" in proc.stdout and "broken.wav" in proc.stdout
    assert "caf\\xe9.wav" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_cli_refuses_missing_inputs(corpus_and_classifier, tmp_path):
    corpus, _ = corpus_and_classifier
    proc = wavegan("evaluate", "--reference", corpus, check=False)
    assert proc.returncode == 1 and "--checkpoint" in proc.stderr
    proc = wavegan("evaluate", "train-classifier", "--corpus", corpus, "--batch-size", 0,
                   check=False)
    assert proc.returncode == 2 and "--batch-size: 0: must be ≥ 1" in proc.stderr
    proc = wavegan("evaluate", "--checkpoint", tmp_path / "nope", "--reference", corpus,
                   "--classifier", tmp_path / "nocls", check=False)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "nope" in proc.stderr or "nocls" in proc.stderr   # names what is missing
