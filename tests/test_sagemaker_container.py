"""The training container as SageMaker runs it, replayed offline (docs/testing.md, SageMaker).

A real ``wavegan sagemaker launch`` against moto records the job; the test downloads each of
its channels (``train``, ``code``, ``sm_drivers``) into a fake ``/opt/ml``, writes
``input/config/{hyperparameters,inputdataconfig,resourceconfig}.json`` and runs the recorded
``ContainerEntrypoint`` + ``ContainerArguments`` as PID 1 of a new PID and mount namespace, with
that folder bind-mounted on ``/opt/ml``: the SDK's own ``sm_train.sh``, ``environment.py`` and
requirements install do the rest, with this venv's Python standing in for the image's.

Then it stops the job as SageMaker does — SIGTERM to PID 1, SIGKILL 120 s later — and checks
that the stop was saved; a second run on the same ``checkpoints/`` (a spot restart: fresh
``model/`` and ``output/``, same checkpoints) continues from the saved step.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import pytest
import soundfile as sf

from tests.drums import groove
from tests.moto_server import make_role, moto_server

pytest.importorskip("sagemaker", reason="the [sagemaker] extra is installed by `make test`")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("unshare"),
                       reason="needs root and unshare(1) for a PID + mount namespace"),
]

BUCKET = "container-test"
GRACE = 120          # seconds SageMaker waits between SIGTERM and SIGKILL
STEP = re.compile(r"^step=(\d+) ")
# tiny and fast; no timed checkpoint in the test's lifetime, so any checkpoint is the stop's
HPS = ("--dim", "2", "--batch-size", "2", "--n-critic", "1", "--slice-len", "16384",
       "--summary-every", "1", "--preview-count", "1", "--tensorboard", "false",
       "--checkpoint-minutes", "60", "--max-steps", "1000000")


@dataclass
class Container:
    """A recorded job, ready to replay: ``root`` is what the container sees as /opt/ml."""

    root: Path
    command: list[str]          # ContainerEntrypoint + ContainerArguments
    env: dict[str, str]
    desc: dict                  # the job as moto recorded it (moto keeps running)
    cli_env: dict[str, str]     # for `wavegan sagemaker …` against moto


@dataclass
class Run:
    """One replay, stopped with SIGTERM to PID 1."""

    lines: list[str] = field(default_factory=list)
    pid1: list[str] = field(default_factory=list)        # ps of the namespace at the stop
    signalled_step: int = 0       # the last step logged before the SIGTERM
    seconds_to_exit: float = 0.0  # SIGTERM → PID 1 gone
    sent_at: float = 0.0          # wall-clock time of the SIGTERM
    killed: bool = False          # needed SIGKILL after the grace period
    returncode: int | None = None

    def steps(self) -> list[int]:
        return [int(m.group(1)) for m in map(STEP.match, self.lines) if m]


def _download_prefix(s3, uri: str, dest: Path) -> None:
    bucket, _, prefix = uri[5:].partition("/")
    prefix = prefix.rstrip("/") + "/"
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            target = dest / obj["Key"][len(prefix):]
            target.parent.mkdir(parents=True, exist_ok=True)
            s3.download_file(bucket, obj["Key"], str(target))


def fake_opt_ml(desc: dict, root: Path) -> None:
    """What SageMaker prepares before it starts the container: channels, configs, folders."""
    s3 = boto3.client("s3")
    channels = {}
    for channel in desc["InputDataConfig"]:
        name = channel["ChannelName"]
        _download_prefix(s3, channel["DataSource"]["S3DataSource"]["S3Uri"],
                         root / "input" / "data" / name)
        channels[name] = {"TrainingInputMode": "File", "S3DistributionType": "FullyReplicated",
                          "RecordWrapperType": "None"}
    config = root / "input" / "config"
    config.mkdir(parents=True)
    (config / "hyperparameters.json").write_text(json.dumps(desc["HyperParameters"]))
    (config / "inputdataconfig.json").write_text(json.dumps(channels))
    (config / "resourceconfig.json").write_text(json.dumps({
        "current_host": "algo-1", "hosts": ["algo-1"], "network_interface_name": "eth0",
        "current_instance_type": desc["ResourceConfig"]["InstanceType"],
        "current_group_name": "homogeneousCluster"}))
    for sub in ("model", "output/data", "checkpoints"):
        (root / sub).mkdir(parents=True, exist_ok=True)


@pytest.fixture(scope="module")
def container(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("container")
    data = tmp / "drums"
    data.mkdir()
    for i in range(2):
        sf.write(data / f"take{i}.wav", groove(16000, 2.0, seed=i)[0], 16000)
    with moto_server():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        role = make_role(boto3.client("iam"), "wavegan-exec", BUCKET)
        env = {**os.environ, "WAVEGAN_SAGEMAKER_CONFIG": str(tmp / "sagemaker.toml")}
        out = subprocess.run(
            [sys.executable, "-m", "wavegan.cli", "sagemaker", "launch", "--data", str(data),
             "--bucket", BUCKET, "--role", role, "--region", "us-east-1", "--instance-type",
             "ml.g5.xlarge", "--max-run", "2h", "--job-name", "wavegan-ctr", *HPS],
            env=env, capture_output=True, text=True, timeout=180)
        assert out.returncode == 0, out.stdout + out.stderr[-3000:]
        job = next(x.split()[1] for x in out.stdout.splitlines() if x.startswith("job: "))
        # --max-run 2h: the loop stops itself 12 min (10 %) early, and launch says so
        assert "stop: training stops at max_time=6480 s (1h48m), 12m before --max-run 2h" \
            in out.stdout
        desc = boto3.client("sagemaker").describe_training_job(TrainingJobName=job)
        fake_opt_ml(desc, tmp / "opt_ml")
        algo = desc["AlgorithmSpecification"]
        venv_bin = str(Path(sys.executable).parent)
        inside = {"PATH": f"{venv_bin}:/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp),
                  "LANG": "C.UTF-8", "TRAINING_JOB_NAME": job,
                  # the image's pip would fetch what is missing; here everything must already
                  # be in the venv (no network in the test), so pip must not look elsewhere
                  "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1",
                  # a GPU instance type on a CPU: the entry would refuse to train (issue 22.8)
                  "WAVEGAN_ALLOW_CPU": "1", "TF_CPP_MIN_LOG_LEVEL": "2",
                  **desc.get("Environment", {})}
        yield Container(tmp / "opt_ml", [*algo["ContainerEntrypoint"],
                                         *algo.get("ContainerArguments", [])], inside, desc, env)


def _namespace_pid1(unshare_pid: int, deadline: float) -> int:
    """The host PID of the namespace's PID 1: ``unshare --fork``'s only child."""
    while time.monotonic() < deadline:
        try:
            children = Path(f"/proc/{unshare_pid}/task/{unshare_pid}/children").read_text()
        except OSError:
            children = ""
        if children.split():
            return int(children.split()[0])
        time.sleep(0.05)
    raise AssertionError("unshare started no child")


def _ps_tree(pid1: int) -> list[str]:
    """``pid ppid comm: SigCgt`` of PID 1 and its descendants (host PIDs)."""
    out, todo = [], [pid1]
    while todo:
        pid = todo.pop(0)
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            continue
        fields = dict(line.split(":\t", 1) for line in status.splitlines() if ":\t" in line)
        catches_term = bool(int(fields["SigCgt"], 16) & (1 << (signal.SIGTERM - 1)))
        out.append(f"{pid} {fields['PPid'].strip()} {fields['Name'].strip()} "
                   f"catches SIGTERM: {catches_term}")
        todo.extend(int(k) for k in kids)
    return out


def run_container(box: Container, stop_after_step: int = 0) -> Run:
    """Start the container; once it logs a step > ``stop_after_step``, SIGTERM its PID 1, and
    SIGKILL it if it still runs ``GRACE`` seconds later (as SageMaker does)."""
    cmd = ["unshare", "--pid", "--mount", "--fork", "--mount-proc", "bash", "-c",
           f'mount --bind {box.root} /opt/ml && exec "$@"', "init", *box.command]
    os.makedirs("/opt/ml", exist_ok=True)   # the bind mount's target (the image has it)
    proc = subprocess.Popen(cmd, env=box.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    run = Run()
    pid1 = _namespace_pid1(proc.pid, time.monotonic() + 30)
    stepped = threading.Event()

    def read() -> None:
        for line in proc.stdout:
            run.lines.append(line.rstrip("\n"))
            m = STEP.match(line)
            if m and int(m.group(1)) > stop_after_step:
                stepped.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        assert stepped.wait(240) and proc.poll() is None, "\n".join(run.lines[-60:])
        run.pid1 = _ps_tree(pid1)
        run.signalled_step = run.steps()[-1]
        sent, run.sent_at = time.monotonic(), time.time()
        os.kill(pid1, signal.SIGTERM)
        try:
            proc.wait(GRACE)
        except subprocess.TimeoutExpired:
            run.killed = True
            os.kill(pid1, signal.SIGKILL)   # ends every process in the namespace
            proc.wait(30)
        run.seconds_to_exit = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(30)
        reader.join(30)
    run.returncode = proc.returncode
    return run


def _saved_steps(root: Path) -> list[int]:
    from trainer.checkpointing import RunDir

    return RunDir(root / "checkpoints").steps()


@pytest.fixture(scope="module")
def stopped(container):
    return run_container(container)


def test_sigterm_to_pid_1_saves_a_checkpoint_and_the_model(container, stopped):
    from trainer.checkpointing import RunDir
    from wavegan.checkpoint import load_checkpoint
    from wavegan.generator import Generator

    log = "\n".join(["ps at the stop:", *stopped.pid1, "log:", *stopped.lines[-40:]])
    assert not stopped.killed, f"PID 1 ignored SIGTERM for {GRACE} s\n{log}"
    # PID 1 is our entry point itself (the SDK's shell exec'd it), with a SIGTERM handler
    assert stopped.pid1[0].split()[2:] == ["python3", "catches", "SIGTERM:", "True"], log
    assert not [x for x in stopped.lines if "not the container's PID 1" in x], log
    assert stopped.returncode == 0, log
    saved = _saved_steps(container.root)
    assert saved and saved[-1] >= stopped.signalled_step, (saved, log)
    written = (RunDir(container.root / "checkpoints").path(saved[-1]) / "model.json")
    saved_after = written.stat().st_mtime - stopped.sent_at
    assert 0 < saved_after < GRACE, (saved_after, log)    # the stop's checkpoint, not older
    model = load_checkpoint(container.root / "model")
    assert model.step == saved[-1], log
    Generator.from_checkpoint(container.root / "model")
    assert (container.root / "output" / "data" / "metrics.jsonl").is_file()
    print(f"SIGTERM → checkpoint in {saved_after:.1f} s, exit in "
          f"{stopped.seconds_to_exit:.1f} s; ps at the stop:", *stopped.pid1, sep="\n")


def test_a_spot_restart_continues_from_the_saved_step(container, stopped):
    from wavegan.checkpoint import load_checkpoint

    saved = _saved_steps(container.root)[-1]
    for fresh in ("model", "output"):    # a new instance: only checkpoints/ is restored
        shutil.rmtree(container.root / fresh)
    (container.root / "model").mkdir()
    (container.root / "output" / "data").mkdir(parents=True)
    again = run_container(container, stop_after_step=saved)
    log = "\n".join(again.lines[-40:])
    assert not again.killed and again.returncode == 0, log
    assert again.steps()[0] == saved + 1, log       # resumed, not restarted from 0
    assert _saved_steps(container.root)[-1] > saved, log
    assert load_checkpoint(container.root / "model").step == _saved_steps(container.root)[-1]


def _sync_checkpoints(box: Container) -> tuple[str, str]:
    """Upload the container's checkpoints/ where SageMaker syncs them (the job's checkpoint
    prefix); return (bucket, key of model.tar.gz)."""
    s3 = boto3.client("s3")
    bucket, _, prefix = box.desc["CheckpointConfig"]["S3Uri"][5:].partition("/")
    folder = box.root / "checkpoints"
    for f in folder.rglob("*"):
        if f.is_file():
            s3.upload_file(str(f), bucket, prefix + f.relative_to(folder).as_posix())
    uri = box.desc["ModelArtifacts"]["S3ModelArtifacts"]
    return bucket, uri[5:].partition("/")[2]


def test_download_takes_the_newest_checkpoint_when_the_model_artifact_is_empty(
        container, stopped, tmp_path):
    """A job killed before any export uploads an empty model.tar.gz: `download` exports the
    newest step_* the container saved under the job's checkpoint prefix and says so; with the
    artifact SageMaker uploads from /opt/ml/model it takes that."""
    import tarfile

    from wavegan.checkpoint import load_checkpoint

    bucket, key = _sync_checkpoints(container)
    newest = _saved_steps(container.root)[-1]
    with tarfile.open(tmp_path / "empty.tar.gz", "w:gz"):
        pass
    boto3.client("s3").upload_file(str(tmp_path / "empty.tar.gz"), bucket, key)
    job = container.desc["TrainingJobName"]
    wavegan = [sys.executable, "-m", "wavegan.cli", "sagemaker", "download", job, "--region",
               "us-east-1", "--to"]
    out = subprocess.run([*wavegan, str(tmp_path / "kit")], env=container.cli_env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr[-3000:]
    uri = f"{container.desc['CheckpointConfig']['S3Uri']}checkpoints/step_{newest:06d}/"
    assert (f"the model artifact holds no checkpoint; using the newest training checkpoint "
            f"{uri}") in out.stdout
    assert load_checkpoint(tmp_path / "kit").step == newest
    with tarfile.open(tmp_path / "model.tar.gz", "w:gz") as tar:   # what SageMaker uploads
        tar.add(container.root / "model", arcname=".")
    boto3.client("s3").upload_file(str(tmp_path / "model.tar.gz"), bucket, key)
    out = subprocess.run([*wavegan, str(tmp_path / "model")], env=container.cli_env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0 and "newest training checkpoint" not in out.stdout, out.stdout
    model = load_checkpoint(tmp_path / "model")
    assert model.step == load_checkpoint(container.root / "model").step
    assert set(model.files) == {"generator.npz"}
