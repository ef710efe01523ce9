"""Quiet start-up: a `wavegan` command prints its own lines, not TensorFlow's greeting; the
switch brings the greeting back, and an error TensorFlow raises still reaches the user."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.test_train_support import ROOT
from wavegan import cli, quiet

# What this machine's TensorFlow 2.21 printed on `wavegan generate -n 1` before (7 lines).
GREETING = """\
WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
I0000 00:00:1796485870.359670    6381 port.cc:153] oneDNN custom operations are on. You may \
see slightly different numerical results due to floating-point round-off errors.
I0000 00:00:1796485870.360066    6381 cudart_stub.cc:31] Could not find cuda drivers on your \
machine, GPU will not be used.
E0000 00:00:1796485874.544940    6381 cuda_platform.cc:52] failed call to cuInit: INTERNAL: \
CUDA error: Failed call to cuInit: UNKNOWN ERROR (303)
W0000 00:00:1796485874.544940    6381 util.cc:131] oneDNN supports DT_STRING only with AVX-512
"""
CHATTER_WORDS = ("absl", "oneDNN", "cuInit", "cuda", "cudart", "tensorflow", "TF_ENABLE")


def user_env(**extra: str) -> dict[str, str]:
    """The environment of a user who set nothing TensorFlow-related."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("TF_CPP_MIN_LOG_LEVEL", quiet.ENV_SWITCH)}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **extra}


def run(args: list[str], timeout: float = 240, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], capture_output=True, text=True,
                          timeout=timeout, env=user_env(**env), cwd=ROOT)


def generate(tiny_checkpoint, out, **env: str) -> subprocess.CompletedProcess:
    proc = run(["-m", "wavegan.cli", "generate", "--checkpoint", str(tiny_checkpoint),
                "-n", "1", "--seed", "5", "--out", str(out)], **env)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return proc


def chatter(text: str) -> list[str]:
    return [ln for ln in text.splitlines()
            if quiet.START_UP_LINE.match(ln) or any(w in ln for w in CHATTER_WORDS)]


def test_the_start_up_line_pattern_knows_the_greeting():
    found, other = quiet.split_startup(GREETING + "Traceback (most recent call last):\n")
    assert len(found) == 5 and other == ["Traceback (most recent call last):"]


def test_generate_prints_only_its_own_lines(tiny_checkpoint, tmp_path):
    from wavegan.precision import for_serving

    proc = generate(tiny_checkpoint, tmp_path / "out")
    assert proc.stderr.splitlines() == [f"precision {for_serving('auto').reason}"]
    lines = [ln for ln in proc.stdout.splitlines() if ln.strip()]
    assert lines[0].startswith("model: 16384 samples")
    assert lines[1:] == [f"{tmp_path / 'out'}/seed-0000000005.wav",
                         f"wrote 1 phrase(s) to {tmp_path / 'out'}/"]
    assert chatter(proc.stdout) == []


def test_the_environment_switch_brings_tensorflow_output_back(tiny_checkpoint, tmp_path):
    """Also shows that there is a greeting to silence on this machine."""
    proc = generate(tiny_checkpoint, tmp_path / "out", **{quiet.ENV_SWITCH: "1"})
    assert any(quiet.START_UP_LINE.match(ln) for ln in proc.stderr.splitlines()), proc.stderr
    assert (tmp_path / "out" / "seed-0000000005.wav").is_file()


def test_verbose_flag_reaches_the_switch(tiny_checkpoint, monkeypatch, capsys):
    seen = []
    monkeypatch.setattr(cli, "quiet_tensorflow", lambda verbose=False: seen.append(verbose))
    assert cli.main(["-v", "info", str(tiny_checkpoint), "--json"]) == 0
    assert cli.main(["info", str(tiny_checkpoint), "--json"]) == 0
    assert seen == [True, False]
    assert quiet.tf_logs_wanted(verbose=True, env={})
    assert quiet.tf_logs_wanted(env={quiet.ENV_SWITCH: "yes"})
    assert not quiet.tf_logs_wanted(env={quiet.ENV_SWITCH: "0"})


FAILING_COMMAND = textwrap.dedent("""
    import argparse, sys
    from wavegan import cli

    def reshape_badly(args):
        import tensorflow as tf
        return tf.reshape(tf.zeros([3]), [2])

    def build_parser():
        parser = real_build_parser()
        subs = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        subs.add_parser("reshape").set_defaults(func=reshape_badly)
        return parser

    real_build_parser, cli.build_parser = cli.build_parser, build_parser
    sys.exit(cli.main(["reshape"]))
""")


def test_a_tensorflow_error_still_reaches_the_user():
    proc = run(["-c", FAILING_COMMAND])
    assert proc.returncode != 0
    assert "InvalidArgumentError" in proc.stderr
    assert "Input to reshape is a tensor with 3 values" in proc.stderr
    assert [ln for ln in proc.stderr.splitlines() if quiet.START_UP_LINE.match(ln)] == []


def test_what_is_not_start_up_chatter_is_replayed(capfd):
    line = b"I0000 00:00:1796485870.360066    6381 port.cc:153] oneDNN custom operations\n"
    with quiet.held_back_stderr():
        os.write(2, line + b"a real complaint\n")
    assert capfd.readouterr().err == "a real complaint\n"
    assert line.decode().strip() in quiet.startup_lines()
    with pytest.raises(RuntimeError), quiet.held_back_stderr():
        os.write(2, line)
        raise RuntimeError("import failed")
    assert capfd.readouterr().err == line.decode()   # a failed import shows everything
