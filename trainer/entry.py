"""The SageMaker container entry point (also runs locally): ``python -m trainer.entry``.

Reads the SageMaker training-toolkit environment:

- ``SM_CHANNEL_TRAIN``  the audio folder (or ``--data``)
- ``SM_MODEL_DIR``      receives the playing generator of every checkpoint written (timed ones
  too), so the model.tar.gz SageMaker uploads holds a generator even when the job is killed at
  ``MaxRuntimeInSeconds`` or by StopTrainingJob (the SIGTERM goes to the SDK's bash wrapper,
  which does not forward it); the launcher also passes ``max_time`` so jobs usually end cleanly
- ``SM_OUTPUT_DATA_DIR`` receives metrics.jsonl and the loss-curve PNG (output.tar.gz)
- ``SM_HPS``            hyperparameters as JSON; argv ``--key value`` pairs win over it
- ``SM_HOSTS`` / ``SM_CURRENT_HOST``  several hosts → ``TF_CONFIG`` for
  MultiWorkerMirroredStrategy

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
import shutil
import sys
from pathlib import Path
from typing import Any

from trainer.model_export import ModelExporter, export_model
from wavegan.errors import USER_ERRORS, UserError

log = logging.getLogger("wavegan.train")

DEFAULT_CHECKPOINT_ROOT = "/opt/ml/checkpoints"
WORKER_PORT = 2223
# Keys the entry point consumes itself; every other key is a run-config field.
OWN_KEYS = ("data", "checkpoint_root", "model_dir", "output_dir", "config", "cache_dir")


def parse_hyperparameters(argv: list[str], env: dict[str, str]) -> dict[str, Any]:
    """``SM_HPS`` JSON, then ``--key value`` / ``--key=value`` pairs from argv; keys with ``_``."""
    params: dict[str, Any] = {}
    if env.get("SM_HPS"):
        try:
            hps = json.loads(env["SM_HPS"])
        except json.JSONDecodeError as exc:
            raise UserError(f"SM_HPS is not valid JSON: {exc}") from exc
        params.update({k.replace("-", "_"): v for k, v in hps.items()})
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


def tf_config_from_sagemaker(env: dict[str, str], port: int = WORKER_PORT) -> dict | None:
    """``TF_CONFIG`` for MultiWorkerMirroredStrategy from ``SM_HOSTS``/``SM_CURRENT_HOST``
    (None for a single host)."""
    hosts = json.loads(env.get("SM_HOSTS") or "[]")
    current = env.get("SM_CURRENT_HOST")
    if len(hosts) < 2 or current not in hosts:
        return None
    hosts = sorted(hosts)
    return {"cluster": {"worker": [f"{h}:{port}" for h in hosts]},
            "task": {"type": "worker", "index": hosts.index(current)}}


def main(argv: list[str] | None = None, env: dict[str, str] | None = None) -> int:
    """Train from SageMaker's environment; 0 on success (also after SIGTERM), 1 on bad input."""
    env = dict(os.environ if env is None else env)
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    try:
        return _main(argv, env)
    except USER_ERRORS as exc:
        print(f"error: {exc}", file=sys.stderr, flush=True)
        return 1


def _main(argv: list[str], env: dict[str, str]) -> int:
    from trainer.config import resolve_run_config
    from trainer.loop import StopRequest, handle_signals, train
    from trainer.monitor import loss_curve_png
    from trainer.styles import with_styles
    from trainer.train_cli import dataset_fn
    params = parse_hyperparameters(argv, env)
    data = params.pop("data", None) or env.get("SM_CHANNEL_TRAIN")
    root = Path(params.pop("checkpoint_root", None) or env.get("WAVEGAN_CHECKPOINT_ROOT")
                or DEFAULT_CHECKPOINT_ROOT)
    model_dir = params.pop("model_dir", None) or env.get("SM_MODEL_DIR")
    output_dir = params.pop("output_dir", None) or env.get("SM_OUTPUT_DATA_DIR")
    config_file = params.pop("config", None)
    cache_dir = params.pop("cache_dir", None)
    if not data:
        raise UserError("no training data: set SM_CHANNEL_TRAIN or pass --data DIR")
    if not Path(data).exists():
        raise FileNotFoundError(f"training data {data}: no such file or folder")
    tf_config = tf_config_from_sagemaker(env)
    if tf_config is not None and "TF_CONFIG" not in os.environ:
        os.environ["TF_CONFIG"] = json.dumps(tf_config)
        log.info("multi-worker training: TF_CONFIG=%s", os.environ["TF_CONFIG"])
    run = with_styles(resolve_run_config(root, config_file, params), data)
    if run.train.progress == "auto":
        run.train.progress = "off"  # CloudWatch is not a terminal
    stop = StopRequest()
    exporter = ModelExporter(Path(model_dir)) if model_dir else None
    with handle_signals(stop):
        result = train(run, root, dataset_fn(data, run, cache_dir), stop=stop,
                       on_checkpoint=exporter)
    log.info("stopped at step %d (%s); checkpoint %s", result.step, result.reason,
             result.checkpoint)
    if exporter is not None and result.checkpoint is not None:
        if exporter.exported != result.checkpoint:   # e.g. resumed with nothing left to do
            export_model(result.checkpoint, exporter.model_dir)
        log.info("final generator → %s", exporter.model_dir)
    if output_dir:
        out = Path(output_dir)
        out.mkdir(parents=True, exist_ok=True)
        if (root / "metrics.jsonl").is_file():
            shutil.copy2(root / "metrics.jsonl", out / "metrics.jsonl")
            loss_curve_png(out / "metrics.jsonl", out / "loss_curve.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
