"""How a one-shot evaluation (:func:`trainer.oneshot_eval.evaluate_oneshots`) is shown: a
spectrogram per class and source in one PNG, and the summary and per-class tables (in the
terminal with rich, and as Markdown for the README)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from wavegan.gm_drums import CLASSES


def write_png(path: str | Path, examples: dict[str, dict[str, Any]], seconds: float = 1.0
              ) -> Path:
    """One row per source, one column per class: a spectrogram of its first hit."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import mlab

    names = list(examples)
    classes = list(dict.fromkeys(c for ex in examples.values() for c in ex["hits"]))
    classes.sort(key=lambda c: (CLASSES + (c,)).index(c))
    fig, axes = plt.subplots(len(names), len(classes), squeeze=False,
                             figsize=(1.5 * len(classes) + 1, 1.6 * len(names) + 0.5))
    for row, name in enumerate(names):
        ex = examples[name]
        for col, cls in enumerate(classes):
            ax = axes[row][col]
            hit = ex["hits"].get(cls)
            if hit is not None and len(hit) > 512:
                sr = ex["sample_rate"]
                spec, freqs, times = mlab.specgram(hit[:int(seconds * sr)], NFFT=512, Fs=sr,
                                                   noverlap=384)
                ax.pcolormesh(times, freqs[1:], 10 * np.log10(spec[1:] + 1e-20), cmap="magma",
                              vmin=-120, vmax=-20, shading="auto")
                ax.set_yscale("log")   # a kick's 60 Hz and a hat's 12 kHz in one picture
                ax.set_ylim(30, sr / 2)
                ax.set_xlim(0, seconds)
            else:
                ax.set_facecolor("0.9")
            ax.set_xticks([])
            ax.set_yticks([])
            if row == 0:
                ax.set_title(cls, fontsize=8)
            if col == 0:
                ax.set_ylabel(name, fontsize=8)
    fig.suptitle(f"one hit per class: its first {seconds:g} s, 30 Hz to Nyquist (log)",
                 fontsize=9)
    fig.tight_layout()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path


# -- tables -----------------------------------------------------------------------------------
SUMMARY_COLUMNS = ("source", "n", "IS", "IS ×held-out", "FD", "FD ×noise", "as asked",
                   "centroid ±25 %", "decay ±25 %", "verdict")


def _mark(ok: bool | None) -> str:
    return "" if ok is None else (" PASS" if ok else " FAIL")


def summary_rows(report: dict) -> list[list[str]]:
    rows = []
    for r in report["rows"]:
        t = r["targets"]

        def pct(key: str, spec: str = ".0%", t: dict = t) -> str:
            v = t[key]["value"]
            return ("n/a" if v is None else format(v, spec)) + _mark(t[key]["pass"])
        rows.append([r["name"], str(r["n"]), f"{r['is_mean']:.2f}", pct("IS"),
                     f"{r['fd']:.2f}", pct("FD", ".2f"), pct("as asked"),
                     t["centroid"]["value"] + _mark(t["centroid"]["pass"]),
                     t["decay"]["value"] + _mark(t["decay"]["pass"]),
                     "PASS" if r["verdict"] else "FAIL"])
    return rows


def _num(v: float | None, spec: str) -> str:
    return "–" if v is None else format(v, spec)


def class_rows(report: dict) -> tuple[list[str], list[list[str]]]:
    """One row per class: the held-out kits' medians, then each other source's centroid and
    decay as a ratio to them."""
    held = report["rows"][0]["measures"]
    others = report["rows"][1:]
    head = ["class", "n", "centroid Hz", "attack ms", "decay ms", "floor dB"]
    head += [f"{r['name']} centroid, decay ×" for r in others]
    rows = []
    for cls in report["classes"] + sorted(set(held) - set(report["classes"])):
        if cls not in held:
            continue
        m = held[cls]
        row = [cls, str(m["n"]), _num(m["centroid_hz"], ".0f"), _num(m["attack_ms"], ".1f"),
               _num(m["decay_ms"], ".0f"), _num(m["floor_db"], ".0f")]
        for r in others:
            c, d = r["centroid_ratio"].get(cls), r["decay_ratio"].get(cls)
            row.append("–" if cls not in r["measures"] else f"{_num(c, '.2f')}, {_num(d, '.2f')}")
        rows.append(row)
    return head, rows


def render_tables(report: dict) -> list:
    from rich.table import Table

    cls = report["classifier"]
    acc = report.get("classifier_accuracy")
    title = (f"wavegan evaluate --oneshots (classifier v{cls['classifier_version']} "
             f"{cls['weights_sha256'][:12]}" + (f", held-out accuracy {acc:.0%}" if acc else "")
             + ")")
    summary = Table(title=title)
    for col in SUMMARY_COLUMNS:
        summary.add_column(col, justify="left" if col == "source" else "right", no_wrap=True)
    for row in summary_rows(report):
        summary.add_row(*row)
    head, rows = class_rows(report)
    per_class = Table(title="held-out kits per class (medians); other sources as a ratio to them")
    for col in head:
        per_class.add_column(col, justify="left" if col == "class" else "right")
    for row in rows:
        per_class.add_row(*row)
    return [summary, per_class]


def markdown_tables(report: dict) -> str:
    def md(head: Sequence[str], rows: list[list[str]]) -> list[str]:
        return (["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
                + ["| " + " | ".join(r) + " |" for r in rows])

    return "\n".join(md(SUMMARY_COLUMNS, summary_rows(report)) + [""]
                     + md(*class_rows(report)))
