"""``wavegan evaluate`` and ``wavegan evaluate train-classifier``: flags, table, JSON, PNG."""

from __future__ import annotations

import json
from pathlib import Path

from wavegan.argtypes import at_least
from wavegan.default import MODELS, resolve_checkpoint
from wavegan.errors import UserError

COLUMNS = ("source", "IS", "IS ×real", "FD", "NN ×real", "copies", ">8 kHz", "HF slope", "RMS",
           "hits/s", "quiet", "pulse", "as asked")


def register(subs) -> None:
    p = subs.add_parser(
        "evaluate", help="measure sound quality: Inception Score, Fréchet distance, diversity, "
                         "high-frequency spectrum, hits per second (and train the classifier "
                         "it uses)",
        description="Compare generated phrases with real ones through a drum classifier "
                    "(the WaveGAN paper's method adapted to drums). Rows: real held-out "
                    "phrases (the upper bound), white noise (the floor) and each checkpoint. "
                    "Columns: hits/s counts transients per second and quiet is how far the "
                    "quietest tenth of a phrase sits below its peak (real drums: several hits, "
                    "≈ −40 dB; a steady wash: few hits, near 0 dB); pulse is how periodic "
                    "the hits are (the onset strength's autocorrelation peak between 120 and "
                    "750 ms: ~0.35 for grooves, ~0.2 for hits at random); as asked is, for a "
                    "model trained with --styles-from, the share of phrases the classifier "
                    "files under the style they were asked for (styles taken in turn). "
                    "Give --checkpoint several times to compare models. Train the classifier "
                    "first with `wavegan evaluate train-classifier --corpus DIR`. With "
                    "--oneshots CORPUS (a `wavegan corpus --kind oneshots` folder) kit models "
                    "are scored against the corpus's held-out kits instead: IS, FD, as asked "
                    "per instrument class and per-class centroid, attack, decay and noise "
                    "floor, each target marked PASS or FAIL; without --checkpoint only the "
                    "real kits and white noise are measured.")
    p.add_argument("--checkpoint", action="append", default=[], metavar="CKPT",
                   help="checkpoint folder or bundled model's name to evaluate (repeat to "
                        f"compare several; bundled: {', '.join(MODELS)})")
    p.add_argument("--reference", metavar="DIR",
                   help="folder of real audio the model was trained on (a corpus from "
                        "`wavegan corpus` uses its manifest's train/held-out split; other "
                        "folders hold out every fifth file)")
    p.add_argument("--oneshots", metavar="CORPUS",
                   help="evaluate kit (one-shot) models against the held-out kits of this "
                        "one-shot corpus (`wavegan corpus --kind oneshots`); --checkpoint is "
                        "then optional")
    p.add_argument("--classifier", metavar="CLS_DIR",
                   help="classifier directory (default: REFERENCE/classifier or "
                        "ONESHOTS/classifier)")
    p.add_argument("-n", "--count", type=int, default=256,
                   help="generated phrases (with --oneshots: hits, the model's classes "
                        "asked for in turn) per checkpoint (default 256)")
    p.add_argument("--seed", type=int, default=0,
                   help="first latent seed and reference-sampling seed (default 0)")
    p.add_argument("--json", metavar="OUT", help="write the full report as JSON")
    p.add_argument("--png", metavar="OUT",
                   help="write spectrograms of real vs generated phrases and mean spectra")
    p.add_argument("--markdown", action="store_true",
                   help="also print the table as Markdown (for a README)")
    p.add_argument("--no-noise", action="store_true", help="skip the white-noise row")
    p.add_argument("--backend", choices=("auto", "fast", "keras"), default="auto",
                   help="generator implementation (default auto)")
    p.set_defaults(func=run_evaluate)
    sub = p.add_subparsers(dest="evaluate_command", metavar="SUBCOMMAND")
    t = sub.add_parser(
        "train-classifier", help="train the evaluation classifier on a corpus",
        description="Train the style / instrument classifier on a corpus made by `wavegan "
                    "corpus` (its train split), report held-out accuracy and save it as a "
                    "versioned directory. On a one-shot corpus (`--kind oneshots`) it learns "
                    "to name each hit's instrument class from the training kits and is "
                    "tested on the held-out kits.")
    t.add_argument("--corpus", required=True, metavar="DIR", help="corpus folder (manifest.json)")
    t.add_argument("--out", metavar="CLS_DIR", help="output directory (default CORPUS/classifier)")
    t.add_argument("--epochs", type=at_least(int, 1), default=40,
                   help="training epochs (default 40)")
    t.add_argument("--batch-size", type=at_least(int, 1), default=32,
                   help="batch size (default 32)")
    t.add_argument("--crops-per-second", type=at_least(float, 0, strict=True), default=1.0,
                   help="random 1 s crops per second of training audio per epoch (default "
                        "1; a one-shot corpus draws each hit about once per epoch instead)")
    t.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    t.set_defaults(func=run_train_classifier)


