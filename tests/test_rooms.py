"""Package boundaries: the model library never imports the daemon, the trainer or I/O stacks."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_WAVEGAN = {"server", "trainer", "boto3", "botocore", "sagemaker", "sounddevice",
                        "mido", "rtmidi", "pythonosc", "jack"}


def imported_top_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_wavegan_imports_only_its_room():
    offenders = {}
    for path in (ROOT / "wavegan").rglob("*.py"):
        bad = imported_top_modules(path) & FORBIDDEN_IN_WAVEGAN
        if bad:
            offenders[str(path.relative_to(ROOT))] = sorted(bad)
    assert offenders == {}


def test_the_check_would_catch_an_offender(tmp_path):
    f = tmp_path / "x.py"
    f.write_text("def f():\n    from server.daemon import Daemon\n    import boto3\n")
    assert imported_top_modules(f) & FORBIDDEN_IN_WAVEGAN == {"server", "boto3"}


def test_no_pickle_loading_anywhere():
    for pkg in ("wavegan", "server", "trainer"):
        for path in (ROOT / pkg).rglob("*.py"):
            text = path.read_text()
            assert "allow_pickle=True" not in text and "pickle.load" not in text, path
