"""`wavegan sagemaker watch/stop/resume/status` against moto_server over real HTTP.

Logs and preview objects are really put into moto's CloudWatch Logs and S3; the job states moto
cannot produce (Starting → Training → Failed, Stopping) come from a botocore Stubber on the
SageMaker client."""

from __future__ import annotations

import time

import boto3
import pytest
from botocore.stub import ANY, Stubber

from tests.moto_server import answer, error, make_role, moto_server
from trainer.logline import format_line
from trainer.sagemaker.errors import JobFailed
from trainer.sagemaker.watch import LOG_GROUP, Watcher

pytest.importorskip("sagemaker", reason="the [sagemaker] extra is installed by `make test`")

BUCKET = "watch-sagemaker"
JOB = "wavegan-w-20261124-120000"
CKPT = f"s3://{BUCKET}/wavegan/checkpoints/wavegan-w/"


@pytest.fixture(scope="module")
def aws():
    with moto_server():
        boto3.client("s3").create_bucket(Bucket=BUCKET)
        boto3.client("logs").create_log_group(logGroupName=LOG_GROUP)
        yield make_role(boto3.client("iam"), "wavegan-exec", BUCKET)


def put_logs(stream: str, messages: list[str], start_ms: int) -> None:
    logs = boto3.client("logs")
    try:
        logs.create_log_stream(logGroupName=LOG_GROUP, logStreamName=stream)
    except logs.exceptions.ResourceAlreadyExistsException:
        pass
    logs.put_log_events(logGroupName=LOG_GROUP, logStreamName=stream, logEvents=[
        {"timestamp": start_ms + 10 * i, "message": m} for i, m in enumerate(messages)])


def describe(status: str, secondary: list[tuple[str, str]], **extra) -> dict:
    now = time.time()
    return {"TrainingJobName": JOB, "TrainingJobArn": f"arn:aws:sagemaker:us-east-1:1:"
                                                     f"training-job/{JOB}",
            "TrainingJobStatus": status, "SecondaryStatus": secondary[-1][0],
            "SecondaryStatusTransitions": [{"Status": s, "StatusMessage": m, "StartTime": now}
                                           for s, m in secondary],
            "HyperParameters": {"max_steps": "1000"}, "CheckpointConfig": {"S3Uri": CKPT},
            "AlgorithmSpecification": {"TrainingInputMode": "File"},
            "ModelArtifacts": {"S3ModelArtifacts": ""}, "ResourceConfig": {
                "InstanceType": "ml.g5.xlarge", "InstanceCount": 1, "VolumeSizeInGB": 30},
            "StoppingCondition": {}, "CreationTime": now, **extra}


def test_watch_streams_logs_in_order_transitions_metrics_previews_then_failure(aws, tmp_path):
    sm = boto3.client("sagemaker")
    stub = Stubber(sm)
    starting = [("Starting", "Preparing the instances")]
    training = starting + [("Downloading", "Downloading input data"),
                           ("Training", "Training image download completed")]
    for desc in (describe("InProgress", starting), describe("InProgress", training),
                 describe("Failed", training + [("Failed", "AlgorithmError")],
                          FailureReason="AlgorithmError: ExecuteUserScriptError")):
        stub.add_response("describe_training_job", desc, {"TrainingJobName": JOB})
    stub.activate()
    now = int(time.time() * 1000)
    put_logs(f"{JOB}/algo-1-1", ["pip installing requirements", "loading 3 files"], now)
    out: list[str] = []
    watcher = Watcher(sm, boto3.client("logs"), boto3.client("s3"), JOB,
                      previews_to=tmp_path / "previews", out=out.append)
    watcher.step()
    assert out == ["== status: InProgress", "== Starting: Preparing the instances",
                   "pip installing requirements", "loading 3 files"]
    # a second stream interleaves by timestamp; a metrics line gives the ETA; a preview lands
    line = format_line({"step": 250, "d_loss": -2.5, "g_loss": 3.0, "gp": 0.2,
                        "steps_per_sec": 2.5, "slices_per_sec": 160})
    put_logs(f"{JOB}/algo-1-1", ["step 1 done", line], now + 100)
    put_logs(f"{JOB}/algo-1-2", ["worker 2 ready"], now + 105)
    s3 = boto3.client("s3")
    key = "wavegan/checkpoints/wavegan-w/previews/step_000250/preview_00.wav"
    s3.put_object(Bucket=BUCKET, Key=key, Body=b"RIFF-fake-wav")
    out.clear()
    watcher.step()
    assert out[:2] == ["== Downloading: Downloading input data",
                       "== Training: Training image download completed"]
    assert out[2:5] == ["step 1 done", "worker 2 ready", line]
    assert out[5] == "-- step 250/1,000 · 2.5 steps/s · d_loss -2.5 · g_loss 3 · gp 0.2 · ETA 5m00s"
    downloaded = tmp_path / "previews" / "step_000250" / "preview_00.wav"
    assert downloaded.read_bytes() == b"RIFF-fake-wav"
    assert out[6] == f"-- preview downloaded: {downloaded.parent}"
    put_logs(f"{JOB}/algo-1-1", [f"Traceback line {i}" for i in range(40)], now + 1000)
    with pytest.raises(JobFailed) as failed:
        watcher.run(poll_seconds=0)
    text = str(failed.value)
    assert "AlgorithmError: ExecuteUserScriptError" in text
    assert "last 30 log lines" in text and "Traceback line 39" in text
    assert "Traceback line 9\n" not in text and "Traceback line 10" in text
    stub.assert_no_pending_responses()


