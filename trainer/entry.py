r"""The SageMaker container entry point (also runs locally): ``python -m trainer.entry``.

Reads the SageMaker training-toolkit environment:

- ``SM_CHANNEL_TRAIN``  the audio folder (or ``--data``)
- ``SM_MODEL_DIR``      receives the playing generator of every checkpoint written (timed ones
  too), so the model.tar.gz SageMaker uploads holds a generator however the job ends; the
  launcher also passes ``max_time`` so jobs usually end cleanly before MaxRuntime
- ``SM_OUTPUT_DATA_DIR`` receives metrics.jsonl and the loss-curve PNG (output.tar.gz)
- ``SM_HPS``            hyperparameters as JSON (the SDK's ``environment.py`` turns their string
  values into JSON types; they are read back as strings); argv ``--key value`` pairs win
- ``SM_OUTPUT_FAILURE`` where a failed run writes its error (SageMaker's FailureReason)
- ``SM_HOSTS`` / ``SM_CURRENT_HOST``  several hosts → ``TF_CONFIG`` for
  MultiWorkerMirroredStrategy (:func:`tf_config_from_sagemaker`; port 2223 or
  ``WAVEGAN_WORKER_PORT``); the first host is the chief (``trainer.distributed``)
- ``SM_CURRENT_INSTANCE_TYPE`` (or ``resourceconfig.json``)  on a GPU instance type the entry
  point stops at once with a one-line error when TensorFlow sees no GPU
  (``WAVEGAN_ALLOW_CPU=1`` lets it train on the CPU anyway)

It turns these into a :class:`trainer.run.TrainJob` and calls :func:`trainer.run.train`, the
same function ``wavegan train`` calls.

Stops: in the container this process is PID 1 (the launcher's command ``exec``\ s it in place
of the SDK's shell, see ``trainer/sagemaker/bundle.py``), so SageMaker's SIGTERM comes here.
:func:`main` catches SIGTERM from its first line (:class:`EarlyStop`: a stop during the
TensorFlow import or the data check is kept, not lost — PID 1 has no default action to fall
back on), hands it to the training loop, which finishes the step, saves a checkpoint and the
model, and returns 0 — well inside the 120 s before SIGKILL.

Hyperparameter keys are the config dataclass field names (``dim``, ``max_steps``, ``loss`` …,
``-`` or ``_``), values are strings. Checkpoints, previews and metrics go to the run directory
``--checkpoint-root`` (env ``WAVEGAN_CHECKPOINT_ROOT``, default ``/opt/ml/checkpoints``), which
SageMaker syncs to S3 while the job runs and restores after a spot interruption, so a restarted
job resumes from it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wavegan.cpu_memory import pool_cpu_memory
from wavegan.errors import USER_ERRORS, UserError
from wavegan.quiet import TRUE_WORDS, quiet_tensorflow, startup_lines

if TYPE_CHECKING:
    from trainer.loop import StopRequest
    from trainer.run import TrainJob

log = logging.getLogger("wavegan.train")

DEFAULT_CHECKPOINT_ROOT = "/opt/ml/checkpoints"
RESOURCE_CONFIG = Path("/opt/ml/input/config/resourceconfig.json")
ALLOW_CPU = "WAVEGAN_ALLOW_CPU"
GPU_FAMILY = re.compile(r"^ml\.[gp]\d")
WORKER_PORT = 2223
WORKER_PORT_ENV = "WAVEGAN_WORKER_PORT"
WORKER_ADDRESSES_ENV = "WAVEGAN_WORKER_ADDRESSES"


def parse_hyperparameters(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """``SM_HPS`` JSON, then ``--key value`` / ``--key=value`` pairs from argv; keys with ``_``."""
    params: dict[str, Any] = {}
    if env.get("SM_HPS"):
        try:
            hps = json.loads(env["SM_HPS"])
        except json.JSONDecodeError as exc:
            raise UserError(f"SM_HPS is not valid JSON: {exc}") from exc
        params.update({k.replace("-", "_"): v if isinstance(v, str) else json.dumps(v)
                       for k, v in hps.items()})
    i = 0
    while i < len(argv):
        arg = argv[i]
        if not arg.startswith("--"):
            raise UserError(f"unexpected argument {arg!r}: hyperparameters are --key value")
        key, sep, value = arg[2:].partition("=")
        if not sep:
            if i + 1 >= len(argv):
                raise UserError(f"--{key} needs a value")
            value = argv[i + 1]
            i += 1
        params[key.replace("-", "_")] = value
        i += 1
    return params


def tf_config_from_sagemaker(env: Mapping[str, str], port: int | None = None) -> dict | None:
    """``TF_CONFIG`` for MultiWorkerMirroredStrategy from ``SM_HOSTS``/``SM_CURRENT_HOST``
    (None for a single host). Workers are the hosts in sorted order (``algo-1`` first: the
    chief), each at ``host:port``; the port is ``port``, else ``WAVEGAN_WORKER_PORT``, else
    2223. ``WAVEGAN_WORKER_ADDRESSES`` (JSON ``{"algo-1": "127.0.0.1:4001", …}``) gives hosts
    other addresses, e.g. several workers on one machine in a test."""
    hosts = json.loads(env.get("SM_HOSTS") or "[]")
    current = env.get("SM_CURRENT_HOST")
    if len(hosts) < 2:
        return None
    if current not in hosts:
        raise UserError(f"SM_CURRENT_HOST={current!r} is not one of SM_HOSTS {hosts}")
    try:
        port = port or int(env.get(WORKER_PORT_ENV) or WORKER_PORT)
        addresses = json.loads(env.get(WORKER_ADDRESSES_ENV) or "{}")
    except ValueError as exc:
        raise UserError(f"{WORKER_PORT_ENV} / {WORKER_ADDRESSES_ENV}: {exc}") from None
    hosts = sorted(hosts)
    return {"cluster": {"worker": [addresses.get(h) or f"{h}:{port}" for h in hosts]},
            "task": {"type": "worker", "index": hosts.index(current)}}


def instance_type(env: Mapping[str, str], resource_config: Path = RESOURCE_CONFIG) -> str | None:
    """The SageMaker instance type this container runs on (``SM_CURRENT_INSTANCE_TYPE``, else
    ``resourceconfig.json``), or None outside SageMaker."""
    if env.get("SM_CURRENT_INSTANCE_TYPE"):
        return env["SM_CURRENT_INSTANCE_TYPE"]
    try:
        return json.loads(resource_config.read_text()).get("current_instance_type") or None
    except (OSError, ValueError, AttributeError):
        return None


def expected_gpus(itype: str | None) -> int:
    """GPUs an instance type has: the cost table's count; other ``ml.g*`` / ``ml.p*`` types
    have at least one; anything else none."""
    from trainer.costs import INSTANCE_TYPES

    if not itype:
        return 0
    if itype in INSTANCE_TYPES:
        return INSTANCE_TYPES[itype].gpus
    return 1 if GPU_FAMILY.match(itype) else 0


def visible_gpus() -> int:
    import tensorflow as tf

    return len(tf.config.list_physical_devices("GPU"))


def require_gpu(env: Mapping[str, str], count: Callable[[], int] = visible_gpus,
                resource_config: Path = RESOURCE_CONFIG) -> None:
    """On a GPU instance type, stop at once (UserError) if TensorFlow sees no GPU: training on
    the CPU at GPU prices is never what the user paid for. ``WAVEGAN_ALLOW_CPU=1`` lets it."""
    itype = instance_type(env, resource_config)
    want = expected_gpus(itype)
    if not want or env.get(ALLOW_CPU, "").strip().lower() in TRUE_WORDS:
        return
    seen = count()
    if seen == 0:
        said = [line.split("] ", 1)[-1].rstrip(".") for line in startup_lines()
                if "cuInit" in line or "cuda" in line.lower()]
        raise UserError(f"{itype} has {want} GPU(s) but TensorFlow sees none, so this job would "
                        "train on the CPU at GPU prices; stopped before training"
                        + (f" (TensorFlow: {said[-1]})" if said else "")
                        + f". Set {ALLOW_CPU}=1 to train on the CPU anyway")
    if seen < want:
        log.warning("%s has %d GPUs but TensorFlow sees %d", itype, want, seen)


def job_from_sagemaker(params: dict[str, Any], env: Mapping[str, str]) -> TrainJob:
    """The training job from SageMaker's environment and the hyperparameters (``params`` is
    consumed: the entry point's own keys are popped, the rest are run-config overrides)."""
    from trainer.run import TrainJob

    data = params.pop("data", None) or env.get("SM_CHANNEL_TRAIN")
    if not data:
        raise UserError("no training data: set SM_CHANNEL_TRAIN or pass --data DIR")
    root = (params.pop("checkpoint_root", None) or env.get("WAVEGAN_CHECKPOINT_ROOT")
            or DEFAULT_CHECKPOINT_ROOT)
    return TrainJob(data=data, run_dir=root,
                    model_dir=params.pop("model_dir", None) or env.get("SM_MODEL_DIR"),
                    output_dir=params.pop("output_dir", None) or env.get("SM_OUTPUT_DATA_DIR"),
                    config_file=params.pop("config", None),
                    cache_dir=params.pop("cache_dir", None),
                    overrides=params, headless=True)


