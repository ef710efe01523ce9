"""The training loop in-process: losses, critic, metrics, previews, checkpoints, resume, configs.

One tiny run (d=4) is trained once for the module and inspected by several tests.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from tests.test_train_support import TINY, make_drum_folder
from trainer.checkpointing import RunDir, restore_gan
from trainer.config import build_run_config, resolve_run_config
from trainer.logline import METRIC_REGEXES
from trainer.loop import build_gan, train
from trainer.run import dataset_fn
from trainer.warm_start import warm_start
from wavegan.checkpoint import load_checkpoint, save_checkpoint
from wavegan.errors import UserError

STEPS = 12


@pytest.fixture(scope="module")
def drums(tmp_path_factory):
    return make_drum_folder(tmp_path_factory.mktemp("drums"))


@pytest.fixture(scope="module")
def trained(tmp_path_factory, drums):
    """A run trained for STEPS generator steps (5 critic updates each); stdout captured."""
    run_dir = tmp_path_factory.mktemp("run") / "run"
    run = build_run_config([{**TINY, "n_critic": 5, "max_steps": STEPS,
                             "learning_rate": 5e-4}])
    out = io.StringIO()
    result = train(run, run_dir, dataset_fn(drums, run), out=out)
    return run, run_dir, result, out.getvalue()


def test_losses_finite_and_metrics_lines_parse(trained):
    run, run_dir, result, stdout = trained
    assert result.step == STEPS and result.reason == f"max_steps={STEPS}"
    lines = [ln for ln in stdout.splitlines() if ln.startswith("step=")]
    assert len(lines) == STEPS  # summary_every=1
    for i, line in enumerate(lines, 1):
        values = {k: float(re.search(rx, line).group(1)) for k, rx in METRIC_REGEXES.items()}
        assert values["step"] == i
        assert all(np.isfinite(v) for v in values.values())
        assert values["slices_per_sec"] == pytest.approx(values["steps_per_sec"] * 4 * 5,
                                                         rel=1e-2)
    records = [json.loads(x) for x in (run_dir / "metrics.jsonl").read_text().splitlines()]
    assert [r["step"] for r in records] == list(range(1, STEPS + 1))
    assert (run_dir / "loss_curve.png").stat().st_size > 1000
    assert list((run_dir / "tb").glob("events.out.tfevents.*"))


def test_critic_separates_real_from_fake(trained, drums):
    run, run_dir, result, _ = trained
    ckpt = load_checkpoint(result.checkpoint)
    critic, generator = ckpt.load_discriminator(), ckpt.load_generator()
    real = next(iter(dataset_fn(drums, run)(16, 123)[0]))
    z = np.random.default_rng(5).uniform(-1, 1, (16, run.model.latent_dim)).astype(np.float32)
    fake = generator(z, training=False)
    d_real = float(np.mean(critic(real, training=False)))
    d_fake = float(np.mean(critic(fake, training=False)))
    assert d_real > d_fake, (d_real, d_fake)


def test_previews_exist_and_are_not_silent(trained):
    run, run_dir, result, _ = trained
    folder = run_dir / "previews" / f"step_{STEPS:06d}"
    wavs = sorted(folder.glob("preview_*.wav"))
    assert [w.name for w in wavs] == ["preview_00.wav", "preview_01.wav", "preview_02.wav"]
    for w in wavs:
        audio, sr = sf.read(w)
        assert sr == run.model.sample_rate and len(audio) == run.model.slice_len
        assert np.sqrt(np.mean(audio ** 2)) > 1e-4
    assert (folder / "spectrogram.png").stat().st_size > 1000


def test_checkpoint_holds_the_full_run_and_serves(trained):
    from wavegan.generator import Generator

    run, run_dir, result, _ = trained
    ckpt = load_checkpoint(result.checkpoint)
    assert ckpt.step == STEPS
    assert ckpt.meta["run_config"] == run.to_dict()
    assert json.loads((result.checkpoint / "run.json").read_text()) == run.to_dict()
    assert json.loads((run_dir / "run.json").read_text()) == run.to_dict()
    assert {"generator.npz", "discriminator.npz", "optimizer_g.npz", "optimizer_d.npz",
            "rng.npz"} <= set(ckpt.files)
    gen = Generator.from_checkpoint(result.checkpoint, backend="keras")
    assert gen(np.zeros((1, run.model.latent_dim), np.float32)).shape == (1, 16384, 1)


def test_resume_restores_weights_optimizer_rng_and_continues(trained, drums, tmp_path):
    run, run_dir, result, _ = trained
    copy, _ = _copy_run(run_dir, tmp_path)
    ckpt = load_checkpoint(result.checkpoint)
    gan = build_gan(run)
    rng = restore_gan(gan, ckpt)
    for name, value in ckpt.arrays("generator").items():
        got = {w.path: w for w in gan.generator.weights}[name].numpy()
        np.testing.assert_array_equal(got, value)
    assert int(gan.d_optimizer.iterations.numpy()) == STEPS * 5
    assert int(gan.g_optimizer.iterations.numpy()) == STEPS
    np.testing.assert_array_equal(gan.z_rng.state.numpy(), rng)

    resumed = build_run_config([{**run.to_dict(), "train": {**run.train.to_dict(),
                                                            "max_steps": STEPS + 2}}])
    out = io.StringIO()
    again = train(resumed, copy, dataset_fn(drums, resumed), out=out)
    assert f"resuming from {copy / 'checkpoints' / f'step_{STEPS:06d}'}" in out.getvalue()
    assert again.step == STEPS + 2
    after = load_checkpoint(again.checkpoint)
    assert after.meta["loop_state"]["slices_seen"] == (STEPS + 2) * 4 * 5
    d_iter = [v for k, v in after.arrays("optimizer_d").items() if k.endswith("iteration")]
    assert int(d_iter[0]) == (STEPS + 2) * 5
    assert RunDir(copy).steps() == [STEPS, STEPS + 2]  # keep=2


def test_incompatible_run_dir_is_refused(trained, drums):
    run, run_dir, _, _ = trained
    other = resolve_run_config(run_dir, None, {"dim": 8})
    with pytest.raises(UserError, match=r"model\.dim: 4 → 8"):
        train(other, run_dir, dataset_fn(drums, other))
    assert load_checkpoint(RunDir(run_dir).path(STEPS)).config.dim == 4


def test_rerun_without_flags_takes_run_json_and_flags_win(trained, tmp_path):
    run, run_dir, _, _ = trained
    same = resolve_run_config(run_dir, None, {})
    assert same.to_dict() == run.to_dict()
    toml = tmp_path / "cfg.toml"
    toml.write_text('[train]\nmax_steps = 50\nsummary_every = 7\n[gan]\nloss = "wgan"\n')
    cfg = resolve_run_config(None, toml, {"max_steps": "2e3", "tensorboard": "false"})
    assert (cfg.train.max_steps, cfg.train.summary_every, cfg.gan.loss) == (2000, 7, "wgan")
    assert cfg.train.tensorboard is False
    with pytest.raises(UserError, match="unknown setting 'dimm'"):
        resolve_run_config(None, None, {"dimm": 3})
    with pytest.raises(UserError, match="precision"):
        resolve_run_config(None, None, {"precision": "fp8"})


def test_mixed_precision_keeps_critic_and_penalty_float32(drums):
    import tensorflow as tf

    from wavegan.checkpoint import model_arrays
    from wavegan.models import build_generator

    run = build_run_config([{**TINY, "precision": "bf16"}])
    gan = build_gan(run)
    assert gan.generator.layers[1].compute_dtype == "bfloat16"
    z = tf.zeros([2, run.model.latent_dim])
    assert gan.generator(z).dtype == tf.float32
    assert gan.discriminator(tf.zeros([2, 16384, 1])).dtype == tf.float32
    assert set(model_arrays(gan.generator)) == set(model_arrays(build_generator(run.model)))
    real = next(iter(dataset_fn(drums, run)(8, 1)[0]))
    out = tf.function(gan.train_step)(real)
    assert all(v.dtype == tf.float32 and np.isfinite(float(v)) for v in out.values())


def _corrupt(path):
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    path.write_bytes(bytes(data))


def _copy_run(run_dir: Path, tmp_path: Path) -> tuple[Path, RunDir]:
    """A copy of the trained run to damage (the module's fixture stays intact)."""
    import shutil

    copy = tmp_path / "run"
    shutil.copytree(run_dir, copy)
    return copy, RunDir(copy)


def _files(root: Path) -> dict[Path, bytes]:
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_corrupt_newest_checkpoint_falls_back_and_none_readable_is_refused(trained, drums,
                                                                          tmp_path):
    import shutil

    run, run_dir, _, _ = trained
    copy, rd = _copy_run(run_dir, tmp_path)
    shutil.copytree(rd.path(STEPS), rd.path(STEPS + 5))
    _corrupt(rd.path(STEPS + 5) / "generator.npz")
    result = train(run, copy, dataset_fn(drums, run), out=io.StringIO())
    assert (result.step, result.checkpoint) == (STEPS, rd.path(STEPS))  # max_steps reached
    # One step more, keeping one checkpoint: the unreadable newer one must not be what is kept.
    more = build_run_config([run.to_dict(), {"max_steps": STEPS + 1, "keep": 1}])
    result = train(more, copy, dataset_fn(drums, more), out=io.StringIO())
    assert rd.steps() == [STEPS + 1] and load_checkpoint(rd.path(STEPS + 1)).step == STEPS + 1
    aside = rd.checkpoints / f"step_{STEPS + 5:06d}.unreadable"
    assert (aside / "generator.npz").is_file()   # set aside, not deleted
    _corrupt(rd.path(STEPS + 1) / "discriminator.npz")
    with pytest.raises(UserError, match="none can be resumed.*corrupt file"):
        train(more, copy, dataset_fn(drums, more), out=io.StringIO())
    assert rd.steps() == [STEPS + 1]  # nothing overwritten or pruned


def test_non_finite_losses_stop_the_run_and_keep_the_last_good_checkpoint(trained, drums,
                                                                           tmp_path):
    run, run_dir, _, _ = trained
    copy, rd = _copy_run(run_dir, tmp_path)
    before = _files(rd.checkpoints)
    more = build_run_config([run.to_dict(), {"max_steps": STEPS + 3}])

    def poisoned(batch_size, seed):   # a corrupt stream: every sample NaN
        ds, summary = dataset_fn(drums, more)(batch_size, seed)
        return ds.map(lambda x: x * float("nan")), summary

    with pytest.raises(UserError, match=f"non-finite at step {STEPS + 1}.*last good checkpoint"):
        train(more, copy, poisoned, out=io.StringIO())
    assert _files(rd.checkpoints) == before   # no NaN weights saved, nothing pruned


def test_a_run_in_use_or_without_its_config_is_refused_untouched(trained, drums, tmp_path):
    run, run_dir, _, _ = trained
    copy, holder = _copy_run(run_dir, tmp_path)
    files = _files(copy)
    holder.lock()                       # as a `wavegan train` still running on it would
    try:
        with pytest.raises(UserError, match="in use by another `wavegan train`"):
            train(run, copy, dataset_fn(drums, run), out=io.StringIO())
    finally:
        holder.unlock()
    (copy / "run.json").write_text("{ not json")
    with pytest.raises(UserError, match="run.json: unreadable"):
        train(run, copy, dataset_fn(drums, run), out=io.StringIO())
    (copy / "run.json").unlink()
    with pytest.raises(UserError, match="no run.json"):
        train(run, copy, dataset_fn(drums, run), out=io.StringIO())
    now = _files(copy)
    gone = {Path("run.json"), Path(".lock")}
    assert {k: v for k, v in now.items() if k not in gone} == \
        {k: v for k, v in files.items() if k not in gone}   # nothing else touched


def test_init_from_warm_starts_a_new_run_from_generator_and_critic(trained, drums, tmp_path):
    """A float16 generator+critic export (as the bundled default model ships) starts a new run:
    steps count on from it and the weights continue from it (after one step at lr 5e-4 they
    are within ~1e-3 of the source; a fresh initialisation is ~0.1 away)."""
    run, _, result, _ = trained
    src = load_checkpoint(result.checkpoint)
    export = save_checkpoint(tmp_path / "export", src.config,
                             {k: src.arrays(k) for k in ("generator", "discriminator")},
                             step=src.step, weights_dtype="float16")
    more = build_run_config([{**TINY, "n_critic": 5, "max_steps": STEPS + 1,
                              "learning_rate": 5e-4}])
    out = io.StringIO()
    res = train(more, tmp_path / "warm", dataset_fn(drums, more), out=out, init_from=export)
    assert "warm start from" in out.getvalue()
    assert res.step == STEPS + 1
    new = load_checkpoint(res.checkpoint)
    for name in ("generator", "discriminator"):
        before, after = src.arrays(name), new.arrays(name)
        assert max(float(np.abs(after[k] - before[k]).max()) for k in before) < 3e-3, name

    fresh = build_gan(more)
    other = build_run_config([{**TINY, "dim": 8}])
    with pytest.raises(UserError, match="another model .*dim: 4 → 8"):
        warm_start(build_gan(other), load_checkpoint(export), other.model)
    gen_only = save_checkpoint(tmp_path / "gen-only", src.config,
                               {"generator": src.arrays("generator")}, step=src.step)
    with pytest.raises(UserError, match="no critic weights"):
        warm_start(fresh, load_checkpoint(gen_only), more.model)
