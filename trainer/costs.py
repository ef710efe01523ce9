"""The one table of SageMaker GPU instance types, prices and assumed training speeds.

Everything that estimates hours or dollars (``wavegan scan``, ``wavegan sagemaker launch``,
the training benchmark) reads this table; update it here when prices change.

Assumptions (state of 2026-11; calibrate with a short real job, then edit the numbers):

* Prices are AWS's us-east-1 on-demand list prices for SageMaker *training* instances in
  USD per hour. Managed spot training typically bills 60-70 % less; ``spot_discount`` is the
  assumed fraction saved (spot prices move; the launcher prints the assumption).
* ``ref_steps_per_sec`` is the assumed throughput of *one GPU* of the type on the reference
  model — CDW's d=64, 16384 samples, batch 64, 5 critic updates per generator step, fp32.
  CDW reports roughly 200 k steps in ~4 days on one older GPU (≈ 0.6 steps/s on a P100-class
  card); the others are scaled by their fp32/TF32 throughput relative to it. These are
  estimates, not measurements.
* A step's cost is assumed proportional to d² (conv FLOPs), to the slice length, to the
  channel count of the first/last layers (small effect, ignored), to the batch and to the
  number of critic updates (+1 generator update).
* The critic's spectral branch (``--spec-critic w``) adds ``SPEC_SHARE · (w/d)²`` of a waveform
  critic's work to every critic update: its 3×3 stride-2 convs over a spectrogram of ~2·T values
  do 6.75·T·w² multiply-adds against the waveform critic's 12.5·T·d² (25-tap stride-4 convs).
  On this project's 2-core CPU, d=16 with w=16 measured 1.57× the step time in bf16 and 1.66×
  in fp32 (``bench_train --dim 16 --batch 32 --bf16 --spec-critic 16``); the formula says 1.45×.
* Several GPUs (``gpus`` per instance × ``--instance-count``) train data-parallel: every GPU
  is a replica with the run's ``batch_size``, so one step of R replicas trains R× the slices
  of a one-GPU step in about the time of one (the global batch is ``batch_size · R``). The
  assumed efficiency of that: :data:`GPU_EFFICIENCY` (90 %) of R× the one-GPU throughput on
  one machine (NVLink / PCIe all-reduce), :data:`NODE_EFFICIENCY` (80 %) across machines
  (network all-reduce of the weights' gradients every step). Not measured yet.
* Multi-GPU prices (ml.g5.12xlarge/48xlarge, ml.g6e.12xlarge, ml.p5.48xlarge) are
  approximate us-east-1 SageMaker training list prices as known in 2025 (checked 2026-12-05
  against the per-GPU prices of the one-GPU types above, not against a live price list).
  AWS cut EC2's P4/P5 on-demand prices by up to 45 % in June 2025; the p4d/p5 figures here
  are the list prices from before that cut, so they may overstate today's price.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

REF_DIM = 64
REF_SLICE_LEN = 16384
REF_BATCH = 64
REF_N_CRITIC = 5
SPEC_SHARE = 6.75 / 12.5   # spectral-branch MACs per waveform-critic MAC at w = d
GPU_EFFICIENCY = 0.9       # R GPUs on one machine: 0.9 · R × one GPU's throughput
NODE_EFFICIENCY = 0.8      # GPUs on several machines: 0.8 · R × one GPU's throughput


@dataclass(frozen=True)
class InstanceType:
    name: str
    gpu: str
    gpus: int
    on_demand_per_hour: float
    ref_steps_per_sec: float
    spot_discount: float = 0.65

    @property
    def spot_per_hour(self) -> float:
        return self.on_demand_per_hour * (1.0 - self.spot_discount)


INSTANCE_TYPES: dict[str, InstanceType] = {t.name: t for t in (
    InstanceType("ml.g4dn.xlarge", "1x T4 16 GB", 1, 0.736, 0.45),
    InstanceType("ml.g5.xlarge", "1x A10G 24 GB", 1, 1.408, 1.1),
    InstanceType("ml.g5.2xlarge", "1x A10G 24 GB, 8 vCPU", 1, 1.515, 1.15),
    InstanceType("ml.g6.xlarge", "1x L4 24 GB", 1, 1.1676, 0.9),
    InstanceType("ml.g6e.xlarge", "1x L40S 48 GB", 1, 2.3364, 2.2),
    InstanceType("ml.p3.2xlarge", "1x V100 16 GB", 1, 3.825, 1.2),
    InstanceType("ml.g5.12xlarge", "4x A10G 24 GB", 4, 7.09, 1.1),
    InstanceType("ml.g5.48xlarge", "8x A10G 24 GB", 8, 20.36, 1.1),
    InstanceType("ml.g6e.12xlarge", "4x L40S 48 GB", 4, 13.12, 2.2),
    InstanceType("ml.p4d.24xlarge", "8x A100 40 GB", 8, 37.688, 1.75),
    InstanceType("ml.p5.48xlarge", "8x H100 80 GB", 8, 113.07, 3.5),
)}


@dataclass(frozen=True)
class Cluster:
    """``instances`` machines of one type: its replicas (GPUs), price and scaling efficiency."""

    inst: InstanceType
    instances: int = 1

    def __post_init__(self) -> None:
        if self.instances < 1:
            raise ValueError("instances must be >= 1")

    @property
    def replicas(self) -> int:
        return self.inst.gpus * self.instances

    @property
    def efficiency(self) -> float:
        if self.instances > 1:
            return NODE_EFFICIENCY
        return GPU_EFFICIENCY if self.replicas > 1 else 1.0

    def per_hour(self, spot: bool = False) -> float:
        inst = self.inst
        return (inst.spot_per_hour if spot else inst.on_demand_per_hour) * self.instances

    def steps_per_sec(self, one_gpu_steps_per_sec: float) -> float:
        """Global steps per second (each of ``replicas`` × the per-replica batch)."""
        return one_gpu_steps_per_sec * self.efficiency

    def describe(self) -> str:
        """``2x ml.g5.12xlarge = 8 GPUs (4x A10G 24 GB each), assumed 80 % scaling``."""
        what = f"{self.instances}x {self.inst.name}" if self.instances > 1 else self.inst.name
        if self.replicas == 1:
            return f"{what} ({self.inst.gpu})"
        return (f"{what} = {self.replicas} GPUs ({self.inst.gpu} each), assumed "
                f"{self.efficiency:.0%} scaling")


def relative_cost(dim: int, slice_len: int, batch_size: int = REF_BATCH,
                  n_critic: int = REF_N_CRITIC, spec_critic: int = 0) -> float:
    """How many times more work one generator step is than the reference step."""
    critic = 1.0 + SPEC_SHARE * (spec_critic / dim) ** 2
    return ((dim / REF_DIM) ** 2 * (slice_len / REF_SLICE_LEN) * (batch_size / REF_BATCH)
            * (n_critic * critic + 1) / (REF_N_CRITIC + 1))


def scaled_steps_per_sec(inst: InstanceType, *, dim: int, slice_len: int, channels: int = 1,
                         batch_size: int = REF_BATCH, n_critic: int = REF_N_CRITIC,
                         spec_critic: int = 0) -> float:
    """Assumed generator steps per second of a model on ``inst`` (see module docstring)."""
    del channels  # the first/last layers are a tiny share of the work
    return inst.ref_steps_per_sec / relative_cost(dim, slice_len, batch_size, n_critic,
                                                  spec_critic)


def estimate(steps: int, steps_per_sec: float, price_per_hour: float) -> tuple[float, float]:
    """``(hours, dollars)`` for ``steps`` generator steps at a speed and an hourly price."""
    if steps_per_sec <= 0:
        raise ValueError("steps_per_sec must be positive")
    hours = steps / steps_per_sec / 3600.0
    return hours, hours * price_per_hour


def cluster_estimate(cluster: Cluster, one_gpu_steps: int, one_gpu_steps_per_sec: float,
                     spot: bool = False) -> tuple[int, float, float]:
    """``(global steps, hours, dollars)`` for the training of ``one_gpu_steps`` one-GPU steps
    (the same slices seen) on ``cluster``: ``one_gpu_steps / replicas`` global steps at
    :meth:`Cluster.steps_per_sec`, paid for every instance."""
    steps = max(1, math.ceil(one_gpu_steps / cluster.replicas))
    hours, dollars = estimate(steps, cluster.steps_per_sec(one_gpu_steps_per_sec),
                              cluster.per_hour(spot))
    return steps, hours, dollars
