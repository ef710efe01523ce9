"""SageMaker launcher against moto_server over real HTTP (boto3 and the SDK v3 ModelTrainer)."""

from __future__ import annotations

import io
import json
import logging
import re
import tarfile

import boto3
import numpy as np
import pytest
import soundfile as sf

from tests.drums import groove
from tests.moto_server import make_role, moto_server
from trainer.logline import format_line
from trainer.sagemaker.launch import LaunchOptions, launch, make_session
from trainer.sagemaker.upload import upload_dataset

pytest.importorskip("sagemaker", reason="the [sagemaker] extra is installed by `make test`")

BUCKET = "wavegan-sagemaker-test"


@pytest.fixture(scope="module")
def aws():
    with moto_server():
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket=BUCKET)
        role = make_role(boto3.client("iam"), "wavegan-exec", BUCKET)
        yield {"s3": s3, "sm": boto3.client("sagemaker"), "role": role}


@pytest.fixture(scope="module")
def drums(tmp_path_factory):
    root = tmp_path_factory.mktemp("drums")
    for i in range(2):
        audio, _ = groove(16000, 2.0, seed=i)
        sf.write(root / f"take{i}.wav", audio, 16000)
    return root


def _keys(s3, prefix: str) -> set[str]:
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=prefix)
    return {o["Key"][len(prefix):] for p in pages for o in p.get("Contents", [])}


def _record_calls(s3) -> list[str]:
    calls: list[str] = []
    s3.meta.events.register("before-call.s3", lambda model, **_: calls.append(model.name))
    return calls


def test_each_folder_is_its_own_dataset_and_relaunching_uploads_nothing(aws, drums, tmp_path):
    import shutil

    from trainer.sagemaker.upload import MANIFEST, list_datasets, scan_dataset

    s3 = boto3.client("s3")
    calls = _record_calls(s3)
    first = upload_dataset(s3, drums, BUCKET, "ds/data")
    assert (first.uploaded, first.skipped) == (2, 0)
    assert first.prefix == f"ds/data/{scan_dataset(drums).key}/"
    assert _keys(s3, first.prefix) == {"take0.wav", "take1.wav", MANIFEST}
    calls.clear()
    again = upload_dataset(s3, drums, BUCKET, "ds/data")
    assert (again.uploaded, again.skipped, again.prefix) == (0, 2, first.prefix)
    assert calls == ["HeadObject"]                    # the manifest only: nothing is sent
    shutil.copytree(drums, tmp_path / "copy")          # the same content elsewhere: same key
    assert upload_dataset(s3, tmp_path / "copy", BUCKET, "ds/data").prefix == first.prefix
    other = tmp_path / "other"                         # a second folder, one name in common
    other.mkdir()
    sf.write(other / "take0.wav", groove(16000, 1.0, seed=7)[0], 16000)
    second = upload_dataset(s3, other, BUCKET, "ds/data")
    assert second.prefix != first.prefix and second.uploaded == 1
    assert _keys(s3, second.prefix) == {"take0.wav", MANIFEST}
    assert _keys(s3, first.prefix) == {"take0.wav", "take1.wav", MANIFEST}   # never mixed
    sf.write(tmp_path / "copy" / "take1.wav", groove(16000, 1.0, seed=9)[0], 16000)
    changed = upload_dataset(s3, tmp_path / "copy", BUCKET, "ds/data")
    assert changed.prefix not in (first.prefix, second.prefix)
    # an interrupted upload (no manifest yet) resumes file by file
    s3.delete_object(Bucket=BUCKET, Key=changed.prefix + MANIFEST)
    s3.delete_object(Bucket=BUCKET, Key=changed.prefix + "take1.wav")
    resumed = upload_dataset(s3, tmp_path / "copy", BUCKET, "ds/data")
    assert (resumed.uploaded, resumed.skipped) == (1, 1)
    listed = {d.key: d for d in list_datasets(s3, BUCKET, "ds/data")}
    assert len(listed) == 3 and all(d.complete for d in listed.values())
    mine = listed[first.prefix.split("/")[-2]]
    assert mine.files == 2 and mine.bytes == sum(f.stat().st_size for f in drums.iterdir())
    assert mine.source == str(drums.resolve())


