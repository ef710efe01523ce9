"""TensorFlow's CPU tensors come from its pooled allocator (wavegan.cpu_memory) wherever our
entry points start it, unless the user's environment says otherwise."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from wavegan.cpu_memory import POOL_SWITCH, pool_cpu_memory

# `wavegan generate` through the CLI's own main(), then what TensorFlow says of its CPU memory:
# the pool keeps statistics, malloc has none
PROBE = """
import json, sys
from wavegan.cli import main
code = main(["generate", "--checkpoint", sys.argv[1], "-n", "2", "--out", sys.argv[2]])
import tensorflow as tf
try:
    pool = tf.config.experimental.get_memory_info("CPU:0")
except ValueError:
    pool = None
print(json.dumps({"code": code, "pool": pool}))
"""


def test_the_pool_is_asked_for_unless_the_environment_decides():
    env: dict[str, str] = {}
    assert pool_cpu_memory(env) and env[POOL_SWITCH] == "true"
    assert not pool_cpu_memory({POOL_SWITCH: "false"})
    assert pool_cpu_memory({POOL_SWITCH: "1"})


def _generate(tiny_checkpoint, out, switch: str | None) -> dict:
    env = {k: v for k, v in os.environ.items() if k != POOL_SWITCH}
    if switch is not None:
        env[POOL_SWITCH] = switch
    proc = subprocess.run([sys.executable, "-c", PROBE, str(tiny_checkpoint), str(out)],
                          env=env, capture_output=True, text=True, timeout=300, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_the_cli_runs_tensorflow_on_the_pool_and_a_user_can_switch_it_off(tiny_checkpoint,
                                                                          tmp_path):
    pooled = _generate(tiny_checkpoint, tmp_path / "a", None)
    assert pooled["code"] == 0 and pooled["pool"]["peak"] > 0   # TF's own pool statistics
    plain = _generate(tiny_checkpoint, tmp_path / "b", "false")
    assert plain["code"] == 0 and plain["pool"] is None           # malloc: no statistics