def run_train_classifier(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from trainer.classifier import TrainClassifierOptions, train_classifier

    out = Path(args.out) if args.out else Path(args.corpus) / "classifier"
    oneshots = _corpus_kind(args.corpus) == "oneshots"
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), "{task.fields[loss]}", transient=True) as bar:
        task = bar.add_task("training classifier", total=None, loss="")
        def progress(d, t, info):
            bar.update(task, completed=d, total=t, loss=f"loss {info['loss']:.3f}")
        if oneshots:
            from trainer.oneshot_eval import OneshotClassifierOptions, train_oneshot_classifier

            clf = train_oneshot_classifier(args.corpus, out, OneshotClassifierOptions(
                epochs=args.epochs, batch_size=args.batch_size, seed=args.seed), progress)
        else:
            clf = train_classifier(args.corpus, out, TrainClassifierOptions(
                epochs=args.epochs, batch_size=args.batch_size,
                crops_per_second=args.crops_per_second, seed=args.seed), progress)
    tr = clf.meta["training"]
    if oneshots:
        Console().print(f"classifier written to {out}/ (instrument class named right on the "
                        f"held-out kits: {tr['heldout_class_accuracy']:.1%} of hits, "
                        f"{tr['heldout_balanced_accuracy']:.1%} averaged over classes)")
        return 0
    Console().print(f"classifier written to {out}/ (style accuracy on held-out: "
                    f"{tr.get('heldout_style_accuracy', float('nan')):.1%}, instruments: "
                    f"{tr.get('heldout_instrument_accuracy', float('nan')):.1%})")
    return 0


def run_evaluate(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, Progress

    from trainer.classifier import load_classifier
    from trainer.evaluate import evaluate

    if args.count < 20:
        raise UserError("-n must be at least 20 for meaningful statistics")
    args.checkpoint = [resolve_checkpoint(c) for c in args.checkpoint]
    if args.oneshots:
        if args.reference:
            raise UserError("give --reference (phrase models) or --oneshots (kit models), "
                            "not both")
        return run_evaluate_oneshots(args)
    if not args.checkpoint or not args.reference:
        raise UserError("wavegan evaluate needs --checkpoint CKPT and --reference DIR, or "
                        "--oneshots CORPUS (or the train-classifier subcommand)")
    cls_dir = Path(args.classifier) if args.classifier else Path(args.reference) / "classifier"
    clf = load_classifier(cls_dir)
    with Progress("[progress.description]{task.description}", BarColumn(), transient=True) as bar:
        task = bar.add_task("evaluating", total=None)
        report = evaluate(args.checkpoint, args.reference, clf, n=args.count, seed=args.seed,
                          backend=args.backend, noise=not args.no_noise,
                          progress=lambda what, d, t: bar.update(task, description=what,
                                                                 completed=d, total=t))
    examples = report.pop("_examples")
    console = Console()
    console = Console(width=max(140, console.width))   # numbers must not be cut off
    skipped = {s["path"]: s["reason"] for g in report["groups"]
               for s in g["reference"]["skipped"]}
    for path, why in skipped.items():
        console.print(f"skipped reference file {path}: {why}", markup=False, highlight=False)
    console.print(render_table(report))
    from trainer.evaluate import write_png

    _write_reports(console, args, report, markdown_table, write_png, examples)
    return 0


def _write_reports(console, args, report: dict, markdown, write_png, examples) -> None:
    """``--markdown`` (``markdown(report)`` printed), ``--json`` and ``--png`` as asked."""
    if args.markdown:
        print(markdown(report))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=2))
        console.print(f"report written to {args.json}")
    if args.png:
        write_png(args.png, examples)
        console.print(f"spectrograms written to {args.png}")


