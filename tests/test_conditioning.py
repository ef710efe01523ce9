"""Style conditioning (``--styles-from``): labels from the data, a projection critic, a
generator asked for a style, and a warm start that turns an unconditional model into one."""

from __future__ import annotations

import json

import numpy as np
import pytest
import soundfile as sf
import tensorflow as tf

from tests.test_spectral import save_gan
from trainer.config import build_run_config
from trainer.evaluate import asked_styles, style_match
from trainer.loop import build_gan
from trainer.styles import style_source, with_styles
from trainer.warm_start import warm_start
from wavegan.checkpoint import load_checkpoint
from wavegan.conditioning import cycle_styles, parse_style, style_tag, style_vector
from wavegan.config import ConfigError, ModelConfig
from wavegan.dataset import build_dataset, load_corpus
from wavegan.errors import UserError
from wavegan.slicing import SliceConfig

STYLES = ["rock", "funk", "shuffle"]
SR = 16000


# -- names → vectors ------------------------------------------------------------------------
def test_style_choices_become_weights_that_sum_to_one():
    np.testing.assert_array_equal(style_vector(STYLES, "funk"), [0, 1, 0])
    np.testing.assert_array_equal(style_vector(STYLES, 2), [0, 0, 1])
    np.testing.assert_array_equal(style_vector(STYLES, "2"), [0, 0, 1])
    np.testing.assert_allclose(style_vector(STYLES, None), [1 / 3] * 3)
    np.testing.assert_allclose(parse_style(STYLES, "funk=3, rock=1"), [0.25, 0.75, 0])
    np.testing.assert_allclose(parse_style(STYLES, "rock,shuffle"), [0.5, 0, 0.5])
    assert style_tag(STYLES, parse_style(STYLES, "funk=0.7,rock=0.3")) == "funk70-rock30"
    # as Max's text box and Pd lists send them: spaces separate, or one weight per style
    np.testing.assert_allclose(parse_style(STYLES, "funk=0.7 rock=0.3"), [0.3, 0.7, 0])
    np.testing.assert_allclose(parse_style(STYLES, "0 0.7 0.3"), [0, 0.7, 0.3])
    np.testing.assert_array_equal(parse_style(STYLES, " 2 "), [0, 0, 1])       # an index
    assert style_tag(STYLES, style_vector(STYLES, "shuffle")) == "shuffle"
    np.testing.assert_array_equal(cycle_styles(3, 4), np.eye(3)[[0, 1, 2, 0]])


@pytest.mark.parametrize(("choice", "message"), [
    ("jazz", "style 'jazz': this model knows rock, funk, shuffle"),
    (5, "style 5: choose 0..2"),
    ([0, 0, 0], "give 3 non-negative numbers, not all 0"),
    ([1, -1, 1], "give 3 non-negative numbers"),
    ([1, 1], "give 3 non-negative numbers"),
])
def test_a_bad_style_names_the_ones_the_model_knows(choice, message):
    with pytest.raises(ValueError, match=message):
        style_vector(STYLES, choice)


def test_parse_style_refuses_a_bad_weight_and_the_config_refuses_repeated_names():
    with pytest.raises(ValueError, match="'lots' is not a number"):
        parse_style(STYLES, "funk=lots")
    with pytest.raises(ValueError, match=r"give one per style \(3: rock, funk, shuffle\)"):
        parse_style(STYLES, "0.7 0.3")
    with pytest.raises(ConfigError, match="must be unique"):
        ModelConfig(styles=["a", "a"])
    assert ModelConfig(styles=STYLES).input_dim == 103 and ModelConfig().input_dim == 100


# -- labels from the data ---------------------------------------------------------------------
def _tone(value: float, seconds: float = 2.5) -> np.ndarray:
    """A file whose every slice says which file it came from: a DC level plus a little tick."""
    x = np.full(int(SR * seconds), value, np.float32)
    x[::800] += 0.2
    return x


@pytest.fixture
def by_folder(tmp_path):
    for style, value in (("funk", 0.3), ("rock", -0.3)):
        (tmp_path / style).mkdir()
        sf.write(tmp_path / style / "take.wav", _tone(value), SR)
    sf.write(tmp_path / "loose.wav", _tone(0.0), SR)    # in no style folder
    return tmp_path


