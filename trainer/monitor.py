"""Watch a run: the stdout metrics line, metrics.jsonl, TensorBoard, loss-curve PNG, progress bar.

The stdout line is :func:`trainer.logline.format_line` (SageMaker's metric regexes read it);
``metrics.jsonl`` holds the same numbers plus wall time, one JSON object per line, appended
(a resumed run continues the file).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import IO, Any

import numpy as np

from trainer.logline import format_line

log = logging.getLogger("wavegan.train")


class Monitor:
    """Reports metrics every summary interval and previews at every checkpoint."""

    def __init__(self, root: str | Path, *, tensorboard: bool = True, progress: str = "auto",
                 total_steps: int | None = None, start_step: int = 0,
                 out: IO[str] | None = None):
        self.root = Path(root)
        self.root.mkdir(parents=True, exist_ok=True)
        self.out = out or sys.stdout
        self.metrics_path = self.root / "metrics.jsonl"
        self._writer = None
        if tensorboard:
            try:
                import tensorboard  # noqa: F401  (tf.summary needs it)
                import tensorflow as tf

                self._writer = tf.summary.create_file_writer(str(self.root / "tb"))
            except ImportError:
                log.warning("TensorBoard is not installed: no TensorBoard logs "
                            "(pip install tensorboard); metrics.jsonl and PNGs still written")
        show = progress == "on" or (progress == "auto" and self.out.isatty())
        self._progress = self._task = None
        if show:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("[bold]training"), BarColumn(), MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TextColumn("ETA"),
                TimeRemainingColumn(), console=Console(file=self.out), transient=False)
            self._task = self._progress.add_task("train", total=total_steps,
                                                 completed=start_step, rate="")
            self._progress.start()

    # -- per step / per summary -----------------------------------------------------------------
    def advance(self, step: int, steps_per_sec: float | None = None) -> None:
        if self._progress is not None:
            rate = f"{steps_per_sec:.2f} steps/s" if steps_per_sec else ""
            self._progress.update(self._task, completed=step, rate=rate)

    def summary(self, metrics: dict[str, float]) -> str:
        """Print the log line, append to metrics.jsonl, write TensorBoard scalars."""
        line = format_line(metrics)
        if self._progress is not None:
            self._progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=self.out, flush=True)
        record = {"time": round(time.time(), 3), **{k: _num(v) for k, v in metrics.items()}}
        with open(self.metrics_path, "a") as f:
            f.write(json.dumps(record) + "\n")
        if self._writer is not None:
            import tensorflow as tf

            with self._writer.as_default():
                for k, v in metrics.items():
                    if k != "step":
                        tf.summary.scalar(k, float(v), step=int(metrics["step"]))
            self._writer.flush()
        return line

    def message(self, text: str) -> None:
        if self._progress is not None:
            self._progress.console.print(text, markup=False, highlight=False, soft_wrap=True)
        else:
            print(text, file=self.out, flush=True)

    # -- per checkpoint -------------------------------------------------------------------------
    def previews(self, step: int, audio: np.ndarray, sample_rate: int) -> None:
        """TensorBoard audio of the previews ``[N, T, C]`` and the loss-curve PNG."""
        if self._writer is not None:
            import tensorflow as tf

            with self._writer.as_default():
                tf.summary.audio("previews", np.clip(audio, -1, 1), sample_rate, step=step,
                                 max_outputs=len(audio))
            self._writer.flush()
        loss_curve_png(self.metrics_path, self.root / "loss_curve.png")

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
        if self._writer is not None:
            self._writer.close()
            self._writer = None


def _num(v: Any) -> float | int:
    v = float(v)
    return int(v) if v.is_integer() and abs(v) < 2**53 else v


def read_metrics(path: str | Path) -> list[dict[str, Any]]:
    """Records of ``metrics.jsonl``; a torn last line (killed writer) is skipped."""
    out = []
    path = Path(path)
    if not path.is_file():
        return out
    for line in path.read_text().splitlines():
        try:
            out.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return out


def loss_curve_png(metrics_path: str | Path, png_path: str | Path) -> Path | None:
    """Plot d_loss, g_loss and gp against step from ``metrics.jsonl`` (None if no data)."""
    records = [r for r in read_metrics(metrics_path) if "step" in r]
    if not records:
        return None
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    steps = np.array([r["step"] for r in records])
    fig, (ax1, ax2) = plt.subplots(2, 1, figsize=(8, 5), sharex=True)
    for key in ("d_loss", "g_loss"):
        ax1.plot(steps, [r.get(key, np.nan) for r in records], label=key, lw=1)
    ax1.legend(loc="upper right")
    ax1.set_ylabel("loss")
    ax1.grid(alpha=0.3)
    ax2.plot(steps, [r.get("gp", np.nan) for r in records], label="gp", color="C2", lw=1)
    ax2.set_ylabel("gradient penalty")
    ax2.set_xlabel("generator step")
    ax2.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(png_path, dpi=80)
    plt.close(fig)
    return Path(png_path)
