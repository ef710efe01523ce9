"""Job queries and artifacts: status, list, and download/unpack of model.tar.gz."""

from __future__ import annotations

import logging
import re
import shutil
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from wavegan.checkpoint import STEP_DIR, Checkpoint, CheckpointError, load_checkpoint
from wavegan.errors import UserError

log = logging.getLogger("wavegan.sagemaker")


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


def download(sm, s3, job: str, to: str | Path,
             say: Callable[[str], None] | None = None) -> Checkpoint:
    """Unpack the job's model.tar.gz into ``to`` and return the loaded checkpoint. When the
    artefact is missing or holds no checkpoint (a job killed before its first export, or one
    still running), export the playing generator of the newest ``step_*`` checkpoint under the
    job's checkpoint prefix instead, and ``say`` so."""
    desc = describe(sm, job)
    to = Path(to)
    if to.exists():
        raise UserError(f"{to} exists; choose a new --to folder")
    with tempfile.TemporaryDirectory() as tmp:
        src = _from_model_artifact(s3, desc, Path(tmp))
        if src is None:
            found = _from_checkpoints(s3, desc, Path(tmp))
            if found is None:
                ckpt = desc.get("CheckpointConfig", {}).get("S3Uri", "(no checkpoint prefix)")
                raise UserError(f"{status_line(desc)}: no model artifact with a checkpoint yet, "
                                f"and no complete step_* checkpoint under {ckpt}")
            src, uri = found
            if say is not None:
                say(f"the model artifact holds no checkpoint; using the newest training "
                    f"checkpoint {uri}")
        to.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(src, to)
    return load_checkpoint(to)


def _from_model_artifact(s3, desc: dict[str, Any], tmp: Path) -> Path | None:
    """The checkpoint folder inside the job's model.tar.gz, or None when there is none."""
    from botocore.exceptions import ClientError

    uri = desc.get("ModelArtifacts", {}).get("S3ModelArtifacts")
    if not uri:
        return None
    bucket, key = uri[5:].split("/", 1)
    archive = tmp / "model.tar.gz"
    try:
        s3.download_file(bucket, key, str(archive))
    except ClientError as exc:
        if str(exc.response.get("Error", {}).get("Code")) in ("404", "NoSuchKey"):
            return None
        raise
    unpack = tmp / "unpacked"
    try:
        with tarfile.open(archive) as tar:
            _safe_extract(tar, unpack)
    except tarfile.ReadError as exc:
        raise UserError(f"{uri} is not a tar.gz archive ({exc})") from None
    metas = sorted(unpack.rglob("model.json"))
    return metas[0].parent if metas else None


def _from_checkpoints(s3, desc: dict[str, Any], tmp: Path) -> tuple[Path, str] | None:
    """The playing generator of the newest checkpoint under the job's CheckpointConfig prefix
    that loads (only its model.json and playing weights are downloaded), exported as a serving
    checkpoint; with its S3 URI. None when there is none."""
    from botocore.exceptions import ClientError

    from trainer.model_export import export_model

    uri = desc.get("CheckpointConfig", {}).get("S3Uri")
    if not uri:
        return None
    bucket, _, prefix = uri[5:].partition("/")
    prefix = prefix.rstrip("/") + "/checkpoints/" if prefix.strip("/") else "checkpoints/"
    steps: dict[int, str] = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        for obj in page.get("Contents", []):
            step_dir, _, leaf = obj["Key"][len(prefix):].partition("/")
            m = STEP_DIR.match(step_dir)
            if m and leaf == "model.json":
                steps[int(m.group(1))] = obj["Key"][:-len("model.json")]
    for step in sorted(steps, reverse=True):
        local = tmp / "checkpoints" / f"step_{step:06d}"
        local.mkdir(parents=True)
        s3.download_file(bucket, steps[step] + "model.json", str(local / "model.json"))
        try:
            name = load_checkpoint(local).playing_name + ".npz"
            s3.download_file(bucket, steps[step] + name, str(local / name))
            return export_model(local, tmp / "export"), f"s3://{bucket}/{steps[step]}"
        except (CheckpointError, OSError, ClientError) as exc:
            log.warning("skipping s3://%s/%s: %s", bucket, steps[step], exc)
    return None


def stop(sm, job: str) -> str:
    """Ask SageMaker to stop a running job (it uploads checkpoints, then ends as Stopped)."""
    desc = describe(sm, job)
    if desc["TrainingJobStatus"] not in ("InProgress", "Stopping"):
        raise UserError(f"{status_line(desc)}: nothing to stop")
    sm.stop_training_job(TrainingJobName=job)
    return (f"{job}: stop requested. SageMaker sends the training process SIGTERM: it finishes "
            f"its step, saves a checkpoint and the model, and SageMaker uploads both; `wavegan "
            f"sagemaker download {job}` fetches the model once the job has stopped, `wavegan "
            f"sagemaker resume {job}` continues it")


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
    base = re.sub(r"-\d{14}$", "", job)[:40].rstrip("-")
    return base if base.endswith("-r") else f"{base}-r"
