"""Training on one-shots (issue 23.2): a `wavegan corpus --kind oneshots` folder or a user's
folder of hits labelled by sub-folder. Each hit is one example from its onset (cut with a fade
or zero-padded to the slice length, never sliced into several), its instrument class is its
style label, and a one-shot corpus's held-out kits are never read."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf

from tests.cli_util import wavegan
from trainer.config import build_run_config
from trainer.run import TrainJob, dataset_fn, resolve
from trainer.styles import resolve_styles, training_data
from wavegan.checkpoint import load_checkpoint
from wavegan.dataset import build_dataset, load_corpus
from wavegan.errors import UserError

SR = 16000
L = 16384
PRE = SR // 1000        # pre_roll_ms = 1 (the default)


def hit(freq: float, decay_s: float, seconds: float, lead: int = 0) -> np.ndarray:
    """A decaying tone that attacks at full level on sample ``lead`` (its onset)."""
    t = np.arange(int(SR * seconds)) / SR
    x = 0.8 * np.cos(2 * np.pi * freq * t) * np.exp(-t / decay_s)
    return np.concatenate([np.zeros(lead), x]).astype(np.float32)


# (class, kit, split, freq, decay, seconds, leading silence): the crash is longer than a slice,
# the clap only held out
HITS = [
    ("kick", "kit-a", "train", 60, 0.1, 0.4, 0),
    ("kick", "kit-b", "train", 70, 0.1, 0.3, 500),
    ("snare", "kit-a", "train", 200, 0.05, 0.2, 0),
    ("snare", "kit-b", "train", 220, 0.05, 0.25, 0),
    ("crash", "kit-a", "train", 3000, 1.5, 1.8, 300),
    ("kick", "held", "heldout", 65, 0.1, 0.3, 0),
    ("clap", "held", "heldout", 1000, 0.02, 0.1, 0),
]


@pytest.fixture(scope="module")
def oneshot_corpus(tmp_path_factory):
    """A one-shot corpus as `wavegan corpus --kind oneshots` lays it out."""
    root = tmp_path_factory.mktemp("oneshots")
    files, audio = [], {}
    for i, (cls, kit, split, freq, decay, seconds, lead) in enumerate(HITS):
        rel = f"audio/{cls}/{kit}-{i}.flac"
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        audio[rel] = hit(freq, decay, seconds, lead)
        sf.write(root / rel, audio[rel], SR, subtype="PCM_24")
        files.append({"audio": rel, "class": cls, "kit": kit, "split": split,
                      "seconds": round(len(audio[rel]) / SR, 4)})
    (root / "manifest.json").write_text(json.dumps(
        {"kind": "oneshots", "corpus_version": 1, "files": files}))
    return root, audio


@pytest.fixture
def user_folder(tmp_path):
    """A musician's hits sorted by sub-folder, named as people name them."""
    layout = {"kicks": [hit(60, 0.1, 0.4, 200), hit(80, 0.1, 0.3, 50)],
              "SD": [hit(200, 0.05, 0.2, 1000)], "Open Hats": [hit(5000, 0.4, 0.6, 100)]}
    for folder, hits in layout.items():
        (tmp_path / folder).mkdir()
        for i, x in enumerate(hits):
            sf.write(tmp_path / folder / f"{i}.wav", x, SR, subtype="FLOAT")
    sf.write(tmp_path / "loose.wav", hit(100, 0.1, 0.2), SR, subtype="FLOAT")
    return tmp_path


def overrides(**more) -> dict:
    return {"sample_rate": SR, "slice_len": L, "dim": 2, "styles_from": "manifest"} | more


def expected_window(x: np.ndarray, lead: int) -> np.ndarray:
    """The hit from 1 ms before its onset, zero-padded to the slice (shorter than L here)."""
    out = np.zeros(L, np.float32)
    piece = x[max(0, lead - PRE):][:L]
    out[:len(piece)] = piece
    return out


