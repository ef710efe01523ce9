"""Job queries and artifacts: status, list, and download/unpack of model.tar.gz."""

from __future__ import annotations

import tarfile
import tempfile
from pathlib import Path
from typing import Any

from wavegan.checkpoint import Checkpoint, load_checkpoint
from wavegan.errors import UserError


def describe(sm, job: str) -> dict[str, Any]:
    from botocore.exceptions import ClientError

    try:
        return sm.describe_training_job(TrainingJobName=job)
    except ClientError as exc:  # AWS answers ValidationException "…not found" for a bad name
        err = exc.response.get("Error", {})
        if err.get("Code") in ("ResourceNotFound", "ValidationException") and (
                "not find" in err.get("Message", "") or "not found" in err.get("Message", "")):
            raise UserError(f"no training job named {job!r} in this region") from None
        raise


def status_line(desc: dict[str, Any]) -> str:
    line = f"{desc['TrainingJobName']}: {desc['TrainingJobStatus']}"
    if desc.get("SecondaryStatus"):
        line += f" ({desc['SecondaryStatus']})"
    if desc.get("FailureReason"):
        line += f" — {desc['FailureReason']}"
    return line


def list_jobs(sm, max_results: int = 20) -> list[dict[str, Any]]:
    out = sm.list_training_jobs(NameContains="wavegan", SortBy="CreationTime",
                                SortOrder="Descending", MaxResults=max_results)
    return out.get("TrainingJobSummaries", [])


def _safe_extract(tar: tarfile.TarFile, dest: Path) -> None:
    root = dest.resolve()
    for member in tar.getmembers():
        target = (dest / member.name).resolve()
        if root not in target.parents and target != root:
            raise UserError(f"model.tar.gz has an entry outside the archive: {member.name}")
        if member.issym() or member.islnk():
            raise UserError(f"model.tar.gz contains a link ({member.name}); refusing it")
    tar.extractall(dest)


def download(sm, s3, job: str, to: str | Path) -> Checkpoint:
    """Fetch the job's model.tar.gz, unpack it into ``to`` and return the loaded checkpoint."""
    desc = describe(sm, job)
    uri = desc.get("ModelArtifacts", {}).get("S3ModelArtifacts")
    if not uri:
        raise UserError(f"{status_line(desc)}: no model artifact yet")
    bucket, key = uri[5:].split("/", 1)
    to = Path(to)
    with tempfile.TemporaryDirectory() as tmp:
        archive = Path(tmp) / "model.tar.gz"
        s3.download_file(bucket, key, str(archive))
        unpack = Path(tmp) / "unpacked"
        with tarfile.open(archive) as tar:
            _safe_extract(tar, unpack)
        metas = sorted(unpack.rglob("model.json"))
        if not metas:
            raise UserError(f"{uri} holds no wavegan checkpoint (no model.json)")
        src = metas[0].parent
        to.parent.mkdir(parents=True, exist_ok=True)
        if to.exists():
            raise UserError(f"{to} exists; choose a new --to folder")
        import shutil

        shutil.copytree(src, to)
    return load_checkpoint(to)


def stop(sm, job: str) -> str:
    """Ask SageMaker to stop a running job (it uploads checkpoints, then ends as Stopped)."""
    desc = describe(sm, job)
    if desc["TrainingJobStatus"] not in ("InProgress", "Stopping"):
        raise UserError(f"{status_line(desc)}: nothing to stop")
    sm.stop_training_job(TrainingJobName=job)
    return f"{job}: stop requested (checkpoints are uploaded before it ends)"


def resume_options(desc: dict[str, Any], *, job_name: str = ""):
    """Launch options for a new job that continues ``desc``'s run: same data, image, instance,
    spot settings, hyperparameters and — so training resumes — the same checkpoint S3 prefix."""
    from trainer.sagemaker.launch import LaunchOptions

    ckpt = desc.get("CheckpointConfig", {}).get("S3Uri")
    if not ckpt:
        raise UserError(f"{desc['TrainingJobName']} has no checkpoint prefix to resume from")
    channels = [c for c in desc.get("InputDataConfig", []) if c["ChannelName"] == "train"]
    if not channels:
        raise UserError(f"{desc['TrainingJobName']} has no 'train' input channel")
    output = desc["OutputDataConfig"]["S3OutputPath"]
    bucket, _, key = output[5:].partition("/")
    stopping = desc.get("StoppingCondition", {})
    resources = desc["ResourceConfig"]
    hps = {k: v.strip('"') for k, v in desc.get("HyperParameters", {}).items()
           if not k.startswith("sagemaker_")}
    spot = bool(desc.get("EnableManagedSpotTraining"))
    return LaunchOptions(
        data_s3=channels[0]["DataSource"]["S3DataSource"]["S3Uri"], bucket=bucket,
        prefix=key.strip("/").removesuffix("/output").removesuffix("output") or "wavegan",
        role=desc["RoleArn"], region=desc["TrainingJobArn"].split(":")[3],
        instance_type=resources["InstanceType"], instance_count=resources["InstanceCount"],
        spot=spot, max_run_seconds=stopping.get("MaxRuntimeInSeconds", 6 * 3600),
        max_wait_seconds=stopping.get("MaxWaitTimeInSeconds") or 12 * 3600,
        job_name=job_name or resumed_name(desc["TrainingJobName"]), checkpoint_s3=ckpt,
        hyperparameters=hps, custom_image=desc["AlgorithmSpecification"]["TrainingImage"],
        tags={"resumes": desc["TrainingJobName"]})


def resumed_name(job: str) -> str:
    """``wavegan-x-20261124101500`` → ``wavegan-x-r`` (the SDK appends a fresh timestamp)."""
    import re

    base = re.sub(r"-\d{14}$", "", job)[:40].rstrip("-")
    return base if base.endswith("-r") else f"{base}-r"