def test_stop_asks_sagemaker_and_refuses_finished_jobs():
    from trainer.sagemaker.jobs import stop

    sm = boto3.client("sagemaker", region_name="us-east-1")
    stub = Stubber(sm)
    stub.add_response("describe_training_job", describe("InProgress", [("Training", "")]),
                      {"TrainingJobName": JOB})
    stub.add_response("stop_training_job", {}, {"TrainingJobName": JOB})
    stub.add_response("describe_training_job", describe("Completed", [("Completed", "")]),
                      {"TrainingJobName": JOB})
    with stub:
        assert "stop requested" in stop(sm, JOB)
        with pytest.raises(Exception, match="Completed.*nothing to stop"):
            stop(sm, JOB)
        stub.assert_no_pending_responses()


def test_resume_relaunches_on_the_same_checkpoint_prefix(aws):
    from trainer.sagemaker.jobs import resume_options
    from trainer.sagemaker.launch import LaunchOptions, launch

    first = launch(LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET,
                                 role=aws, spot=True, job_name="wavegan-first",
                                 hyperparameters={"dim": 16, "max_steps": 500}))
    sm = boto3.client("sagemaker")
    old = sm.describe_training_job(TrainingJobName=first)
    opts = resume_options(old)
    opts.hyperparameters["max_steps"] = "900"
    second = launch(opts)
    new = sm.describe_training_job(TrainingJobName=second)
    assert second != first and second.startswith("wavegan-first-r")
    assert new["CheckpointConfig"]["S3Uri"] == old["CheckpointConfig"]["S3Uri"]
    assert new["AlgorithmSpecification"]["TrainingImage"] == old["AlgorithmSpecification"][
        "TrainingImage"]
    assert new["EnableManagedSpotTraining"] is True
    assert new["HyperParameters"]["dim"] == "16" and new["HyperParameters"]["max_steps"] == "900"
    train = [[c for c in d["InputDataConfig"] if c["ChannelName"] == "train"] for d in (old, new)]
    assert train[0] == train[1] and len(train[0]) == 1


def test_launch_errors_name_the_fix(aws):
    """ResourceLimitExceeded / PassRole answered by a before-call hook on the SDK's own client;
    the bucket region and AccessDenied checks hit moto for real."""
    from trainer.sagemaker.errors import (
        BucketAccessDenied,
        BucketWrongRegion,
        QuotaExceeded,
        RoleNotPassable,
    )
    from trainer.sagemaker.launch import LaunchOptions, check_bucket_region, launch, make_session
    from trainer.sagemaker.upload import upload_dataset

    opts = LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET, role=aws,
                         spot=True, instance_type="ml.g6e.xlarge", job_name="wavegan-err")
    cases = [("ResourceLimitExceeded", "The account-level service limit 'ml.g6e.xlarge for spot "
              "training job usage' is 0 Instances", QuotaExceeded,
              "doctor --instance-type ml.g6e.xlarge --spot --request-quota"),
             ("AccessDeniedException", "User: arn:aws:iam::1:user/me is not authorized to "
              "perform: iam:PassRole on resource: " + aws, RoleNotPassable, "iam:PassRole")]
    for code, message, cls, fix in cases:
        boto = boto3.Session(region_name="us-east-1")
        answer(boto, "CreateTrainingJob", error(code, message), status=400, service="sagemaker")
        session = make_session(opts, boto)
        with pytest.raises(cls, match=fix.replace(".", r"\.")):
            launch(opts, session)
    s3 = boto3.client("s3")
    s3.create_bucket(Bucket="drums-frankfurt", CreateBucketConfiguration={
        "LocationConstraint": "eu-central-1"})
    with pytest.raises(BucketWrongRegion, match="eu-central-1.*--region eu-central-1"):
        check_bucket_region(s3, "drums-frankfurt", "us-east-1")
    denied = boto3.client("s3")
    answer(denied, "HeadObject", error("403", "Forbidden"), status=403)
    from trainer.sagemaker.errors import Context, aws_errors

    with pytest.raises(BucketAccessDenied, match="contains 'sagemaker'"):
        with aws_errors(Context(bucket="my-drums")):
            upload_dataset(denied, _one_wav_folder(), "my-drums", "wavegan/data")


