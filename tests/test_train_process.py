"""Training as a process: SIGTERM, kill -9 during checkpoint writes, the SageMaker entry point,
two logical CPU devices under MirroredStrategy."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import textwrap
import time

import numpy as np
import pytest

from tests.cli_util import read_until
from tests.test_train_support import (
    ROOT,
    TINY,
    flags,
    make_drum_folder,
    python_env,
    wavegan_cmd,
)
from trainer.checkpointing import RunDir
from trainer.entry import parse_hyperparameters, tf_config_from_sagemaker
from trainer.logline import parse_line
from wavegan.checkpoint import load_checkpoint


@pytest.fixture(scope="module")
def drums(tmp_path_factory):
    return make_drum_folder(tmp_path_factory.mktemp("drums"), files=2)


def test_sigterm_finishes_the_step_saves_and_exits_0(drums, tmp_path):
    run = tmp_path / "run"
    cmd = wavegan_cmd("train", "--data", str(drums), "--run", str(run), *flags(TINY),
                      "--progress", "off", "--tensorboard", "false")
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env=python_env(), cwd=ROOT)
    try:
        lines = read_until(proc, lambda ln: parse_line(ln).get("step", 0) >= 2, 150)
        proc.send_signal(signal.SIGTERM)
        rest, _ = proc.communicate(timeout=60)
    finally:
        proc.kill()
    assert proc.returncode == 0, "\n".join(lines) + rest
    seen = int(parse_line(lines[-1])["step"])
    steps = RunDir(run).steps()
    assert len(steps) == 1 and steps[0] >= seen
    assert f"stopped at step {steps[0]} (SIGTERM)" in rest
    assert load_checkpoint(RunDir(run).path(steps[0])).meta["loop_state"]["step"] == steps[0]
    assert list((run / "previews" / f"step_{steps[0]:06d}").glob("preview_*.wav"))


SAVER = textwrap.dedent("""
    import sys
    import numpy as np
    from trainer.checkpointing import LoopState, RunDir
    from trainer.config import build_run_config
    run = build_run_config([{"dim": 4, "keep": 2}])
    rd = RunDir(sys.argv[1], keep=2)
    rd.check_config(run)
    rd.remove_stale_temps()
    step = max(rd.steps(), default=0)
    rng = np.random.default_rng(step)
    while True:
        step += 1
        arrays = {s: {"w": rng.normal(size=(1 << 20,)).astype(np.float32) + step}
                  for s in ("generator", "discriminator", "optimizer_d")}
        rd.save(run, arrays, LoopState(step=step))
        print("saved", step, flush=True)
