r"""Launch a training job with SageMaker SDK v3's ``ModelTrainer`` on AWS's TensorFlow image.

Our code goes in as ``SourceCode`` (packages + requirements.txt + a command that ``exec``\ s
the entry script so that it becomes the container's PID 1 and gets SageMaker's SIGTERM, see
``bundle.py``); managed spot training with a ``CheckpointConfig`` lets an interrupted or
relaunched job resume from ``/opt/ml/checkpoints``; metric definitions come from
``trainer.logline`` so they match the log line the loop prints.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trainer import costs
from trainer.logline import METRIC_REGEXES
from trainer.sagemaker.bundle import ENTRY_COMMAND, stage_bundle
from trainer.sagemaker.errors import BucketWrongRegion, Context, aws_errors, bucket_region_message
from wavegan.errors import UserError

TF_VERSION = "2.21"
PY_VERSION = "py312"
# the lowest SDK whose image table has TF_VERSION: sagemaker 3.22 requires sagemaker-core 2.22,
# the first sagemaker-core that lists tensorflow 2.21 (pyproject.toml pins the same)
SDK_REQUIREMENT = "sagemaker>=3.22,<4"
CHECKPOINT_LOCAL = "/opt/ml/checkpoints"


@dataclass
class LaunchOptions:
    data_s3: str                        # s3://bucket/prefix/ of the uploaded audio
    bucket: str
    prefix: str = "wavegan"
    role: str = ""
    region: str = "us-east-1"
    instance_type: str = "ml.g5.xlarge"
    instance_count: int = 1
    spot: bool = True
    max_run_seconds: int = 6 * 3600
    max_wait_seconds: int = 12 * 3600
    job_name: str = ""                  # prefix; the SDK appends -<YYYYmmddHHMMSS>
    checkpoint_s3: str = ""             # default s3://bucket/prefix/checkpoints/<job>-<time>/
    hyperparameters: dict[str, Any] = field(default_factory=dict)
    custom_image: str = ""
    tags: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.instance_count < 1:
            raise UserError(f"--instance-count {self.instance_count}: at least 1")


def sdk_config() -> dict[str, Any]:
    """The SDK's defaults config as the user has it (their config.yaml files), with telemetry
    opted out unless they opted in: ``WAVEGAN_SAGEMAKER_TELEMETRY=1`` or an explicit
    ``TelemetryOptOut: false`` in their own SDK config."""
    import logging

    from sagemaker.core.config.config import load_sagemaker_config

    logging.getLogger("sagemaker.config").setLevel(logging.WARNING)  # "Not applying …" noise
    config = load_sagemaker_config()
    if os.environ.get("WAVEGAN_SAGEMAKER_TELEMETRY") != "1":
        config.setdefault("SchemaVersion", "1.0")
        modules = config.setdefault("SageMaker", {}).setdefault("PythonSDK", {}).setdefault(
            "Modules", {})
        modules.setdefault("TelemetryOptOut", True)
    return config


def image_uri(region: str, instance_type: str) -> str:
    """AWS's TensorFlow training image for ``region``; a UserError when the SDK has none."""
    from sagemaker.core import image_uris

    try:
        return image_uris.retrieve(framework="tensorflow", region=region, version=TF_VERSION,
                                   py_version=PY_VERSION, image_scope="training",
                                   instance_type=instance_type)
    except ValueError as exc:
        if "Unsupported region" in str(exc):
            raise UserError(f"region {region!r}: the SageMaker SDK knows no TensorFlow "
                            f"{TF_VERSION} training image there; check --region (or upgrade: "
                            f"pip install -U sagemaker), or pass --custom-image URI") from None
        if "version" not in str(exc).lower():
            raise
        raise UserError(f"the installed SageMaker SDK ({sdk_versions()}) does not know AWS's "
                        f"TensorFlow {TF_VERSION} training image: pip install -U "
                        f"'{SDK_REQUIREMENT}' (or pass --custom-image URI)") from None


