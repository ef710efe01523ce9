"""The entry point as the container's PID 1: a SIGTERM before training is kept, failures reach
SageMaker's failure file, SM_HPS values come back as strings; launch says when training stops
and starts the entry with a command that replaces the SDK's shell."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

import trainer.run
from trainer import entry
from trainer.loop import StopRequest, TrainResult
from trainer.sagemaker.bundle import ENTRY_COMMAND, ENTRY_SCRIPT
from trainer.sagemaker.launch import stop_line


@pytest.fixture
def quiet(monkeypatch):
    monkeypatch.setattr(entry, "quiet_tensorflow", lambda verbose=False: None)


def sm_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    (tmp_path / "drums").mkdir(exist_ok=True)
    return {"SM_CHANNEL_TRAIN": str(tmp_path / "drums"), "SM_HPS": "{}",
            "WAVEGAN_CHECKPOINT_ROOT": str(tmp_path / "run"),
            "SM_OUTPUT_FAILURE": str(tmp_path / "failure"), **extra}


def test_a_sigterm_during_start_up_reaches_the_training_loop(quiet, monkeypatch, tmp_path):
    """SIGTERM while TensorFlow imports (before train() installs its handler) is not lost: the
    loop gets a StopRequest that is already set; afterwards the old handler is back."""
    seen: list[StopRequest] = []

    def fake_train(job, stop, **_):
        seen.append(stop)
        return TrainResult(3, Path("run/step_000003"), stop.reason)

    monkeypatch.setattr(trainer.run, "train", fake_train)
    monkeypatch.setattr(entry, "require_gpu", lambda env: os.kill(os.getpid(), signal.SIGTERM))
    before = signal.getsignal(signal.SIGTERM)
    assert entry.main([], sm_env(tmp_path)) == 0
    assert [s.reason for s in seen] == ["SIGTERM"]
    assert signal.getsignal(signal.SIGTERM) == before


def test_early_stop_forwards_to_the_bound_request():
    with entry.EarlyStop() as early:
        stop = early.bind(StopRequest())
        assert not stop
        os.kill(os.getpid(), signal.SIGTERM)
        assert stop.reason == "SIGTERM" and early.reason == "SIGTERM"


def test_failures_are_written_where_sagemaker_reads_the_failure_reason(quiet, monkeypatch,
                                                                        tmp_path):
    env = sm_env(tmp_path)
    del env["SM_CHANNEL_TRAIN"]
    assert entry.main([], env) == 1
    assert (tmp_path / "failure").read_text() == (
        "error: no training data: set SM_CHANNEL_TRAIN or pass --data DIR\n")

    def crash(job, **_):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(trainer.run, "train", crash)
    with pytest.raises(RuntimeError):
        entry.main([], sm_env(tmp_path, SM_OUTPUT_FAILURE=str(tmp_path / "crash")))
    text = (tmp_path / "crash").read_text()
    assert text.startswith("Traceback") and "RuntimeError: disk on fire" in text


def test_sm_hps_values_typed_by_the_sdk_come_back_as_strings():
    """The SDK's environment.py json-decodes each hyperparameter ("2" → 2, "false" → False);
    the config coerces strings, so the entry point hands it strings again."""
    hps = {"dim": 2, "tensorboard": False, "ema": 0.9, "loss": "wgan-gp", "max-time": 6480}
    assert entry.parse_hyperparameters([], {"SM_HPS": json.dumps(hps)}) == {
        "dim": "2", "tensorboard": "false", "ema": "0.9", "loss": "wgan-gp",
        "max_time": "6480"}


def test_a_job_process_that_is_not_pid_1_says_stops_may_not_reach_it(caplog):
    with caplog.at_level("WARNING", logger="wavegan.train"):
        entry.warn_unless_pid_1({"TRAINING_JOB_NAME": "wavegan-x"}, pid=1)
        entry.warn_unless_pid_1({}, pid=4242)                  # not in SageMaker
        assert not caplog.records
        entry.warn_unless_pid_1({"TRAINING_JOB_NAME": "wavegan-x"}, pid=4242)
    assert [r.getMessage()[:60] for r in caplog.records] == [
        "this training process is PID 4242, not the container's PID 1"]


def test_the_job_command_replaces_the_sdks_shell():
    """sm_train.sh runs the command with `eval`: `exec` makes our Python the container's PID 1
    (tests/test_sagemaker_container.py runs it)."""
    assert ENTRY_COMMAND.split() == ["exec", "$SM_PYTHON_CMD", ENTRY_SCRIPT]


def test_launch_says_when_training_stops():
    assert stop_line({}, 6 * 3600) == (
        "stop: training stops at max_time=19800 s (5h30m), 30m before --max-run 6h, for "
        "start-up, the final checkpoint and the model upload; every checkpoint also refreshes "
        "/opt/ml/model")
    assert "max_time=4800 s (1h20m), 10m before --max-run 1h30m" in stop_line({}, 5400)
    assert stop_line({"max-time": "30000"}, 6 * 3600).startswith(
        "stop: max_time=30000 s is not below --max-run 21600 s: SageMaker's SIGTERM")
    assert "max_time=100 s (1m)" in stop_line({"max_time": 100}, 3600)