def test_launch_creates_the_spot_job_with_our_contract(aws, caplog):
    opts = LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET,
                         role=aws["role"], instance_type="ml.g5.xlarge", spot=True,
                         max_run_seconds=3600, max_wait_seconds=7200, job_name="wavegan-t1",
                         hyperparameters={"dim": 32, "slice_len": 65536, "max_steps": 1000})
    boto = boto3.Session(region_name="us-east-1")
    sent = {}  # the CreateTrainingJob request as it leaves the real client (moto keeps a subset)
    boto.events.register("before-parameter-build.sagemaker.CreateTrainingJob",
                         lambda params, **_: sent.update(params))
    session = make_session(opts, boto)
    with caplog.at_level(logging.WARNING):
        name = launch(opts, session)
    # the SDK's "hyperparameters are not passed as arguments" (we read SM_HPS) is dropped
    assert not [r for r in caplog.records if "command-line arguments" in r.getMessage()]
    desc = aws["sm"].describe_training_job(TrainingJobName=name)
    assert sent["TrainingJobName"] == name
    assert desc["EnableManagedSpotTraining"] is True
    assert desc["StoppingCondition"]["MaxWaitTimeInSeconds"] == 7200
    assert desc["CheckpointConfig"]["S3Uri"].endswith("/")
    assert desc["CheckpointConfig"]["LocalPath"] == "/opt/ml/checkpoints"
    image = desc["AlgorithmSpecification"]["TrainingImage"]
    assert "tensorflow-training:2.21" in image and "gpu" in image
    hps = desc["HyperParameters"]
    assert hps["dim"] == "32" and hps["slice_len"] == "65536" and hps["max_steps"] == "1000"
    assert hps["max_time"] == "3000"   # 1 h max-run minus 10 min for start-up and the export
    line = format_line({"step": 1200, "d_loss": -3.21, "g_loss": 4.05, "gp": 0.31,
                        "steps_per_sec": 1.9, "slices_per_sec": 121})
    metrics = {m["Name"]: m["Regex"] for m in sent["AlgorithmSpecification"]["MetricDefinitions"]}
    assert float(re.search(metrics["d_loss"], line).group(1)) == pytest.approx(-3.21)
    assert float(re.search(metrics["step"], line).group(1)) == 1200
    channel = desc["InputDataConfig"][0]
    assert channel["ChannelName"] == "train"
    assert channel["DataSource"]["S3DataSource"]["S3Uri"] == f"s3://{BUCKET}/wavegan/data/"
    # the code bundle: our entry script and requirements went to S3
    keys = [o["Key"] for b in aws["s3"].list_buckets()["Buckets"]
            for o in aws["s3"].list_objects_v2(Bucket=b["Name"]).get("Contents", [])]
    bundle = [k for k in keys if "wavegan-t1" in k]
    assert bundle, keys
    blob = b"".join(_object_bytes(aws["s3"], k) for k in bundle)
    assert b"sagemaker_entry.py" in blob or any(k.endswith("sagemaker_entry.py") for k in bundle)
    # the SDK's script ends by exec'ing our entry (PID 1 gets SIGTERM), not via its driver
    script = _object_bytes(aws["s3"], next(k for k in bundle if k.endswith("/sm_train.sh")))
    assert b"exec $SM_PYTHON_CMD sagemaker_entry.py" in script
    assert b"basic_script_driver.py" not in script


def _object_bytes(s3, key):
    for b in s3.list_buckets()["Buckets"]:
        try:
            data = s3.get_object(Bucket=b["Name"], Key=key)["Body"].read()
        except s3.exceptions.NoSuchKey:
            continue
        if key.endswith((".tar.gz", ".tgz")):
            with tarfile.open(fileobj=io.BytesIO(data)) as tar:
                return "\n".join(tar.getnames()).encode()
        return data
    return b""


def test_download_unpacks_a_loadable_checkpoint(aws, tmp_path):
    from tests.conftest import make_checkpoint
    from trainer.sagemaker.jobs import download
    from wavegan.generator import Generator

    name = launch(LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET,
                                role=aws["role"], job_name="wavegan-dl"))
    uri = aws["sm"].describe_training_job(TrainingJobName=name)["ModelArtifacts"][
        "S3ModelArtifacts"]
    ckpt = make_checkpoint(tmp_path / "final", slice_len=16384, sample_rate=16000, dim=2)
    archive = tmp_path / "model.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(ckpt, arcname="final")
    bucket, key = uri[5:].split("/", 1)
    aws["s3"].upload_file(str(archive), bucket, key)
    loaded = download(aws["sm"], aws["s3"], name, tmp_path / "served")
    assert loaded.config.slice_len == 16384
    assert Generator.from_checkpoint(loaded.path, backend="keras").from_seeds([1]).shape == (
        1, 16384, 1)


def test_cli_policy_and_status(aws):
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", "policy",
                          "--bucket", "my-bucket"], capture_output=True, text=True, check=True)
    policy = json.loads(out.stdout)
    actions = {a for st in policy["Statement"] for a in st["Action"]}
    assert "s3:PutObject" in actions and not any(a.endswith("*") for a in actions)
    assert "FullAccess" not in out.stdout
    job = aws["sm"].list_training_jobs()["TrainingJobSummaries"][0]["TrainingJobName"]
    status = subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", "status", job],
                            capture_output=True, text=True, check=True)
    assert status.stdout.startswith(f"{job}: ")
    listed = subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", "list"],
                            capture_output=True, text=True, check=True)
    assert job in listed.stdout
    missing = subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", "status",
                              "nope"], capture_output=True, text=True)
    assert missing.returncode == 1 and "no training job named 'nope'" in missing.stderr


