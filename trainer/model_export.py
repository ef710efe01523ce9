"""A training checkpoint's playing generator, exported as a serving checkpoint.

SageMaker uploads ``SM_MODEL_DIR`` as model.tar.gz when a job ends, however it ends; the entry
point exports every checkpoint there (:class:`ModelExporter`), and ``wavegan sagemaker
download`` exports from the job's S3 checkpoints when a job left no model (:func:`export_model`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from pathlib import Path

from wavegan.errors import USER_ERRORS

log = logging.getLogger("wavegan.train")


def export_model(checkpoint: Path, model_dir: Path) -> Path:
    """Copy ``checkpoint``'s playing generator (weights + model.json) into ``model_dir`` as a
    serving checkpoint (``Generator.from_checkpoint(model_dir)``). Each file is replaced
    atomically, model.json last, so a process killed mid-export leaves a loadable folder."""
    from wavegan.checkpoint import load_checkpoint, save_checkpoint

    ckpt = load_checkpoint(checkpoint)
    meta = {k: v for k, v in ckpt.meta.items()
            if k in ("dataset", "run_config", "label")}
    model_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        staged = save_checkpoint(Path(tmp) / "model", ckpt.config,
                                 {"generator": ckpt.playing_arrays()}, step=ckpt.step,
                                 extra_meta=meta)
        names = sorted(p.name for p in staged.iterdir())
        for name in [n for n in names if n != "model.json"] + ["model.json"]:
            partial = model_dir / f".{name}.partial"
            shutil.copy2(staged / name, partial)
            os.replace(partial, model_dir / name)
    return model_dir


class ModelExporter:
    """``Trainer(on_checkpoint=…)``: export each checkpoint's generator to ``model_dir``. A
    failed export is logged, not fatal (training and its checkpoints matter more)."""

    def __init__(self, model_dir: Path):
        self.model_dir = model_dir
        self.exported: Path | None = None

    def __call__(self, checkpoint: Path) -> None:
        try:
            export_model(checkpoint, self.model_dir)
        except (OSError, *USER_ERRORS) as exc:
            log.warning("could not export %s to %s: %s", checkpoint, self.model_dir, exc)
            return
        self.exported = checkpoint
