"""TensorFlow's CPU memory from a pool that keeps freed blocks (TF's BFC allocator).

TensorFlow's default CPU allocator hands every tensor to malloc, and glibc serves large blocks
with mmap and gives them back with munmap when freed. A training step or a batch of phrases
frees and allocates hundreds of such blocks, and each new one is faulted in again page by page,
which on virtual machines costs as much as the arithmetic (see docs/performance.md, "Memory").
The BFC allocator (the one TF uses on GPUs) keeps freed blocks and reuses them. It must be
chosen before TensorFlow makes its first CPU tensor; a value already in the environment wins,
so ``TF_CPU_ALLOCATOR_USE_BFC=false`` brings back malloc.
"""

from __future__ import annotations

import os
from collections.abc import MutableMapping

POOL_SWITCH = "TF_CPU_ALLOCATOR_USE_BFC"


def pool_cpu_memory(env: MutableMapping[str, str] = os.environ) -> bool:
    """Ask TensorFlow for the pooled CPU allocator unless ``env`` already decides; returns
    whether the pool will be used."""
    env.setdefault(POOL_SWITCH, "true")
    return env[POOL_SWITCH].strip().lower() in ("1", "true", "yes")

