"""Several GPUs and several machines: the strategy, who writes, the global batch, agreed stops.

- :func:`pick_strategy`: ``MultiWorkerMirroredStrategy`` when ``TF_CONFIG`` names several
  workers (the SageMaker entry point builds it from ``SM_HOSTS`` / ``SM_CURRENT_HOST``),
  ``MirroredStrategy`` with several GPUs, else TensorFlow's default (one device).
- Every GPU is a replica that trains on the run's ``batch_size``: the *global* batch is
  ``batch_size × replicas`` (:func:`batch_line` says so in the log).
- One chief (worker 0, the first host) writes the run directory: checkpoints, previews, the
  exported model, metrics. The other workers read the run directory to resume but write into a
  scratch directory of their own (:func:`scratch_dir`, removed when they end), TensorFlow's
  multi-worker checkpoint convention: on SageMaker every host's ``/opt/ml/checkpoints`` is
  synced to the same S3 prefix, so only one may write there.
- Stops: a worker that wants to stop (SIGTERM, SIGINT, ``max_time`` on its own clock) must not
  simply leave, or the others wait for it in the next collective for ever. :class:`StopVote`
  puts every worker's wish into the step itself (a summed flag vector, one tiny all-reduce
  beside the gradients'), so after that step every worker knows and all stop at the same
  step. ``max_steps`` needs no vote: every worker counts the same steps.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import tensorflow as tf

from wavegan.errors import UserError

# The stop vote's flag vector: index → what a worker may want.
WISHES = ("request", "max_time")   # request: SIGTERM / SIGINT / a StopRequest set by a caller


def tf_config_workers(environ=os.environ) -> int:
    """Workers ``TF_CONFIG`` names (0 when unset)."""
    cluster = json.loads(environ.get("TF_CONFIG") or "{}").get("cluster", {})
    return len(cluster.get("worker", [])) + len(cluster.get("chief", []))


def pick_strategy():
    """MultiWorkerMirrored when TF_CONFIG names several workers, Mirrored with several GPUs,
    else the default (single device) strategy."""
    if tf_config_workers() > 1:
        return tf.distribute.MultiWorkerMirroredStrategy()
    if len(tf.config.list_logical_devices("GPU")) > 1:
        return tf.distribute.MirroredStrategy()
    return tf.distribute.get_strategy()


def worker_index(strategy) -> int:
    """This worker's index in the cluster (0 with one worker); a ``chief`` task is 0."""
    resolver = getattr(strategy, "cluster_resolver", None)
    task_type = getattr(resolver, "task_type", None)
    if resolver is None or not task_type or task_type == "chief":
        return 0
    return int(resolver.task_id or 0) + (1 if resolver.cluster_spec().as_dict().get("chief")
                                         else 0)


def workers(strategy) -> int:
    """How many worker processes train together (1 without a cluster)."""
    resolver = getattr(strategy, "cluster_resolver", None)
    if resolver is None or not getattr(resolver, "task_type", None):
        return 1
    spec = resolver.cluster_spec().as_dict()
    return max(1, len(spec.get("worker", [])) + len(spec.get("chief", [])))


def is_chief(strategy) -> bool:
    return worker_index(strategy) == 0


def scratch_dir(strategy) -> Path:
    """Where a non-chief worker writes what the chief writes to the run directory."""
    return Path(tempfile.gettempdir()) / f"wavegan-worker-{worker_index(strategy)}-{os.getpid()}"


def batch_line(strategy, batch_size: int) -> str:
    """The log line that says the global batch: ``batch_size`` per replica × replicas."""
    replicas = strategy.num_replicas_in_sync
    if replicas == 1:
        return f"batch {batch_size} (one replica)"
    n = workers(strategy)
    where = f"{n} workers" if n > 1 else "one machine"
    return (f"global batch {batch_size * replicas} = {batch_size} per replica × {replicas} "
            f"replicas ({where}, {type(strategy).__name__})")


def shard_by_data(ds, strategy):
    """Across workers, every worker reads the same stream and keeps its own share of each
    global batch (``AutoShardPolicy.DATA``): file sharding would need at least as many files
    as workers, and the chief's checkpoint then replays the stream for a one-machine resume."""
    if workers(strategy) < 2:
        return ds
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    return ds.with_options(options)


class StopVote:
    """Each worker's wish to stop, carried through the step's collectives (see module doc)."""

    def __init__(self, strategy):
        self.shared = workers(strategy) > 1

    @staticmethod
    def flags(wish: str) -> tf.Tensor:
        """This worker's flag vector for :data:`WISHES` (``wish``: a stop reason or "")."""
        vec = np.zeros(len(WISHES), np.float32)
        if wish:
            vec[WISHES.index("max_time") if wish.startswith("max_time") else 0] = 1.0
        return tf.constant(vec)

    @staticmethod
    def decide(summed, wish: str, max_time: float | None = None) -> str:
        """The agreed stop reason after a step ("" to go on): this worker's own wish, else the
        others' (``summed``: the flag vectors summed over all replicas)."""
        summed = np.asarray(summed)
        if wish:
            return wish
        if summed[0] > 0:
            return "stop requested by another worker"
        if summed[1] > 0:
            return f"max_time={max_time:g}s (another worker's clock)" if max_time else "max_time"
        return ""


def agree_on_step(strategy, step: int) -> None:
    """Refuse (UserError, on every worker alike) to train when the workers resumed from
    different steps: their weights would differ under variables that must be mirrored.
    All steps are equal iff ``R · Σ s² == (Σ s)²`` over the R replicas."""
    if workers(strategy) < 2:
        return

    @tf.function
    def sums():
        def mine():
            s = tf.constant(float(step), tf.float64)
            return tf.stack([s, s * s])
        return strategy.reduce(tf.distribute.ReduceOp.SUM, strategy.run(mine), axis=None)

    total, squares = sums().numpy()
    replicas = strategy.num_replicas_in_sync
    if abs(replicas * squares - total * total) > 0.5:
        raise UserError(f"the workers resumed from different checkpoints (mean step "
                        f"{total / replicas:g}, this worker {step}); every host must see the "
                        "same checkpoints directory")