def test_folder_labels_reach_every_batch_as_one_hot_and_unlabelled_files_are_skipped(by_folder):
    names, style_of = style_source("folders", by_folder)
    assert names == ["funk", "rock"]
    cfg = ModelConfig(slice_len=16384, sample_rate=SR, dim=4, styles=names)
    corpus, summary = load_corpus(by_folder, cfg, SliceConfig(), style_of=style_of)
    assert {p.split("/")[-1]: r for p, r in summary.skipped} == {
        "loose.wav": "no style label of ['funk', 'rock']"}
    assert sorted(set(corpus.labels.tolist())) == [0, 1]
    ds, _ = build_dataset(by_folder, cfg, SliceConfig(), 4, seed=0, style_of=style_of)
    for audio, onehot in ds.take(3):
        level = np.median(audio.numpy()[:, :8000, 0], axis=1)       # +0.3 funk, -0.3 rock
        expected = np.where(level > 0, 0, 1)
        np.testing.assert_array_equal(onehot.numpy().argmax(1), expected)
        np.testing.assert_array_equal(onehot.numpy().sum(1), 1.0)


def _style_shares(ds, batches: int) -> np.ndarray:
    """Share of each style in ``batches`` batches, checking each label against its audio."""
    counts = np.zeros(2)
    for audio, onehot in ds.take(batches):
        level = np.median(audio.numpy()[:, :400, 0], axis=1)   # +0.3 funk, -0.3 rock (a
        np.testing.assert_array_equal(onehot.numpy().argmax(1),   # last slice is zero-padded)
                                      np.where(level > 0, 0, 1))
        counts += onehot.numpy().sum(0)
    return counts / counts.sum()


def test_balance_styles_draws_a_style_with_little_audio_as_often_as_the_rest(by_folder):
    """funk has 5× rock's audio: drawn in proportion rock is under 1/4 of the slices; balanced,
    1/2. 200 batches (1 600 draws, σ ≈ 0.013): tf.data's draws follow the global seed, which
    earlier tests move (60 batches gave 0.41-0.56 across seeds)."""
    sf.write(by_folder / "funk" / "take.wav", _tone(0.3, seconds=12.5), SR)
    names, style_of = style_source("folders", by_folder)
    cfg = ModelConfig(slice_len=16384, sample_rate=SR, dim=4, styles=names)
    corpus, _ = load_corpus(by_folder, cfg, SliceConfig(), style_of=style_of)
    funk, rock = np.bincount(corpus.labels)
    assert funk >= 4 * rock > 0
    plain, _ = build_dataset(by_folder, cfg, SliceConfig(), 8, seed=0, style_of=style_of)
    assert _style_shares(plain, 200)[1] == pytest.approx(rock / (funk + rock), abs=0.05)
    balanced, _ = build_dataset(by_folder, cfg, SliceConfig(), 8, seed=0, style_of=style_of,
                                balance_styles=True)
    assert _style_shares(balanced, 200)[1] == pytest.approx(0.5, abs=0.07)
    run = build_run_config([{"styles_from": "folders", "balance_styles": "true"}])
    assert run.train.balance_styles is True

def test_manifest_labels_and_the_errors_a_user_can_meet(tmp_path_factory, by_folder):
    tmp_path = tmp_path_factory.mktemp("corpus")
    (tmp_path / "c" / "audio").mkdir(parents=True)
    files = []
    for i, style in enumerate(["funk", "shuffle", "funk"]):
        sf.write(tmp_path / "c" / "audio" / f"{i}.flac", _tone(0.1 * i), SR)
        files.append({"audio": f"audio/{i}.flac", "style": style, "split": "train"})
    manifest = {"corpus_version": 1, "styles": ["rock", "funk", "shuffle"], "files": files}
    (tmp_path / "c" / "manifest.json").write_text(json.dumps(manifest))
    names, style_of = style_source("manifest", tmp_path / "c")
    assert names == ["funk", "shuffle"]          # manifest order, styles with files only
    assert style_of(tmp_path / "c" / "audio" / "1.flac") == "shuffle"
    with pytest.raises(UserError, match="not a corpus"):
        style_source("manifest", by_folder)
    (by_folder / "rock" / "take.wav").unlink()
    (by_folder / "rock").rmdir()
    with pytest.raises(UserError, match="gives 1 style"):
        style_source("folders", by_folder)
    run = build_run_config([{"styles_from": "manifest", "model": {"styles": ["a", "b"]}}])
    with pytest.raises(UserError, match=r"trained on styles \['a', 'b'\]"):
        with_styles(run, tmp_path / "c")
    assert with_styles(build_run_config([{"styles_from": "manifest"}]),
                       tmp_path / "c").model.styles == ["funk", "shuffle"]


