"""Which arithmetic precision is fastest on this machine, for playing and for training.

``--precision auto`` (``wavegan serve``, ``wavegan generate``, ``wavegan train``) comes here.
The rules follow measurements (docs/performance.md), keyed on the CPU flags that decided them:

* Serving, on a CPU with bfloat16 instructions (``amx_bf16`` or ``avx512_bf16``) → **bf16**:
  the generator's widest layer (most of its weights) runs as one bf16 GEMM, half the bytes
  streamed per call; 55 dB signal-to-error against fp32 on the bundled trained model. On an
  AVX-512 BF16 EPYC that made one pad's phrase and a 16-pad draft faster and left batch 16
  as fast (docs/performance.md).
* Training, AMX (``amx_bf16``, Intel Xeon from Sapphire Rapids on) → **bf16** with direct
  convolutions: a d=64 step 14.2 s against 25.2 s for fp32 Winograd.
* Training, AVX-512 BF16 without AMX (``avx512_bf16``, e.g. AMD EPYC Zen 4) → **fp32**
  Winograd: bf16 measured slower there (30.4 s a step against 23.8 s).
* no bfloat16 instructions → **fp32** (bf16 is emulated, ~10x slower); flags that cannot be
  read (not Linux, no ``flags`` line) → **fp32**.
* training on a GPU → **fp32** with cuDNN's convolutions, as before ``auto`` existed (bf16 is
  not measured on GPUs here; ask for it on GPUs from Ampere on).

:func:`decide` takes the flags as an argument (tests give it CPU flag strings); the ``for_*``
helpers read this machine's. Nothing here imports TensorFlow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

CPUINFO = Path("/proc/cpuinfo")
SERVING = ("auto", "fp32", "bf16")        # Generator(precision=...): the fast backend's two
TRAINING = ("auto", "fp32", "bf16", "fp16")
BF16_FLAGS = ("amx_bf16", "avx512_bf16")  # the instructions that make bf16 native
# bench_generate on an AVX-512 BF16 EPYC, bf16 against fp32 in one run
SERVING_BF16_GAIN = "one pad 36.9 against 43.4 ms in fp32 on an EPYC"
Flags = str | Iterable[str] | None


@dataclass(frozen=True)
class PrecisionChoice:
    """A concrete precision, the convolutions that go with it (training only; None when
    serving), and a one-line reason naming what decided it."""

    precision: str
    reason: str
    convs: str | None = None


def parse_cpu_flags(flags: Flags) -> frozenset[str] | None:
    """The CPU's flags from ``/proc/cpuinfo`` text, a bare ``"avx2 avx512_bf16 …"`` string or
    an iterable of names; None when they are unknown (nothing given, or a cpuinfo without a
    ``flags`` line, e.g. ARM's)."""
    if flags is None:
        return None
    if not isinstance(flags, str):
        names = frozenset(str(f).lower() for f in flags)
        return names or None
    if ":" in flags:   # cpuinfo text: only its "flags : …" lines count
        lines = re.findall(r"^\s*flags\s*:(.*)$", flags, re.M)
        names = frozenset(" ".join(lines).lower().split())
    else:
        names = frozenset(flags.lower().split())
    return names or None


def read_cpu_flags(path: Path = CPUINFO) -> frozenset[str] | None:
    """This machine's CPU flags, or None where they cannot be read (not Linux)."""
    try:
        return parse_cpu_flags(path.read_text())
    except OSError:
        return None


def has_native_bf16(flags: Flags) -> bool | None:
    """True when the CPU has bfloat16 instructions (AVX-512 BF16 or AMX); None: unknown."""
    names = parse_cpu_flags(flags)
    return None if names is None else any(f in names for f in BF16_FLAGS)


def decide(flags: Flags, *, training: bool = False, gpu: bool = False) -> PrecisionChoice:
    """The fastest precision for ``flags`` (see the module docstring); ``training``: also the
    convolutions (Winograd for fp32 on a CPU, else direct), ``gpu``: training on a GPU."""
    names = parse_cpu_flags(flags)

    def choice(precision: str, why: str) -> PrecisionChoice:
        if not training:
            return PrecisionChoice(precision, f"{precision}: {why}")
        convs = "winograd" if precision == "fp32" and not gpu else "direct"
        return PrecisionChoice(precision, f"{precision} with {convs} convolutions: {why}", convs)

    if training and gpu:
        return choice("fp32", "training on a GPU, where auto keeps fp32 (bf16 is not measured "
                              "on GPUs here; --precision bf16 asks for it, from Ampere on)")
    if names is None:
        return choice("fp32", "unknown CPU (its flags cannot be read), so the safe choice")
    if not training and (flag := next((f for f in BF16_FLAGS if f in names), None)):
        return choice("bf16", f"this CPU has {flag}: the widest layer runs as a bf16 GEMM "
                              f"({SERVING_BF16_GAIN}; 55 dB against fp32)")
    if "amx_bf16" in names:
        return choice("bf16", "this CPU has AMX (amx_bf16), where bf16 measured 1.8x faster "
                              "(14.2 s a step against 25.2 s for fp32 Winograd on an AMX Xeon)")
    if "avx512_bf16" in names:
        return choice("fp32", "this CPU has avx512_bf16 but no AMX, where bf16 measured slower "
                              "(30.4 s a step against 23.8 s for fp32 Winograd on an EPYC)")
    return choice("fp32", "this CPU has no bfloat16 instructions (neither amx_bf16 nor "
                          "avx512_bf16), so bf16 would be emulated, ~10x slower")


def explicit(precision: str, source: str, flags: Flags, *, gpu: bool = False) -> str:
    """The reason line of a precision the user chose (``source`` says where: a flag, a file);
    says so when bf16 is asked for on a CPU that has to emulate it."""
    reason = f"{precision}: set by {source}"
    if precision == "bf16" and not gpu and has_native_bf16(flags) is False:
        reason += " (this CPU has no bfloat16 instructions: emulated, ~10x slower than fp32)"
    return reason


def for_serving(requested: str = "auto", backend: str = "auto",
                cpu_flags: Flags = None) -> PrecisionChoice:
    """The precision a :class:`wavegan.generator.Generator` runs at for ``--precision
    requested`` and ``--backend backend``; ``cpu_flags`` None: this machine's. ValueError for a
    choice outside :data:`SERVING`, or bf16 on the keras backend (fp32 only)."""
    if requested not in SERVING:
        raise ValueError(f"precision {requested!r}: choose one of {', '.join(SERVING)}")
    flags = read_cpu_flags() if cpu_flags is None else cpu_flags
    if backend == "keras":
        if requested == "bf16":
            raise ValueError("--precision bf16 needs the fast backend (--backend keras runs "
                             "fp32 only)")
        return PrecisionChoice("fp32", "fp32: the keras backend runs fp32 only")
    if requested != "auto":
        return PrecisionChoice(requested, explicit(requested, "--precision", flags))
    return decide(flags)