def test_the_packaged_bundle_trains_with_sagemakers_environment(drums, tmp_path):
    """The staged code bundle alone (cwd = bundle, so its copies shadow the repo) runs the
    entry script as the TF image would, trains a tiny model and writes the model artifact."""
    import os
    import subprocess
    import sys

    from trainer.sagemaker.bundle import ENTRY_SCRIPT, stage_bundle
    from wavegan.checkpoint import load_checkpoint

    bundle = stage_bundle(tmp_path / "code")
    assert (bundle / "requirements.txt").read_text().count("\n") >= 3
    assert not list(bundle.rglob("generator.npz"))   # the bundled models stay out of the upload
    assert "tensorflow" not in (bundle / "requirements.txt").read_text()
    hps = {"dim": "2", "batch_size": "2", "n_critic": "1", "max_steps": "2",
           "summary_every": "1", "preview_count": "1", "tensorboard": "false"}
    env = {**os.environ, "SM_CHANNEL_TRAIN": str(drums), "SM_MODEL_DIR": str(tmp_path / "model"),
           "SM_OUTPUT_DATA_DIR": str(tmp_path / "output"), "SM_HPS": json.dumps(hps),
           "SM_HOSTS": '["algo-1"]', "SM_CURRENT_HOST": "algo-1",
           "WAVEGAN_CHECKPOINT_ROOT": str(tmp_path / "checkpoints"), "PYTHONPATH": ""}
    proc = subprocess.run([sys.executable, ENTRY_SCRIPT], cwd=bundle, env=env,
                          capture_output=True, text=True, timeout=240)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert "step=2" in proc.stdout
    assert load_checkpoint(tmp_path / "model").step == 2
    assert any((tmp_path / "checkpoints" / "previews").iterdir())


class RecordingProxy:
    """An HTTP proxy on 127.0.0.1 that records each request line (``CONNECT host:443 …``) and
    hangs up: whatever honours ``HTTPS_PROXY`` and tries to reach the internet shows up here."""

    def __init__(self):
        import socket
        import threading

        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.lines: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with conn:
                self.lines.append(conn.recv(4096).split(b"\r\n")[0].decode("latin-1"))

    def close(self):
        self.sock.close()


def test_sdk_telemetry_stays_off_unless_opted_in(aws, tmp_path):
    """The SDK sends telemetry with `requests` from a thread named sagemaker-telemetry; through
    a recording proxy, a default launch sends nothing to AWS's telemetry host, and an opted-in
    one does (so this check can fail)."""
    import os
    import subprocess
    import sys

    code = ("import threading; from trainer.sagemaker.launch import LaunchOptions, launch; "
            f"launch(LaunchOptions(data_s3='s3://{BUCKET}/wavegan/data/', bucket='{BUCKET}', "
            f"role='{aws['role']}', job_name='wavegan-telemetry')); "
            "[t.join(20) for t in threading.enumerate() if t.name == 'sagemaker-telemetry']")
    proxy = RecordingProxy()
    try:
        for opt_in in ("0", "1"):
            env = {**os.environ, "HTTPS_PROXY": proxy.url, "NO_PROXY": "127.0.0.1,localhost",
                   "WAVEGAN_SAGEMAKER_TELEMETRY": opt_in, "HOME": str(tmp_path)}
            env.pop("SAGEMAKER_USER_CONFIG_OVERRIDE", None)
            out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                                 text=True, timeout=120)
            assert out.returncode == 0, out.stderr[-2000:]
            sent = [x for x in proxy.lines if "sm-pysdk-t-" in x]
            assert bool(sent) == (opt_in == "1"), (opt_in, proxy.lines)
    finally:
        proxy.close()