# -- the GAN ----------------------------------------------------------------------------------
BASE = {"dim": 2, "slice_len": 16384, "batch_size": 4, "n_critic": 1, "ema": 0.9}


def test_warm_start_into_styles_keeps_every_answer_then_training_uses_the_style(tmp_path):
    plain = build_run_config([BASE])
    src_gan = build_gan(plain)
    src = save_gan(tmp_path / "plain", plain.model, src_gan, step=3)
    run = build_run_config([BASE, {"model": {"styles": STYLES}}])
    gan = build_gan(run)
    notes = warm_start(gan, load_checkpoint(src), run.model)
    assert any("the generator learns 3 styles (rock, funk, shuffle)" in n for n in notes)
    assert any("style projection starts fresh" in n for n in notes)
    z = tf.random.uniform([4, 100], -1, 1, seed=1)
    audio = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=2)
    for k in range(3):
        style = tf.one_hot([k] * 4, 3)
        np.testing.assert_allclose(gan.generate(z, style, training=False).numpy(),
                                   src_gan.generator(z).numpy(), atol=1e-6)
        np.testing.assert_allclose(gan.critic(audio, style, training=False).numpy(),
                                   src_gan.discriminator(audio).numpy(), rtol=1e-5, atol=1e-6)
    out = gan.train_step((audio, tf.one_hot([0, 1, 2, 0], 3)))
    assert set(out) == {"d_loss", "g_loss", "gp"} and all(np.isfinite(float(v))
                                                          for v in out.values())
    assert np.any(gan.discriminator.get_layer("style_embed").kernel.numpy())
    rows = gan.generator.get_layer("z_project").kernel.numpy()[100:]
    assert rows.shape == (3, 16 * 32) and np.any(rows)
    back = save_gan(tmp_path / "cond", run.model, gan, step=4)
    with pytest.raises(UserError, match=r"styles: \['rock', 'funk', 'shuffle'\] → none"):
        warm_start(build_gan(plain), load_checkpoint(back), plain.model)


def _sine_and_noise() -> tuple[tf.Tensor, tf.Tensor]:
    """Two styles a critic can tell apart: a low sine (style 0) and noise (style 1), twice:
    audio ``[4, 16384, 1]`` and one-hot labels ``[4, 2]``."""
    t = np.arange(16384) / SR
    sine = (0.5 * np.sin(2 * np.pi * 110 * t)).astype(np.float32)
    noise = np.random.default_rng(0).uniform(-0.5, 0.5, 16384).astype(np.float32)
    return tf.constant(np.stack([sine, noise] * 2)[:, :, None]), tf.one_hot([0, 1, 0, 1], 2)


def test_the_projection_critic_learns_which_style_a_sound_belongs_to():
    """Style 0 is a low sine, style 1 white noise: after a few critic steps the critic rates
    each sound higher under its own label than under the other one."""
    import keras

    keras.utils.set_random_seed(0)
    run = build_run_config([BASE, {"model": {"styles": ["low", "noise"]}, "n_critic": 1,
                                   "learning_rate": 1e-3}])
    gan = build_gan(run)
    audio, labels = _sine_and_noise()

    def margin():
        own = gan.critic(audio, labels, training=False).numpy()[:, 0]
        other = gan.critic(audio, labels[:, ::-1], training=False).numpy()[:, 0]
        return float(np.mean(own - other))

    assert margin() == pytest.approx(0.0, abs=1e-6)      # the projection starts at zero
    for _ in range(25):
        gan.critic_step(audio, labels)
    assert margin() > 0.2, margin()


def test_evaluation_asks_for_each_style_in_turn_and_scores_the_match():
    assert asked_styles(STYLES, 5) == ["rock", "funk", "shuffle", "rock", "funk"]
    probs = np.eye(4)[[0, 1, 3, 0]]                          # the classifier's argmax
    assert style_match(probs, ["rock", "funk", "shuffle", "funk"],
                       ["rock", "funk", "hiphop", "shuffle"]) == 0.75
    assert style_match(probs, ["mine", "x", "y", "z"], ["rock", "funk", "hiphop", "shuffle"]) \
        is None
    assert style_match(probs, [], STYLES) is None


