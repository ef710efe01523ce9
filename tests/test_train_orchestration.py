"""One training orchestration (trainer.run.train) behind `wavegan train` and the SageMaker entry
point; run.json read once, style labels resolved once; a GPU job without a GPU stops at once."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

import trainer.run
import trainer.styles
from tests.test_train_support import ROOT, TINY, make_drum_folder, python_env
from trainer import entry
from trainer.loop import StopRequest, TrainResult
from trainer.run import TrainJob
from wavegan import cli
from wavegan.errors import UserError


@pytest.fixture
def recorded(monkeypatch):
    """Replace the library function; record the jobs the front ends hand it."""
    jobs: list[TrainJob] = []

    def fake_train(job, **_):
        jobs.append(job)
        return TrainResult(7, Path("ckpt/step_000007"), "max_steps=7")

    monkeypatch.setattr(trainer.run, "train", fake_train)
    monkeypatch.setattr(cli, "quiet_tensorflow", lambda verbose=False: None)
    monkeypatch.setattr(entry, "quiet_tensorflow", lambda verbose=False: None)
    return jobs


def test_the_cli_and_the_entry_point_call_the_same_function(recorded, tmp_path, capsys):
    data = tmp_path / "drums"
    data.mkdir()
    assert cli.main(["train", "--data", str(data), "--run", str(tmp_path / "run"),
                     "--dim", "8", "--init-from", "base"]) == 0
    env = {"SM_CHANNEL_TRAIN": str(data), "SM_MODEL_DIR": str(tmp_path / "model"),
           "SM_OUTPUT_DATA_DIR": str(tmp_path / "out"), "SM_HPS": json.dumps({"dim": "8"}),
           "WAVEGAN_CHECKPOINT_ROOT": str(tmp_path / "ckpts")}
    assert entry.main(["--max-steps", "3", "--cache-dir", "cache"], env) == 0
    by_cli, by_entry = recorded
    assert (by_cli.data, by_cli.run_dir, by_cli.overrides, by_cli.init_from, by_cli.headless,
            by_cli.model_dir) == (data, tmp_path / "run", {"dim": 8}, Path("base"), False,
                                  None)
    assert (by_entry.data, by_entry.run_dir, by_entry.model_dir, by_entry.output_dir,
            by_entry.cache_dir, by_entry.headless) == (
        data, tmp_path / "ckpts", tmp_path / "model", tmp_path / "out", Path("cache"), True)
    assert by_entry.overrides == {"dim": "8", "max_steps": "3"}
    printed = capsys.readouterr().out.splitlines()
    assert printed == ["stopped at step 7 (max_steps=7); checkpoint: ckpt/step_000007"] * 2


def test_the_entry_point_imports_no_command_line_module():
    tree = ast.parse((ROOT / "trainer" / "entry.py").read_text())
    modules = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    modules |= {a.name for node in ast.walk(tree) if isinstance(node, ast.Import)
                for a in node.names}
    assert "trainer.run" in modules
    assert not [m for m in modules if m and (m.endswith("_cli") or m.endswith(".cli"))]


@pytest.fixture(scope="module")
def styled_drums(tmp_path_factory):
    """Two styles in sub-folders (``--styles-from folders``)."""
    root = tmp_path_factory.mktemp("styled")
    for i, style in enumerate(("funk", "rock")):
        make_drum_folder(root / style, files=1, seconds=3.0, seed=i)
    return root


def test_run_json_is_read_once_and_styles_are_resolved_once(styled_drums, tmp_path,
                                                            monkeypatch):
    """A resumed conditional run, stopped before its first step: the whole set-up runs."""
    from trainer.checkpointing import RunDir
    from trainer.config import build_run_config

    run_dir = tmp_path / "run"
    config = {**TINY, "styles_from": "folders", "tensorboard": "false", "max_steps": 5}
    first, _ = trainer.styles.resolve_styles(build_run_config([config]), styled_drums)
    RunDir(run_dir).check_config(first)       # as a first session leaves it
    reads, sources = [], []
    real_read, real_folders = Path.read_text, trainer.styles.STYLE_SOURCES["folders"]

    def counting_read(self, *args, **kw):
        if self.name == "run.json":
            reads.append(self)
        return real_read(self, *args, **kw)

    def counting_folders(data):
        sources.append(data)
        return real_folders(data)

    monkeypatch.setattr(Path, "read_text", counting_read)
    monkeypatch.setitem(trainer.styles.STYLE_SOURCES, "folders", counting_folders)
    result = trainer.run.train(TrainJob(styled_drums, run_dir, overrides={"max_steps": "9"}),
                               stop=StopRequest("test"))
    assert (result.step, result.checkpoint, result.reason) == (0, None, "test")
    assert len(reads) == 1 and len(sources) == 1
    saved = json.loads(real_read(run_dir / "run.json"))
    assert saved["model"]["styles"] == ["funk", "rock"] and saved["train"]["max_steps"] == 9


def test_missing_data_is_one_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="training data .*nowhere: no such file"):
        trainer.run.resolve(TrainJob(tmp_path / "nowhere", tmp_path / "run"))


# -- a GPU instance type without a GPU ---------------------------------------------------------
def test_gpu_instance_types_come_from_the_cost_table_and_the_resource_config(tmp_path):
    assert entry.expected_gpus("ml.g5.xlarge") == 1
    assert entry.expected_gpus("ml.p4d.24xlarge") == 8
    assert entry.expected_gpus("ml.p5.48xlarge") >= 1     # a GPU family the table lacks
    assert entry.expected_gpus("ml.m5.xlarge") == entry.expected_gpus(None) == 0
    config = tmp_path / "resourceconfig.json"
    config.write_text(json.dumps({"current_host": "algo-1",
                                  "current_instance_type": "ml.g6.xlarge"}))
    assert entry.instance_type({}, config) == "ml.g6.xlarge"
    assert entry.instance_type({"SM_CURRENT_INSTANCE_TYPE": "ml.g5.xlarge"}, config) \
        == "ml.g5.xlarge"
    assert entry.instance_type({}, tmp_path / "absent.json") is None


def test_require_gpu_refuses_only_a_gpu_type_without_gpus(tmp_path):
    absent = tmp_path / "absent.json"
    gpu = {"SM_CURRENT_INSTANCE_TYPE": "ml.g5.xlarge"}
    with pytest.raises(UserError, match="ml.g5.xlarge has 1 GPU.* sees none"):
        entry.require_gpu(gpu, count=lambda: 0, resource_config=absent)
    entry.require_gpu(gpu, count=lambda: 1, resource_config=absent)
    entry.require_gpu({**gpu, entry.ALLOW_CPU: "1"}, count=lambda: 0, resource_config=absent)
    entry.require_gpu({"SM_CURRENT_INSTANCE_TYPE": "ml.m5.xlarge"}, count=lambda: 0,
                      resource_config=absent)
    entry.require_gpu({}, count=lambda: 0, resource_config=absent)


def test_gpu_job_on_a_cpu_machine_stops_at_once_with_one_line(tmp_path):
    drums = make_drum_folder(tmp_path / "drums", files=1, seconds=2.0)
    root, model = tmp_path / "ckpts", tmp_path / "model"
    env = python_env(SM_CHANNEL_TRAIN=str(drums), SM_MODEL_DIR=str(model),
                     SM_CURRENT_INSTANCE_TYPE="ml.g5.xlarge", CUDA_VISIBLE_DEVICES="-1",
                     WAVEGAN_CHECKPOINT_ROOT=str(root))
    env.pop(entry.ALLOW_CPU, None)
    env.pop("TF_CPP_MIN_LOG_LEVEL", None)
    proc = subprocess.run([sys.executable, "-m", "trainer.entry", "--dim", "4",
                           "--max-steps", "1"], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=180)
    assert proc.returncode == 1
    lines = [ln for ln in proc.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ml.g5.xlarge has 1 GPU(s) but TensorFlow sees none")
    assert proc.stdout == ""
    assert not root.exists() and not model.exists()          # no training, no run.json