class EarlyStop:
    """The SIGTERM handler from the entry point's first line to its last (the training loop's
    own handler takes over while it runs): keeps the stop and passes it on to the loop's
    :class:`~trainer.loop.StopRequest` once there is one, so a stop during start-up ends the
    run before its first step (resumed work is exported, nothing is lost) instead of being
    ignored until SIGKILL."""

    SIGNALS = (signal.SIGTERM,)

    def __init__(self) -> None:
        self.reason = ""
        self.target: StopRequest | None = None
        self._old: dict[int, Any] = {}

    def __call__(self, signum: int, _frame: Any) -> None:
        name = signal.Signals(signum).name
        self.reason = self.reason or name
        if self.target is not None:
            self.target.set(name)
        log.warning("%s: stopping after the current step (a checkpoint is saved)", name)

    def bind(self, stop: StopRequest) -> StopRequest:
        self.target = stop
        if self.reason:
            stop.set(self.reason)
        return stop

    def __enter__(self) -> EarlyStop:
        self._old = {s: signal.signal(s, self) for s in self.SIGNALS}
        return self

    def __exit__(self, *_: Any) -> None:
        for s, h in self._old.items():
            signal.signal(s, h)


def report_failure(env: Mapping[str, str], text: str) -> None:
    """Write ``text`` to ``SM_OUTPUT_FAILURE`` (SageMaker shows it as the FailureReason); the
    SDK's shell did this before the entry point replaced it."""
    path = env.get("SM_OUTPUT_FAILURE")
    if not path:
        return
    try:
        with open(path, "a") as f:
            f.write(text.rstrip("\n") + "\n")
    except OSError as exc:
        log.warning("could not write %s: %s", path, exc)


