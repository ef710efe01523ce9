"""Monitor output without training: the metrics line, metrics.jsonl, the progress bar."""

from __future__ import annotations

import io
import json

from trainer.logline import parse_line
from trainer.monitor import Monitor, loss_curve_png, read_metrics


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_and_plain_lines_otherwise(tmp_path):
    tty = _Tty()
    mon = Monitor(tmp_path / "a", tensorboard=False, total_steps=10, out=tty)
    for step in range(1, 5):
        mon.advance(step, 2.0)
    line = mon.summary({"step": 4, "d_loss": -1.5, "g_loss": 0.5, "gp": 0.1,
                        "steps_per_sec": 2.0, "slices_per_sec": 640, "extra_metric_x": 1.0,
                        "extra_metric_y": 2.0})  # longer than the 80-column console
    mon.close()
    text = tty.getvalue()
    assert "ETA" in text and "4/10" in text
    assert any(ln.strip().endswith(line) for ln in text.splitlines())  # one unwrapped line
    plain = io.StringIO()
    mon = Monitor(tmp_path / "b", tensorboard=False, total_steps=10, out=plain)
    mon.summary({"step": 1, "d_loss": 1.0, "g_loss": 2.0, "gp": 0.5, "steps_per_sec": 1.0,
                 "slices_per_sec": 64})
    mon.close()
    assert plain.getvalue().splitlines() == \
        ["step=1 d_loss=1 g_loss=2 gp=0.5 steps_per_sec=1 slices_per_sec=64"]
    assert parse_line(plain.getvalue())["gp"] == 0.5


def test_metrics_file_survives_a_torn_last_line(tmp_path):
    path = tmp_path / "metrics.jsonl"
    path.write_text(json.dumps({"step": 1, "d_loss": -1, "g_loss": 1, "gp": 0.2}) + "\n"
                    + json.dumps({"step": 2, "d_loss": -2, "g_loss": 1, "gp": 0.1}) + "\n"
                    + '{"step": 3, "d_lo')
    assert [r["step"] for r in read_metrics(path)] == [1, 2]
    png = loss_curve_png(path, tmp_path / "loss.png")
    assert png is not None and png.read_bytes()[:4] == b"\x89PNG"