""")


def test_kill_9_during_checkpoint_writes_leaves_the_previous_one_loadable(tmp_path):
    run = tmp_path / "run"
    rnd = random.Random(1234)
    last_saved = 0
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", SAVER, str(run)], stdout=subprocess.PIPE,
                                text=True, env=python_env(), cwd=ROOT)
        line = proc.stdout.readline()  # the first save of this process finished
        assert line.startswith("saved"), line
        time.sleep(rnd.uniform(0.0, 0.6))
        os.kill(proc.pid, signal.SIGKILL)
        out = line + proc.communicate()[0]
        printed = [int(x.split()[1]) for x in out.splitlines() if x.startswith("saved")]
        newest = load_checkpoint(run)  # a run directory opens its newest complete checkpoint
        assert newest.step >= printed[-1] > last_saved
        for stem in ("generator", "discriminator", "optimizer_d"):  # every file verifies
            assert float(np.median(newest.arrays(stem)["w"])) == pytest.approx(newest.step,
                                                                                abs=0.1)
        for step in RunDir(run).steps():  # whatever is there is complete or absent
            assert load_checkpoint(RunDir(run).path(step)).step == step
        last_saved = newest.step
    assert len(RunDir(run).steps()) <= 3  # keep=2 (+1 if killed between save and prune)


def test_sagemaker_entry_point_with_sm_environment(drums, tmp_path):
    from wavegan.generator import Generator

    root, model, output = tmp_path / "ckpts", tmp_path / "model", tmp_path / "output"
    hps = {"dim": "4", "batch_size": "4", "n_critic": "2", "preview_count": "2",
           "summary_every": "1", "keep": "2", "max_steps": "2"}
    env = python_env(SM_CHANNEL_TRAIN=str(drums), SM_MODEL_DIR=str(model),
                     SM_OUTPUT_DATA_DIR=str(output), SM_HPS=json.dumps(hps),
                     SM_HOSTS='["algo-1"]', SM_CURRENT_HOST="algo-1",
                     WAVEGAN_CHECKPOINT_ROOT=str(root))
    proc = subprocess.run([sys.executable, "-m", "trainer.entry", "--max-steps", "3",
                           "--tensorboard", "false"], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=180)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert [parse_line(x)["step"] for x in proc.stdout.splitlines() if parse_line(x)] \
        == [1, 2, 3]  # argv --max-steps 3 beats SM_HPS max_steps 2
    assert RunDir(root).steps() == [3]
    assert sorted(p.name for p in (root / "previews" / "step_000003").iterdir()) == \
        ["preview_00.wav", "preview_01.wav", "spectrogram.png"]
    ckpt = load_checkpoint(model)
    assert ckpt.step == 3 and set(ckpt.files) == {"generator.npz"}
    gen = Generator.from_checkpoint(model, backend="keras")
    phrases = gen(np.random.default_rng(0).uniform(-1, 1, (2, gen.config.latent_dim))
                  .astype(np.float32))
    assert phrases.shape == (2, 16384, 1) and gen.config.sample_rate == 16000
    assert np.all(np.isfinite(phrases)) and np.std(phrases) > 1e-4   # the export plays
    assert (output / "metrics.jsonl").is_file() and (output / "loss_curve.png").is_file()


def test_hyperparameters_and_tf_config():
    env = {"SM_HPS": json.dumps({"max-steps": 10, "dim": 8})}
    assert parse_hyperparameters(["--dim", "16", "--loss=wgan"], env) == \
        {"max_steps": "10", "dim": "16", "loss": "wgan"}  # SM_HPS values are read as strings
    env = {"SM_HOSTS": '["algo-2", "algo-1"]', "SM_CURRENT_HOST": "algo-2"}
    assert tf_config_from_sagemaker(env) == {
        "cluster": {"worker": ["algo-1:2223", "algo-2:2223"]},
        "task": {"type": "worker", "index": 1}}
    assert tf_config_from_sagemaker({"SM_HOSTS": '["algo-1"]', "SM_CURRENT_HOST": "algo-1"}) \
        is None


MIRRORED = textwrap.dedent("""
    import sys
    import tensorflow as tf
    cpu = tf.config.list_physical_devices("CPU")[0]
    tf.config.set_logical_device_configuration(
        cpu, [tf.config.LogicalDeviceConfiguration(), tf.config.LogicalDeviceConfiguration()])
    from tests.test_train_support import TINY
    from trainer.config import build_run_config
    from trainer.loop import train
    from trainer.run import dataset_fn
    strategy = tf.distribute.MirroredStrategy(["/cpu:0", "/cpu:1"])
    print("replicas", strategy.num_replicas_in_sync, flush=True)
    run = build_run_config([{**TINY, "max_steps": 2, "tensorboard": False}])
    result = train(run, sys.argv[2], dataset_fn(sys.argv[1], run), strategy=strategy)
    print("done", result.step, result.checkpoint, flush=True)
""")


def test_mirrored_strategy_on_two_logical_cpus_trains(drums, tmp_path):
    proc = subprocess.run([sys.executable, "-c", MIRRORED, str(drums), str(tmp_path / "run")],
                          capture_output=True, text=True, env=python_env(), cwd=ROOT,
                          timeout=240)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "replicas 2" in proc.stdout
    lines = [parse_line(x) for x in proc.stdout.splitlines() if parse_line(x)]
    assert [x["step"] for x in lines] == [1, 2] and all(np.isfinite(x["d_loss"]) for x in lines)
    ckpt = load_checkpoint(tmp_path / "run" / "checkpoints" / "step_000002")
    assert np.isfinite(ckpt.arrays("generator")["upconv_0/kernel"]).all()
    # every replica trains on batch_size: the global batch is twice TINY's
    assert "global batch 8 = 4 per replica × 2 replicas (one machine, MirroredStrategy)" \
        in proc.stdout
    assert ckpt.meta["loop_state"]["slices_seen"] == 2 * 8 * TINY["n_critic"]


def test_cli_refuses_an_incompatible_run_dir(drums, tmp_path):
    run = tmp_path / "run"
    run.mkdir()
    (run / "run.json").write_text(json.dumps({"model": {"dim": 4}}))
    proc = subprocess.run(wavegan_cmd("train", "--data", str(drums), "--run", str(run),
                                      "--dim", "8"), capture_output=True, text=True,
                          env=python_env(), cwd=ROOT, timeout=120)
    assert proc.returncode == 1
    assert "different config (model.dim: 4 → 8)" in proc.stderr
    assert not (run / "checkpoints").exists()