def test_a_oneshot_corpus_gives_one_example_per_training_hit_from_its_onset(oneshot_corpus):
    root, audio = oneshot_corpus
    resolved = resolve(TrainJob(root, root.parent / "run", overrides=overrides()))
    run = resolved.run
    assert run.slice.mode == "oneshot"                      # chosen by itself
    assert run.model.styles == ["kick", "snare", "crash"]   # classes in CLASSES order; the
    # clap is only in the held-out kit, so the model does not learn it
    files = training_data(root)
    assert [f.parent.name for f in files] == ["kick", "kick", "snare", "snare", "crash"]
    corpus, summary = load_corpus(files, run.model, run.slice, style_of=resolved.style_of)
    assert len(corpus) == 5 and not summary.skipped          # one example per hit
    np.testing.assert_array_equal(corpus.labels, [0, 0, 1, 1, 2])
    examples = corpus.slices()[:, :, 0]
    for i, x in enumerate(examples):     # the manifest's order, which HITS lists
        cls, kit, _, _, _, _, lead = HITS[i]
        src = audio[f"audio/{cls}/{kit}-{i}.flac"]
        if cls == "crash":   # 1.8 s: cut at the slice length and faded out, not sliced again
            np.testing.assert_allclose(x[:L // 2], src[lead - PRE:][:L // 2], atol=2e-4)
            assert abs(x[-1]) < 1e-3 < np.abs(src[lead - PRE:][L - 200:L]).max()
        else:                # from 1 ms before its onset, zero-padded
            np.testing.assert_allclose(x, expected_window(src, lead), atol=2e-4)
    assert np.abs(examples[1][:PRE]).max() == 0 and abs(examples[1][PRE]) > 0.7


def test_held_out_kits_are_never_read_and_another_mode_is_refused(oneshot_corpus):
    root, _ = oneshot_corpus
    run = resolve(TrainJob(root, root.parent / "run2", overrides=overrides())).run
    make = dataset_fn(root, run)
    _, summary = make(2, 0)
    assert summary["files_read"] == 5 and summary["slices"] == 5 and not summary["skipped"]
    unconditional = resolve(TrainJob(root, root.parent / "run3",
                                     overrides=overrides(styles_from="off"))).run
    _, summary = dataset_fn(root, unconditional)(2, 0)
    assert summary["files_read"] == 5            # held out without labels too
    with pytest.raises(UserError, match="one-shot corpus.*not --mode onset"):
        resolve(TrainJob(root, root.parent / "run4", overrides=overrides(mode="onset")))


def test_balanced_batches_hold_every_class_equally_often(oneshot_corpus):
    root, _ = oneshot_corpus
    resolved = resolve(TrainJob(root, root.parent / "run5", overrides=overrides()))
    ds, _ = build_dataset(training_data(root), resolved.run.model, resolved.run.slice, 6, seed=1,
                          style_of=resolved.style_of, balance_styles=True)
    for _, onehot in ds.take(20):
        assert onehot.numpy().sum(axis=0).tolist() == [2, 2, 2]   # 2 kicks, 2 snares, 1 crash


def test_sub_folders_label_hits_as_drum_classes(user_folder):
    job = TrainJob(user_folder, user_folder.parent / "run",
                   overrides=overrides(styles_from="folders", mode="oneshot"))
    resolved = resolve(job)
    assert resolved.run.model.styles == ["kick", "snare", "open_hat"]
    corpus, summary = load_corpus(user_folder, resolved.run.model, resolved.run.slice,
                                  style_of=resolved.style_of)
    assert sorted(corpus.labels.tolist()) == [0, 0, 1, 2]
    assert [p.rsplit("/", 1)[-1] for p, _ in summary.skipped] == ["loose.wav"]
    for x in corpus.slices()[:, :, 0]:   # the leading silence is gone: 1 ms before the attack
        assert np.abs(x[:PRE]).max() == 0 and abs(x[PRE]) > 0.7
    # a grooves run keeps its folder names as they are
    plain = build_run_config([overrides(styles_from="folders")])
    assert resolve_styles(plain, user_folder)[0].model.styles == ["Open Hats", "SD", "kicks"]


@pytest.mark.parametrize("source", ["manifest", "folders"])
def test_two_conditional_steps_save_the_classes_as_styles(source, oneshot_corpus, user_folder,
                                                          tmp_path):
    data, styles = ((oneshot_corpus[0], ["kick", "snare", "crash"]) if source == "manifest"
                    else (user_folder, ["kick", "snare", "open_hat"]))
    run = tmp_path / "run"
    args = ["train", "--data", data, "--run", run, "--styles-from", source, "--dim", 2,
            "--batch-size", 3, "--n-critic", 1, "--preview-count", 0, "--progress", "off",
            "--tensorboard", "false", "--sample-rate", SR, "--balance-styles", "true",
            "--max-steps", 2]
    if source == "folders":
        args += ["--mode", "oneshot"]
    wavegan(*args)
    ckpt = load_checkpoint(sorted((run / "checkpoints").iterdir())[-1])
    assert ckpt.step == 2 and ckpt.config.styles == styles
    assert json.loads((run / "run.json").read_text())["slice"]["mode"] == "oneshot"
    assert ckpt.meta["dataset"]["slices"] == (5 if source == "manifest" else 4)
    if source == "manifest":   # your kit from that kit: no model flags, folders as classes
        mine = tmp_path / "mine"
        out = wavegan("train", "--init-from", ckpt.path, "--data", user_folder, "--run", mine,
                      "--max-steps", 3, "--preview-count", 0, "--progress", "off",
                      "--tensorboard", "false")
        said = out.stdout + out.stderr
        assert "styles kept by name: kick, snare; new: open_hat" in said, said[-2000:]
        tuned = load_checkpoint(sorted((mine / "checkpoints").iterdir())[-1])
        assert tuned.step == 3 and tuned.config.styles == ["kick", "snare", "open_hat"]
        assert tuned.config.dim == 2 and tuned.config.sample_rate == SR   # the kit's model
        assert tuned.meta["run_config"]["slice"]["mode"] == "oneshot"
        assert tuned.meta["dataset"]["slices"] == 4                      # one per hit


def test_scan_reads_a_oneshot_corpus_as_training_does(oneshot_corpus):
    """`wavegan scan` of a one-shot corpus: one example per training hit, counted per class;
    the held-out kits are not in it (as `wavegan train` reads the corpus)."""
    root, _ = oneshot_corpus
    report = json.loads(wavegan("scan", root, "--json", "--no-benchmark", "--sample-rate", SR,
                                "--slice-len", L, "--dim", 2, "--styles-from", "manifest").stdout)
    assert report["slicing"]["mode"] == "oneshot"
    assert report["files_read"] == 5 and report["slices"] == 5
    assert report["style_slices"] == {"kick": 2, "snare": 2, "crash": 1}