def _corpus_kind(corpus: str) -> str:
    try:
        return json.loads((Path(corpus) / "manifest.json").read_text()).get("kind", "grooves")
    except (OSError, ValueError):
        return "grooves"   # train_classifier reports what is wrong with it


def run_evaluate_oneshots(args) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from trainer.classifier import load_classifier
    from trainer.oneshot_eval import evaluate_oneshots
    from trainer.oneshot_report import markdown_tables, render_tables, write_png

    cls_dir = Path(args.classifier) if args.classifier else Path(args.oneshots) / "classifier"
    if not (cls_dir / "classifier.json").is_file() and not args.classifier:
        raise UserError(f"{cls_dir}: no classifier yet; train it with `wavegan evaluate "
                        f"train-classifier --corpus {args.oneshots}`")
    clf = load_classifier(cls_dir)
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  transient=True) as bar:
        task = bar.add_task("evaluating", total=None)
        report = evaluate_oneshots(args.oneshots, clf, args.checkpoint, n=args.count,
                                   seed=args.seed, backend=args.backend,
                                   noise=not args.no_noise,
                                   progress=lambda what, d, t: bar.update(
                                       task, description=what, completed=d, total=t))
    examples = report.pop("_examples")
    console = Console()
    console = Console(width=max(160, console.width))   # numbers must not be cut off
    if not report["classifier_matches_corpus"]:
        console.print(f"note: {cls_dir} was trained on another corpus than {args.oneshots}; "
                      "if it heard the held-out kits, its figures mean nothing", markup=False)
    for table in render_tables(report):
        console.print(table)
    console.print(f"{report['heldout_hits']} held-out hits ({', '.join(report['heldout_kits'])})"
                  f", evaluated in {report['seconds']:.0f} s", markup=False, highlight=False)
    _write_reports(console, args, report, markdown_tables, write_png, examples)
    return 0


def _fmt(v, spec: str) -> str:
    return "n/a" if v is None else format(v, spec)


def table_rows(report: dict) -> list[list[str]]:
    """The table as strings (also used for the README's markdown table)."""
    rows = []
    for g in report["groups"]:
        upper = next((r["is_mean"] for r in g["rows"] if r["kind"] == "real"), float("nan"))
        for r in g["rows"]:
            rows.append([f"{r['name']} @{g['sample_rate'] / 1000:g}k", f"{r['is_mean']:.2f}",
                         f"{r['is_mean'] / upper:.0%}", f"{r['fd']:.1f}",
                         f"{r['nn_ratio']:.2f}", f"{r['near_copies']:.0%}",
                         _fmt(r["hf_energy"], ".1%"), _fmt(r["hf_slope_db_oct"], ".1f"),
                         f"{r['rms_db']:.0f} dB", f"{r['onsets_per_s']:.1f}",
                         f"{r['floor_db']:.0f} dB", _fmt(r.get("pulse"), ".2f"),
                         _fmt(r.get("extra", {}).get("style_match"), ".0%")])
    return rows


def render_table(report: dict):
    from rich.table import Table

    cls = report["classifier"]
    table = Table(title=f"wavegan evaluate (classifier v{cls['classifier_version']} "
                        f"{cls['weights_sha256'][:12]})")
    for col in COLUMNS:
        table.add_column(col, justify="left" if col == "source" else "right",
                         no_wrap=col == "source")
    for row in table_rows(report):
        table.add_row(*row)
    return table


def markdown_table(report: dict) -> str:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(report)]
    return "\n".join(lines)