def sdk_versions() -> str:
    """``sagemaker 3.27.0, sagemaker-core 2.27.0`` as installed."""
    from importlib.metadata import PackageNotFoundError, version

    out = []
    for dist in ("sagemaker", "sagemaker-core"):
        try:
            out.append(f"{dist} {version(dist)}")
        except PackageNotFoundError:
            out.append(f"no {dist}")
    return ", ".join(out)


def time_limit(max_run_seconds: int) -> int:
    """``max_time`` for a job limited to ``max_run_seconds``: the limit minus a margin for what
    counts against it before the loop's clock starts (pip install, TF import, reading the data)
    and for the final checkpoint + export: 10 %, at least 10 and at most 30 minutes, and never
    less than half the limit."""
    margin = min(max(max_run_seconds // 10, 600), 1800)
    return max(max_run_seconds - margin, max_run_seconds // 2)


def with_time_limit(hyperparameters: dict[str, Any], max_run_seconds: int) -> dict[str, Any]:
    """``hyperparameters`` plus ``max_time`` (see :func:`time_limit`) unless the user set one, so
    the loop stops, checkpoints and exports the model before SageMaker kills the container at
    ``MaxRuntimeInSeconds``. Set even with ``max_steps``: whichever comes first ends the job
    cleanly, and ``resume`` continues it."""
    if any(k.replace("-", "_") == "max_time" for k in hyperparameters) or not max_run_seconds:
        return dict(hyperparameters)
    return {**hyperparameters, "max_time": time_limit(max_run_seconds)}


def stop_line(hyperparameters: dict[str, Any], max_run_seconds: int) -> str:
    """What ends the job, said at launch: the loop's ``max_time`` (see :func:`time_limit`) and
    its margin below ``--max-run``, or that a user's own ``max_time`` leaves none."""
    hps = {k.replace("-", "_"): v for k, v in
           with_time_limit(hyperparameters, max_run_seconds).items()}
    if "max_time" not in hps:
        return "stop: no --max-run limit, so no max_time: the job ends at max_steps or `stop`"
    try:
        limit = float(hps["max_time"])
    except (TypeError, ValueError):
        return f"stop: max_time={hps['max_time']!r} is not a number of seconds"
    margin = max_run_seconds - limit
    if margin <= 0:
        return (f"stop: max_time={limit:g} s is not below --max-run {max_run_seconds} s: "
                f"SageMaker's SIGTERM will end it (the current step is saved)")
    return (f"stop: training stops at max_time={limit:g} s ({_hm(limit)}), {_hm(margin)} "
            f"before --max-run {_hm(max_run_seconds)}, for start-up, the final checkpoint and "
            f"the model upload; every checkpoint also refreshes /opt/ml/model")


def _hm(seconds: float) -> str:
    """``5h30m``, ``10m``, ``45s``."""
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "")
    return text or f"{secs}s"


def launch_summary(opts: LaunchOptions) -> str:
    """The cost line and the stop line ``launch`` prints."""
    return "\n".join((cost_line(opts.instance_type, opts.spot, opts.hyperparameters,
                                 opts.max_run_seconds, opts.instance_count),
                       stop_line(opts.hyperparameters, opts.max_run_seconds)))


def hyperparameters_as_strings(values: dict[str, Any]) -> dict[str, str]:
    """SageMaker hyperparameters are strings; the entry point coerces them back by field."""
    return {k: json.dumps(v) if isinstance(v, (dict, list)) else str(v)
            for k, v in values.items() if v is not None}


def build_trainer(opts: LaunchOptions, source_dir: Path, session=None):
    """A configured ``ModelTrainer`` (nothing is sent to AWS yet)."""
    from sagemaker.core.shapes import MetricDefinition, StoppingCondition, Tag
    from sagemaker.core.training.configs import (
        CheckpointConfig,
        Compute,
        OutputDataConfig,
        SourceCode,
    )
    from sagemaker.train import ModelTrainer

    if opts.instance_type not in costs.INSTANCE_TYPES and not opts.custom_image:
        known = ", ".join(costs.INSTANCE_TYPES)
        raise UserError(f"--instance-type {opts.instance_type}: not in the cost table "
                        f"({known}); add it to trainer/costs.py")
    job = opts.job_name or "wavegan"   # the SDK names the job <job>-<YYYYmmddHHMMSS>
    run = f"{job}-{time.strftime('%Y%m%d%H%M%S')}"
    checkpoint = opts.checkpoint_s3 or f"s3://{opts.bucket}/{opts.prefix}/checkpoints/{run}/"
    if not checkpoint.endswith("/"):
        checkpoint += "/"
    trainer = ModelTrainer(
        training_image=opts.custom_image or image_uri(opts.region, opts.instance_type),
        source_code=SourceCode(source_dir=str(source_dir), requirements="requirements.txt",
                               command=ENTRY_COMMAND),  # exec: SIGTERM reaches us (bundle.py)
        compute=Compute(instance_type=opts.instance_type, instance_count=opts.instance_count,
                        enable_managed_spot_training=opts.spot),
        stopping_condition=StoppingCondition(
            max_runtime_in_seconds=opts.max_run_seconds,
            max_wait_time_in_seconds=opts.max_wait_seconds if opts.spot else None),
        checkpoint_config=CheckpointConfig(s3_uri=checkpoint, local_path=CHECKPOINT_LOCAL),
        output_data_config=OutputDataConfig(
            s3_output_path=f"s3://{opts.bucket}/{opts.prefix}/output/"),
        hyperparameters=hyperparameters_as_strings(
            with_time_limit(opts.hyperparameters, opts.max_run_seconds)),
        role=opts.role or None,
        base_job_name=job,
        tags=[Tag(key=k, value=v) for k, v in {"project": "wavegan-drums",
                                                **opts.tags}.items()],
        sagemaker_session=session or make_session(opts),
        environment={"WAVEGAN_CHECKPOINT_ROOT": CHECKPOINT_LOCAL, "PYTHONUNBUFFERED": "1"},
    ).with_metric_definitions([MetricDefinition(name=n, regex=r)
                               for n, r in METRIC_REGEXES.items()])
    return trainer


def make_session(opts: LaunchOptions, boto_session=None):
    """A SageMaker session on ``boto_session`` (pass the settings' one: it carries --profile;
    default: the environment's credentials in ``opts.region``) whose staging bucket is ours (no
    default-bucket probing) and whose SDK config has telemetry off (the SDK reads the opt-out
    from the session's config)."""
    import boto3
    from sagemaker.core.helper.session_helper import Session

    return Session(boto_session=boto_session or boto3.Session(region_name=opts.region),
                   default_bucket=opts.bucket, default_bucket_prefix=f"{opts.prefix}/code",
                   sagemaker_config=sdk_config())


def context(opts: LaunchOptions) -> Context:
    return Context(bucket=opts.bucket, role=opts.role, region=opts.region,
                   instance_type=opts.instance_type, spot=opts.spot)


def check_bucket_region(s3, bucket: str, region: str) -> None:
    """Raise BucketWrongRegion when the bucket lives elsewhere (jobs read it cross-region
    slowly or not at all)."""
    with aws_errors(Context(bucket=bucket, region=region)):
        where = s3.get_bucket_location(Bucket=bucket)["LocationConstraint"] or "us-east-1"
    if where != region:
        raise BucketWrongRegion(bucket_region_message(Context(bucket=bucket, region=region),
                                                      where))


class HyperparametersInSmHps:
    """Drops the SDK's warning that, with a ``command``, hyperparameters are not passed as
    command-line arguments: by design, ``trainer.entry`` reads them from ``SM_HPS``."""

    def filter(self, record) -> bool:
        return "not passed as command-line arguments" not in record.getMessage()


SDK_LOGGER = "sagemaker.core.utils.utils"    # where ModelTrainer logs from
QUIET_HPS_WARNING = HyperparametersInSmHps()


def require_sdk() -> None:
    """A UserError with the install command when the SageMaker SDK is missing."""
    try:
        import sagemaker.train  # noqa: F401
    except ImportError as exc:
        raise UserError(f"the SageMaker SDK is not installed ({exc}): pip install -e "
                        f"'.[sagemaker]' (or pip install '{SDK_REQUIREMENT}')") from None


def launch(opts: LaunchOptions, session=None, boto_session=None) -> str:
    """Create the training job (without waiting) and return its name. ``session``: a SageMaker
    session; else one is made on ``boto_session`` (see :func:`make_session`)."""
    require_sdk()
    import logging

    from sagemaker.core.training.configs import InputData

    logging.getLogger(SDK_LOGGER).addFilter(QUIET_HPS_WARNING)   # adds it once
    session = session or make_session(opts, boto_session)
    with tempfile.TemporaryDirectory() as tmp, aws_errors(context(opts)):
        source = stage_bundle(Path(tmp) / "code")
        trainer = build_trainer(opts, source, session)
        trainer.train(input_data_config=[InputData(channel_name="train",
                                                   data_source=opts.data_s3)],
                      wait=False, logs=False)
        return trainer._latest_training_job.training_job_name


def cost_line(instance_type: str, spot: bool, hyperparameters: dict[str, Any],
              max_run_seconds: int | None = None, instance_count: int = 1) -> str:
    """Price per hour and to completion from trainer/costs.py, scaled to the model size in the
    hyperparameters and to ``instance_count`` machines of the type (its GPUs are replicas: the
    global batch is ``batch_size`` × GPUs, at the table's assumed scaling efficiency).
    ``max_steps`` counts global steps; without it, the estimate is for the slices of 200k
    one-GPU steps. Notes where ``--max-run`` cuts it."""
    inst = costs.INSTANCE_TYPES.get(instance_type)
    if inst is None:
        return f"cost: {instance_type} is not in trainer/costs.py (no estimate)"

    def num(key: str, default: float) -> float:
        try:
            return float(hyperparameters.get(key, default))
        except (TypeError, ValueError):
            return default

    batch = int(num("batch_size", costs.REF_BATCH))
    one_gpu = costs.scaled_steps_per_sec(
        inst, dim=int(num("dim", costs.REF_DIM)), slice_len=int(num("slice_len",
                                                                     costs.REF_SLICE_LEN)),
        batch_size=batch, n_critic=int(num("n_critic", costs.REF_N_CRITIC)),
        spec_critic=int(num("spec_critic", 0)))
    cluster = costs.Cluster(inst, instance_count)
    one_gpu_steps = int(num("max_steps", 0)) * cluster.replicas or 200_000
    steps, hours, dollars = costs.cluster_estimate(cluster, one_gpu_steps, one_gpu, spot)
    sps, price = cluster.steps_per_sec(one_gpu), cluster.per_hour(spot)
    kind = f"spot, assuming {inst.spot_discount:.0%} off" if spot else "on-demand"
    text = (f"cost: ~${price:.2f}/h on {cluster.describe()} ({kind}); {steps:,} steps"
            + (f" of global batch {batch * cluster.replicas} ({batch} per GPU)"
               if cluster.replicas > 1 else "")
            + f" at ~{sps:.2g} steps/s ≈ {hours:.1f} h ≈ ${dollars:,.0f} (assumed speeds, "
            "trainer/costs.py)")
    if max_run_seconds and hours * 3600 > max_run_seconds:
        limit = max_run_seconds / 3600
        text += (f"; --max-run {limit:g}h ends it near step {int(sps * max_run_seconds):,} "
                 f"(~${limit * price:,.0f}; `resume` continues)")
    return text