def test_wavegan_train_styles_from_folders_end_to_end(by_folder, tmp_path_factory):
    """The command a musician runs on DATA/<style>/… folders: the checkpoint knows the styles,
    the previews play each one, and a resume keeps them."""
    from tests.cli_util import wavegan

    run = tmp_path_factory.mktemp("styled-run") / "run"
    args = ("train", "--data", by_folder, "--run", run, "--styles-from", "folders", "--dim", 2,
            "--batch-size", 4, "--n-critic", 1, "--preview-count", 2, "--progress", "off",
            "--tensorboard", "false", "--sample-rate", SR)
    wavegan(*args, "--max-steps", 2)
    ckpt = load_checkpoint(sorted((run / "checkpoints").iterdir())[-1])
    skipped = {s["path"].split("/")[-1]: s["reason"] for s in ckpt.meta["dataset"]["skipped"]}
    assert skipped == {"loose.wav": "no style label of ['funk', 'rock']"}
    assert ckpt.config.styles == ["funk", "rock"] and ckpt.config.input_dim == 102
    assert len(list((run / "previews").glob("step_*/preview_*.wav"))) == 2
    wavegan(*args, "--max-steps", 3)
    assert load_checkpoint(sorted((run / "checkpoints").iterdir())[-1]).step == 3
    info = wavegan("info", sorted((run / "checkpoints").iterdir())[-1])
    assert "funk, rock" in info.stdout


def test_scan_counts_slices_per_style_and_times_the_conditional_step(by_folder):
    from tests.cli_util import wavegan

    proc = wavegan("scan", by_folder, "--styles-from", "folders", "--json", "--dim", 2,
                   "--batch-size", 2, "--n-critic", 1, "--bench-batch", 2,
                   "--sample-rate", SR)
    report = json.loads(proc.stdout)
    assert report["model"]["styles"] == ["funk", "rock"]
    assert report["style_slices"] == {"funk": 3, "rock": 3}     # 2.5 s → 3 padded slices each
    assert report["files_skipped"] == 1 and report["local"]["seconds_per_step"] > 0
    human = wavegan("scan", by_folder, "--styles-from", "folders", "--no-benchmark")
    assert "funk 3 (50%), rock 3 (50%)" in human.stdout


def test_the_auxiliary_head_is_added_by_warm_start_and_learns_to_name_styles(tmp_path):
    """--aux-classifier: warm-started onto a conditional critic it leaves the critic's logit
    as it was; trained on a low sine (style 0) and noise (style 1) it names both, and the
    losses report it."""
    import keras

    keras.utils.set_random_seed(1)
    base = [BASE, {"model": {"styles": ["low", "noise"]}, "learning_rate": 1e-3}]
    cond = build_run_config(base)
    src_gan = build_gan(cond)
    src = save_gan(tmp_path / "cond", cond.model, src_gan, step=5)
    run = build_run_config(base + [{"aux_classifier": "true", "aux_weight": 10}])
    gan = build_gan(run)
    notes = warm_start(gan, load_checkpoint(src), run.model)
    assert any("auxiliary style classifier starts fresh" in n for n in notes), notes
    audio, labels = _sine_and_noise()
    np.testing.assert_allclose(gan.critic(audio, labels, training=False).numpy(),
                               src_gan.critic(audio, labels, training=False).numpy(),
                               rtol=1e-5, atol=1e-6)
    step = tf.function(gan.train_step)     # compiled, as training runs it
    first = step((audio, labels))
    assert {"aux_real", "aux_fake"} <= set(first)
    for _ in range(24):
        out = step((audio, labels))
    _, aux = gan.critic_and_aux(audio, labels, training=False)
    np.testing.assert_array_equal(aux.numpy().argmax(1), [0, 1, 0, 1])
    assert float(out["aux_real"]) < 0.5 * float(first["aux_real"]), (first, out)
    with pytest.raises(UserError, match="--aux-classifier names styles"):
        with_styles(build_run_config([{"aux_classifier": "true"}]), tmp_path)


def _fake_style_entropy(unsure: float) -> tuple[float, np.ndarray]:
    """Trains the aux head (sine = style 0, noise = style 1) 24 steps with ``aux_unsure``;
    returns its mean entropy on generated slices and its answers for the real ones."""
    import keras

    keras.utils.set_random_seed(1)
    run = build_run_config([BASE, {"model": {"styles": ["low", "noise"]}, "learning_rate": 1e-3,
                                   "aux_classifier": "true", "aux_weight": 10,
                                   "aux_unsure": unsure}])
    gan = build_gan(run)
    audio, labels = _sine_and_noise()
    step = tf.function(gan.train_step)     # compiled, as training runs it
    for _ in range(24):
        step((audio, labels))
    fakes = gan.generate(gan.sample_z(8), tf.one_hot([0, 1] * 4, 2), training=False)
    p = tf.nn.softmax(gan.critic_and_aux(fakes, tf.one_hot([0, 1] * 4, 2), training=False)[1])
    entropy = float(tf.reduce_mean(-tf.reduce_sum(p * tf.math.log(p + 1e-9), axis=1)))
    return entropy, gan.critic_and_aux(audio, labels, training=False)[1].numpy().argmax(1)


