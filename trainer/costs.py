"""The one table of SageMaker GPU instance types, prices and assumed training speeds.

Everything that estimates hours or dollars (``wavegan scan``, ``wavegan sagemaker launch``,
the training benchmark) reads this table; update it here when prices change.

Assumptions (state of 2026-11; calibrate with a short real job, then edit the numbers):

* Prices are AWS's us-east-1 on-demand list prices for SageMaker *training* instances in
  USD per hour. Managed spot training typically bills 60-70 % less; ``spot_discount`` is the
  assumed fraction saved (spot prices move; the launcher prints the assumption).
* ``ref_steps_per_sec`` is the assumed throughput of the reference model — CDW's d=64,
  16384 samples, batch 64, 5 critic updates per generator step, fp32 — on that GPU. CDW
  reports roughly 200 k steps in ~4 days on one older GPU (≈ 0.6 steps/s on a P100-class
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
"""

from __future__ import annotations

from dataclasses import dataclass

REF_DIM = 64
REF_SLICE_LEN = 16384
REF_BATCH = 64
REF_N_CRITIC = 5
SPEC_SHARE = 6.75 / 12.5   # spectral-branch MACs per waveform-critic MAC at w = d


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
    InstanceType("ml.p4d.24xlarge", "8x A100 40 GB", 8, 37.688, 14.0),
)}


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