def _one_wav_folder():
    import tempfile
    from pathlib import Path

    import numpy as np
    import soundfile as sf

    folder = Path(tempfile.mkdtemp())
    sf.write(folder / "a.wav", np.zeros(1600, np.float32), 16000)
    return folder


def test_stubbed_describe_is_complete():
    """The hand-written describe() responses validate against the real SageMaker model."""
    sm = boto3.client("sagemaker", region_name="us-east-1")
    with Stubber(sm) as stub:
        stub.add_response("describe_training_job", describe("InProgress", [("Starting", "")]),
                          {"TrainingJobName": ANY})
        assert sm.describe_training_job(TrainingJobName=JOB)["TrainingJobStatus"] == "InProgress"


def test_billing_line_shows_training_vs_billable_time_and_spot_savings():
    from trainer.costs import INSTANCE_TYPES
    from trainer.sagemaker.billing import billing_line

    rate = INSTANCE_TYPES["ml.g5.xlarge"].on_demand_per_hour
    spot = describe("Completed", [("Completed", "")], EnableManagedSpotTraining=True,
                    TrainingTimeInSeconds=3600, BillableTimeInSeconds=1260)
    assert billing_line(spot) == (
        f"time: 1h00m training, 21m00s billable ≈ ${1260 / 3600 * rate:.2f} at ${rate:.2f}/h "
        f"on-demand; spot saved 65% ≈ ${2340 / 3600 * rate:.2f}")
    on_demand = describe("Completed", [("Completed", "")], TrainingTimeInSeconds=1800,
                         BillableTimeInSeconds=1800)
    assert billing_line(on_demand) == (f"time: 30m00s training, 30m00s billable ≈ "
                                       f"${rate / 2:.2f} at ${rate:.2f}/h on-demand")
    two = {**on_demand, "ResourceConfig": {**on_demand["ResourceConfig"], "InstanceCount": 2}}
    assert f"at ${2 * rate:.2f}/h" in billing_line(two)
    unknown = {**spot, "ResourceConfig": {"InstanceType": "ml.x9.huge", "InstanceCount": 1,
                                          "VolumeSizeInGB": 30}}
    assert billing_line(unknown).endswith("(no price for ml.x9.huge in trainer/costs.py); "
                                          "spot saved 65%")
    assert billing_line(describe("InProgress", [("Training", "")])) == ""


def test_watch_reports_the_billing_once_the_job_has_it(aws):
    sm = boto3.client("sagemaker")
    stub = Stubber(sm)
    stub.add_response("describe_training_job", describe("InProgress", [("Training", "")]),
                      {"TrainingJobName": JOB})
    done = describe("Completed", [("Training", ""), ("Completed", "")],
                    EnableManagedSpotTraining=True, TrainingTimeInSeconds=7200,
                    BillableTimeInSeconds=2520)
    stub.add_response("describe_training_job", done, {"TrainingJobName": JOB})
    out: list[str] = []
    with stub:
        watcher = Watcher(sm, boto3.client("logs"), boto3.client("s3"), JOB, out=out.append)
        watcher.step()
        assert not any("billable" in x for x in out)
        watcher.run(poll_seconds=0)
    billed = [x for x in out if "billable" in x]
    assert len(billed) == 1 and billed[0].startswith("== time: 2h00m training, 42m00s billable")
    assert "spot saved 65%" in billed[0]


def test_status_and_watch_cli_show_the_spot_savings(aws, tmp_path):
    """Against moto, whose DescribeTrainingJob lacks the times until the test's client plugin
    adds what AWS reports (tests/moto_server.py)."""
    import os
    import subprocess
    import sys

    from tests.moto_server import TIMES_ENV
    from trainer.sagemaker.launch import LaunchOptions, launch

    job = launch(LaunchOptions(data_s3=f"s3://{BUCKET}/wavegan/data/", bucket=BUCKET, role=aws,
                               spot=True, job_name="wavegan-billed"))
    env = {**os.environ, "WAVEGAN_SAGEMAKER_CONFIG": str(tmp_path / "none.toml")}

    def wavegan(*args, **extra):
        return subprocess.run([sys.executable, "-m", "wavegan.cli", "sagemaker", *args],
                              env={**env, **extra}, capture_output=True, text=True, timeout=120)

    plain = wavegan("status", job)
    assert plain.returncode == 0 and "billable" not in plain.stdout   # moto reports no times
    status = wavegan("status", job, **{TIMES_ENV: "3600,1260"})
    assert status.returncode == 0, status.stderr[-2000:]
    assert "time: 1h00m training, 21m00s billable" in status.stdout
    assert "spot saved 65% ≈ $0.92" in status.stdout   # 39 min at ml.g5.xlarge's $1.408/h
    watch = wavegan("watch", job, "--poll", "0", "--previews-to", str(tmp_path),
                    **{TIMES_ENV: "3600,3600"})
    assert watch.returncode == 0, watch.stderr[-2000:]
    assert "== time: 1h00m training, 1h00m billable" in watch.stdout
    assert "spot saved 0% ≈ $0.00" in watch.stdout