def test_aux_unsure_keeps_the_head_from_naming_generated_slices_but_not_real_ones():
    """--aux-unsure: the head still names real slices, and it is unsure (entropy near log 2)
    of what the generator plays, where without the term it takes the generator's word."""
    plain, _ = _fake_style_entropy(0.0)
    unsure, real = _fake_style_entropy(10.0)
    np.testing.assert_array_equal(real, [0, 1, 0, 1])
    assert unsure > 0.9 * np.log(2) and unsure > plain + 0.1, (plain, unsure)
    with pytest.raises(UserError, match="must be >= 0"):
        build_run_config([{"aux_unsure": -1}])
    with pytest.raises(UserError, match="it needs --aux-classifier true"):
        with_styles(build_run_config([{"styles_from": "folders", "aux_unsure": 1}]), "x")


def test_warm_start_keeps_each_style_by_name_and_a_new_one_starts_as_their_average(tmp_path):
    """Your kit from a kit: the checkpoint's kick and snare stay the run's kick and snare
    (wherever they sit in its list), a class it lacks plays what an even mix of its classes
    played, in the generator, the critic's projection and its auxiliary head; the EMA too."""
    import keras

    keras.utils.set_random_seed(4)
    kit = ["kick", "snare", "crash"]
    src_run = build_run_config([BASE, {"model": {"styles": kit}, "aux_classifier": "true"}])
    src_gan = build_gan(src_run)
    rng = np.random.default_rng(0)
    for layer in (src_gan.generator.get_layer("z_project"),
                  src_gan.discriminator.get_layer("style_embed"),
                  src_gan.discriminator.get_layer("style_aux")):   # all style weights matter
        for w in layer.weights:
            w.assign(rng.normal(0, 0.05, w.shape).astype(np.float32))
    src_gan.reset_ema()
    src = save_gan(tmp_path / "kit", src_run.model, src_gan, step=7)
    mine = ["snare", "kick", "tabla"]
    run = build_run_config([BASE, {"model": {"styles": mine}, "aux_classifier": "true"}])
    gan = build_gan(run)
    notes = warm_start(gan, load_checkpoint(src), run.model)
    assert notes[0] == ("styles kept by name: snare, kick; new: tabla (each starts as the "
                        "average of the checkpoint's); dropped (the new model plays the data's "
                        "classes only): crash"), notes
    z = tf.random.uniform([4, 100], -1, 1, seed=3)
    audio = tf.random.uniform([4, 16384, 1], -0.5, 0.5, seed=4)
    theirs = {"snare": tf.one_hot([1] * 4, 3), "kick": tf.one_hot([0] * 4, 3),
              "tabla": tf.fill([4, 3], 1 / 3)}                  # what "tabla" starts as
    for k, name in enumerate(mine):
        ours = tf.one_hot([k] * 4, 3)
        for new, old in ((gan.generator, src_gan.generator),
                         (gan.generator_ema, src_gan.generator_ema)):
            np.testing.assert_allclose(new(tf.concat([z, ours], 1)).numpy(),
                                       old(tf.concat([z, theirs[name]], 1)).numpy(),
                                       atol=1e-5, err_msg=name)
        logit, _ = gan.critic_and_aux(audio, ours, training=False)
        their_logit, _ = src_gan.critic_and_aux(audio, theirs[name], training=False)
        np.testing.assert_allclose(logit.numpy(), their_logit.numpy(), rtol=1e-5, atol=1e-5)
    _, aux = gan.critic_and_aux(audio, theirs["kick"], training=False)
    _, their_aux = src_gan.critic_and_aux(audio, theirs["kick"], training=False)
    their_aux = their_aux.numpy()
    np.testing.assert_allclose(aux.numpy(), np.stack([their_aux[:, 1], their_aux[:, 0],
                                                      their_aux.mean(axis=1)], axis=1),
                               rtol=1e-5, atol=1e-5)       # the head names classes by name too