@pytest.fixture(scope="module")
def killed_job(drums, tmp_path_factory):
    """``trainer.entry`` as SageMaker runs it, with no step or time limit and a checkpoint about
    every step, killed with SIGKILL (what MaxRuntimeInSeconds / StopTrainingJob amount to: the
    SIGTERM reaches only the SDK's bash wrapper) once it has written two checkpoints."""
    import os
    import signal
    import subprocess
    import sys
    import threading

    tmp = tmp_path_factory.mktemp("killed")
    hps = {"dim": "2", "batch_size": "2", "n_critic": "1", "summary_every": "1",
           "preview_count": "1", "tensorboard": "false", "checkpoint_minutes": "0.002",
           "keep": "3", "ema": "0.9"}
    env = {**os.environ, "SM_CHANNEL_TRAIN": str(drums), "SM_MODEL_DIR": str(tmp / "model"),
           "SM_OUTPUT_DATA_DIR": str(tmp / "output"), "SM_HPS": json.dumps(hps),
           "WAVEGAN_CHECKPOINT_ROOT": str(tmp / "run"), "PYTHONUNBUFFERED": "1",
           "TF_CPP_MIN_LOG_LEVEL": "2"}
    proc = subprocess.Popen([sys.executable, "-m", "trainer.entry"], env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    guard = threading.Timer(300, proc.kill)
    guard.start()
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if sum(x.startswith("checkpoint ") for x in lines) >= 2:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
    finally:
        guard.cancel()
        proc.kill()
        proc.stdout.close()
    assert sum(x.startswith("checkpoint ") for x in lines) >= 2, "\n".join(lines[-40:])
    return tmp


def test_a_killed_job_has_exported_its_generator_at_the_timed_checkpoints(killed_job):
    """SM_MODEL_DIR holds a loadable serving checkpoint (the EMA generator only) of one of the
    run's checkpoints although train() never returned."""
    from trainer.checkpointing import RunDir
    from wavegan.checkpoint import load_checkpoint

    model = load_checkpoint(killed_job / "model")
    model.verify()
    assert set(model.files) == {"generator.npz"}
    assert model.step in RunDir(killed_job / "run").steps() and model.step >= 1
    source = load_checkpoint(RunDir(killed_job / "run").path(model.step))
    assert source.playing_name == "generator_ema"
    exported, ema = model.playing_arrays(), source.arrays("generator_ema")
    assert exported.keys() == ema.keys()
    assert all(np.array_equal(exported[k], ema[k]) for k in ema)
    assert not list((killed_job / "model").glob(".*.partial"))


def test_download_falls_back_to_the_newest_checkpoint_under_the_prefix(aws, killed_job,
                                                                         tmp_path):
    """No model.tar.gz (or one with no checkpoint): `download` exports the playing generator
    of the newest complete step_* under the job's CheckpointConfig prefix, skipping a step
    still being uploaded (no model.json) and one whose weights are missing."""
    from trainer.checkpointing import RunDir
    from trainer.sagemaker.jobs import download
    from wavegan.checkpoint import load_checkpoint

    name = launch(LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET,
                                role=aws["role"], job_name="wavegan-killed"))
    desc = aws["sm"].describe_training_job(TrainingJobName=name)
    bucket, _, prefix = desc["CheckpointConfig"]["S3Uri"][5:].partition("/")
    run = RunDir(killed_job / "run")
    for step in run.steps():
        for f in run.path(step).iterdir():
            aws["s3"].upload_file(str(f), bucket, f"{prefix}checkpoints/{f.parent.name}/{f.name}")
    newest = run.steps()[-1]
    aws["s3"].put_object(Bucket=bucket, Key=f"{prefix}checkpoints/step_999999/generator.npz",
                         Body=b"half uploaded")
    meta = (run.path(newest) / "model.json").read_bytes()
    aws["s3"].put_object(Bucket=bucket, Key=f"{prefix}checkpoints/step_999998/model.json",
                         Body=meta)  # its weights never arrived
    said: list[str] = []
    got = download(aws["sm"], aws["s3"], name, tmp_path / "kit", say=said.append)
    assert got.step == newest and set(got.files) == {"generator.npz"}
    ema = load_checkpoint(run.path(newest)).arrays("generator_ema")
    assert all(np.array_equal(got.playing_arrays()[k], ema[k]) for k in ema)
    assert said == [f"the model artifact holds no checkpoint; using the newest training "
                    f"checkpoint s3://{bucket}/{prefix}checkpoints/step_{newest:06d}/"]
    # a model.tar.gz without a checkpoint in it (the job was killed before the first export)
    uri = desc["ModelArtifacts"]["S3ModelArtifacts"]
    with tarfile.open(tmp_path / "empty.tar.gz", "w:gz"):
        pass
    aws["s3"].upload_file(str(tmp_path / "empty.tar.gz"), *uri[5:].split("/", 1))
    again = download(aws["sm"], aws["s3"], name, tmp_path / "kit2")
    assert again.step == newest


def test_time_limit_leaves_a_margin_and_respects_the_users_own():
    from trainer.sagemaker.launch import time_limit, with_time_limit

    assert time_limit(6 * 3600) == 6 * 3600 - 1800     # 10 %, at most 30 min
    assert time_limit(5400) == 5400 - 600              # at least 10 min
    assert time_limit(600) == 300                      # never below half the limit
    assert with_time_limit({"max_steps": "10"}, 3600) == {"max_steps": "10", "max_time": 3000}
    assert with_time_limit({"max-time": "100"}, 3600) == {"max-time": "100"}