def warn_unless_pid_1(env: Mapping[str, str], pid: int | None = None) -> None:
    """In a SageMaker job (``TRAINING_JOB_NAME`` set) this process should be the container's
    PID 1, the one SageMaker's SIGTERM goes to; say so when it is not (a job launched with the
    SDK's ``entry_script``, or a shell that forked instead of exec'ing the command)."""
    pid = os.getpid() if pid is None else pid
    if env.get("TRAINING_JOB_NAME") and pid != 1:
        log.warning("this training process is PID %d, not the container's PID 1: a SageMaker "
                    "stop (SIGTERM to PID 1) may not reach it, and the steps since the last "
                    "timed checkpoint would be lost", pid)


def main(argv: list[str] | None = None, env: dict[str, str] | None = None) -> int:
    """Train from SageMaker's environment; 0 on success (also after SIGTERM), 1 on bad input
    or a GPU instance whose GPU TensorFlow cannot see."""
    env = dict(os.environ if env is None else env)
    argv = sys.argv[1:] if argv is None else argv
    with EarlyStop() as early:
        logging.basicConfig(level=logging.INFO, format="%(message)s")
        quiet_tensorflow()
        pool_cpu_memory()
        try:
            return _main(argv, env, early)
        except USER_ERRORS as exc:
            print(f"error: {exc}", file=sys.stderr, flush=True)
            report_failure(env, f"error: {exc}")
            return 1
        except Exception:
            report_failure(env, traceback.format_exc())
            raise


def _main(argv: list[str], env: dict[str, str], early: EarlyStop) -> int:
    from trainer.loop import StopRequest
    from trainer.run import describe, train

    stop = early.bind(StopRequest())
    warn_unless_pid_1(env)
    require_gpu(env)
    job = job_from_sagemaker(parse_hyperparameters(argv, env), env)
    tf_config = tf_config_from_sagemaker(env)
    if tf_config is not None and "TF_CONFIG" not in os.environ:
        os.environ["TF_CONFIG"] = json.dumps(tf_config)
        task = tf_config["task"]["index"]
        log.info("multi-worker training: worker %d of %d (%s; worker 0 writes checkpoints and "
                 "the model), TF_CONFIG=%s", task, len(tf_config["cluster"]["worker"]),
                 env.get("SM_CURRENT_HOST"), os.environ["TF_CONFIG"])
    result = train(job, stop=stop)
    print(describe(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
