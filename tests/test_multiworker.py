"""Two training workers on localhost as SageMaker would run two hosts: ``TF_CONFIG`` built by the
entry point from ``SM_HOSTS`` / ``SM_CURRENT_HOST``, MultiWorkerMirroredStrategy on the CPU, a
SIGTERM to one worker stops both at the same step, the chief alone writes the one checkpoint
and the model, and a single process resumes from it. Plus the stop vote and TF_CONFIG on their
own."""

from __future__ import annotations

import io
import json
import signal
import socket
import subprocess
import sys
import time

import numpy as np
import pytest

from tests.cli_util import read_until
from tests.test_train_support import ROOT, SR, make_drum_folder, python_env
from trainer.checkpointing import RunDir
from trainer.distributed import WISHES, StopVote
from trainer.entry import tf_config_from_sagemaker
from trainer.logline import parse_line
from trainer.run import TrainJob, train
from wavegan.checkpoint import load_checkpoint
from wavegan.errors import UserError

HPS = {"dim": 4, "batch_size": 2, "n_critic": 2, "summary_every": 1, "preview_count": 2,
       "checkpoint_minutes": 60, "keep": 2, "sample_rate": SR, "slice_len": 16384,
       "tensorboard": "false"}
HOSTS = ["algo-1", "algo-2"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def entry(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "trainer.entry"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)


def stopped_at(text: str) -> int:
    line = next(x for x in text.splitlines() if x.startswith("stopped at step "))
    return int(line.split()[3])


@pytest.mark.slow
def test_two_workers_stop_together_on_sigterm_to_one_and_the_chief_checkpoint_resumes(
        tmp_path):
    drums = make_drum_folder(tmp_path / "drums", files=2)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    addresses = {h: f"127.0.0.1:{free_port()}" for h in HOSTS}
    roots = {h: tmp_path / h / "checkpoints" for h in HOSTS}   # each host's /opt/ml/…
    models = {h: tmp_path / h / "model" for h in HOSTS}
    procs: dict[str, subprocess.Popen] = {}
    try:
        for host in HOSTS:
            procs[host] = entry(python_env(
                SM_HOSTS=json.dumps(HOSTS), SM_CURRENT_HOST=host,
                WAVEGAN_WORKER_ADDRESSES=json.dumps(addresses), SM_CHANNEL_TRAIN=str(drums),
                SM_MODEL_DIR=str(models[host]), SM_HPS=json.dumps(HPS),
                WAVEGAN_CHECKPOINT_ROOT=str(roots[host]), TMPDIR=str(scratch)))
        chief, other = procs["algo-1"], procs["algo-2"]
        head = read_until(chief, lambda ln: parse_line(ln).get("step", 0) >= 3, 150)
        other.send_signal(signal.SIGTERM)       # SageMaker stops one host (e.g. spot)
        t0 = time.monotonic()
        outs = {h: p.communicate(timeout=60)[0] for h, p in procs.items()}
        took = time.monotonic() - t0
    finally:
        for p in procs.values():
            p.kill()
            p.wait()
    chief_out = "\n".join(head) + "\n" + outs["algo-1"]
    assert chief.returncode == 0 and other.returncode == 0, chief_out + outs["algo-2"]
    assert took < 60
    assert "global batch 4 = 2 per replica × 2 replicas (2 workers" in chief_out
    assert "(SIGTERM)" in outs["algo-2"]
    assert "(stop requested by another worker)" in chief_out
    step = stopped_at(chief_out)
    assert step == stopped_at(outs["algo-2"]) >= 3       # the same last step on both
    steps = [parse_line(x)["step"] for x in chief_out.splitlines() if parse_line(x)]
    assert steps == list(range(1, step + 1))
    # one checkpoint, the chief's; the other host wrote nothing where SageMaker syncs
    assert RunDir(roots["algo-1"]).steps() == [step]
    assert not roots["algo-2"].exists() and not models["algo-2"].exists()
    assert list(scratch.glob("wavegan-worker-*")) == []          # scratch removed at the end
    ckpt = load_checkpoint(RunDir(roots["algo-1"]).path(step))
    assert ckpt.meta["loop_state"]["step"] == step
    assert ckpt.meta["loop_state"]["slices_seen"] == step * 2 * 2 * 2   # batch × replicas × n
    assert load_checkpoint(models["algo-1"]).step == step
    assert list((roots["algo-1"] / "previews" / f"step_{step:06d}").glob("preview_*.wav"))

    # a single process (this one) resumes from the chief's checkpoint
    out = io.StringIO()
    result = train(TrainJob(data=drums, run_dir=roots["algo-1"], headless=True,
                            overrides={**HPS, "max_steps": step + 2}), out=out)
    assert (result.step, result.chief, result.reason) == (step + 2, True,
                                                            f"max_steps={step + 2}")
    assert f"(step {step})" in out.getvalue() and "batch 2 (one replica)" in out.getvalue()
    assert [parse_line(x)["step"] for x in out.getvalue().splitlines() if parse_line(x)] == \
        [step + 1, step + 2]
    after = load_checkpoint(RunDir(roots["algo-1"]).path(step + 2))
    assert np.isfinite(after.arrays("generator")["upconv_0/kernel"]).all()
    assert not np.array_equal(after.arrays("generator")["upconv_0/kernel"],
                              ckpt.arrays("generator")["upconv_0/kernel"])


def test_tf_config_from_sagemaker_hosts_ports_and_addresses():
    env = {"SM_HOSTS": '["algo-2", "algo-1", "algo-3"]', "SM_CURRENT_HOST": "algo-3"}
    assert tf_config_from_sagemaker(env) == {
        "cluster": {"worker": ["algo-1:2223", "algo-2:2223", "algo-3:2223"]},
        "task": {"type": "worker", "index": 2}}
    assert tf_config_from_sagemaker({**env, "WAVEGAN_WORKER_PORT": "4000"})["cluster"] == \
        {"worker": ["algo-1:4000", "algo-2:4000", "algo-3:4000"]}
    local = {**env, "SM_CURRENT_HOST": "algo-1",
             "WAVEGAN_WORKER_ADDRESSES": '{"algo-1": "127.0.0.1:5001"}'}
    assert tf_config_from_sagemaker(local) == {
        "cluster": {"worker": ["127.0.0.1:5001", "algo-2:2223", "algo-3:2223"]},
        "task": {"type": "worker", "index": 0}}
    assert tf_config_from_sagemaker({"SM_HOSTS": '["algo-1"]', "SM_CURRENT_HOST": "algo-1"}) \
        is None
    with pytest.raises(UserError, match="not one of SM_HOSTS"):
        tf_config_from_sagemaker({**env, "SM_CURRENT_HOST": "algo-9"})
    with pytest.raises(UserError, match="WAVEGAN_WORKER_PORT"):
        tf_config_from_sagemaker({**env, "WAVEGAN_WORKER_PORT": "x"})


def test_stop_vote_flags_and_decisions():
    assert StopVote.flags("").numpy().tolist() == [0.0] * len(WISHES)
    assert StopVote.flags("SIGTERM").numpy().tolist() == [1.0, 0.0]
    assert StopVote.flags("max_time=60s").numpy().tolist() == [0.0, 1.0]
    # two workers, two local replicas each: flags are summed over all four replicas
    quiet, term, timed = np.zeros(2), np.array([2.0, 0.0]), np.array([0.0, 2.0])
    assert StopVote.decide(quiet, "") == ""
    assert StopVote.decide(term, "SIGTERM") == "SIGTERM"      # the worker that got it
    assert StopVote.decide(term, "") == "stop requested by another worker"
    assert StopVote.decide(timed, "", 60.0) == "max_time=60s (another worker's clock)"
    assert StopVote.decide(term + timed, "") == "stop requested by another worker"


def test_a_lone_worker_votes_with_nobody():
    import tensorflow as tf

    assert not StopVote(tf.distribute.get_strategy()).shared
