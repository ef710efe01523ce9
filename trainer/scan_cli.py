"""``wavegan scan``: flag parsing and printing; the report is built by trainer.scan."""

from __future__ import annotations

import json

from trainer import costs
from trainer.flags import add_config_flags, overrides_from_args

SCAN_FIELDS = {"sample_rate", "slice_len", "channels", "dim", "latent_dim", "kernel_len",
               "mode", "overlap", "random_offset", "pad_end", "silence_db", "normalize",
               "onset_threshold_db", "min_gap_ms", "pre_roll_ms", "batch_size", "n_critic",
               "seed", "styles_from"}


def register(subs) -> None:
    p = subs.add_parser(
        "scan", help="report what a folder of audio gives and what training it will cost",
        description="Read a folder the way training will (every libsndfile format, any rate "
                    "and channel count; broken files are listed with the reason), slice it, "
                    "and estimate epochs, hours and dollars for a training run, here (timed "
                    "with the real training step) and on SageMaker GPU instances.")
    p.add_argument("data", help="folder (searched recursively) or single audio file")
    add_config_flags(p, only=SCAN_FIELDS)
    p.add_argument("--steps", type=float, default=200_000,
                   help="generator steps the estimate is for (default 200000, CDW's run)")
    p.add_argument("--instance-count", type=int, default=1, metavar="N",
                   help="SageMaker estimates for N machines of each type (default 1)")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--plot", metavar="PNG", help="write a loudness / hits-per-second histogram")
    p.add_argument("--no-benchmark", action="store_true",
                   help="skip timing the training step on this machine")
    p.add_argument("--bench-batch", type=int, default=8,
                   help="batch to time the step at, scaled linearly to --batch-size (default 8)")
    p.add_argument("--cache-dir", default=None,
                   help="cache decoded audio here (training with the same --cache-dir reuses it)")
    p.set_defaults(func=run_scan)


def run_scan(args) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.progress import Progress
    from rich.text import Text

    from trainer.config import build_run_config
    from trainer.scan import plot, scan
    from trainer.styles import resolve_styles, with_data_mode

    layers = [overrides_from_args(args)]   # as training reads them: a one-shot corpus is
    run, style_of = resolve_styles(       # sliced one hit per example, in its classes
        with_data_mode(build_run_config(layers), args.data, layers), args.data)
    console = Console(stderr=args.json)
    with Progress(console=console, transient=True) as bar:
        task = bar.add_task("reading", total=None)

        def progress(done, total, name):
            bar.update(task, completed=done, total=total,
                       description=f"reading {escape(name[-40:])}")

        report = scan(args.data, run.model, run.slice, batch_size=run.train.batch_size,
                      n_critic=run.gan.n_critic, steps=int(args.steps),
                      benchmark=not args.no_benchmark, bench_batch=args.bench_batch,
                      cache_dir=args.cache_dir, progress=progress, style_of=style_of,
                      instances=args.instance_count)
    if args.plot:
        plot(report, args.plot)
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print_report(report, console)
        if args.plot:
            console.print(Text(f"plot: {args.plot}"))
    return 0


def _duration(seconds: float) -> str:
    h, rem = divmod(int(round(seconds)), 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}"


def print_report(report, console) -> None:
    """Print the report as rich tables. File paths, reasons and style names are the user's
    text, never markup: ``kick [v2].wav`` is printed as it is named."""
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    d = report.to_dict()
    m = report.model
    console.print(f"[bold]{escape(d['data'])}[/bold] → {m.slice_len}-sample slices "
                  f"({m.duration_seconds:.2f} s) at {m.sample_rate} Hz, {m.channels} ch, "
                  f"mode={report.slicing.mode}")
    if d["skipped"]:
        skipped = Table(title=f"skipped {len(d['skipped'])} file(s)", title_justify="left")
        skipped.add_column("file")
        skipped.add_column("reason")
        for row in d["skipped"][:50]:
            skipped.add_row(Text(row["path"]), Text(row["reason"]))
        if len(d["skipped"]) > 50:
            skipped.add_row("…", f"{len(d['skipped']) - 50} more (use --json)")
        console.print(skipped)
    data = Table(title="data", show_header=False, title_justify="left")
    for key, value in (
        ("files read / skipped", f"{d['files_read']} / {d['files_skipped']}"),
        ("total duration", _duration(d["total_seconds"])),
        ("slices", f"{d['slices']:,}"),
        (f"batches per epoch (batch {d['batch_size']})", f"{d['batches_per_epoch']:,.1f}"),
        (f"epochs in {d['steps']:,} steps ({d['n_critic']} critic batches/step)",
         f"{d['epochs']:,.1f}"),
    ):
        data.add_row(key, value)
    if d["style_slices"]:
        total = max(1, sum(d["style_slices"].values()))
        data.add_row("slices per style", Text(", ".join(
            f"{s} {n:,} ({n / total:.0%})" for s, n in d["style_slices"].items())))
    console.print(data)
    cost = Table(title=f"{d['steps']:,} steps at d={m.dim}", title_justify="left")
    for col in ("where", "s/step", "hours", "on-demand $", "spot $"):
        cost.add_column(col, justify="right" if col != "where" else "left")
    if d["local"]:
        loc = d["local"]
        note = f" (timed at batch {loc['measured_batch']}, scaled)" \
            if loc["scaled_from_smaller_batch"] else ""
        cost.add_row(f"this machine{note}", f"{loc['seconds_per_step']:.2f}",
                     f"{loc['hours']:,.0f}", "-", "-")
    for row in d["sagemaker"]:
        where = f"{row['instance']} ({row['gpu']})"
        if row["gpus"] > 1:
            where = (f"{row['instances']}x " if row["instances"] > 1 else "") + where + \
                f", {row['global_steps']:,} steps of batch {row['global_batch']}"
        cost.add_row(where, f"{1 / row['steps_per_sec']:.3f}",
                     f"{row['hours']:,.1f}", f"{row['on_demand_usd']:,.0f}",
                     f"{row['spot_usd']:,.0f}")
    console.print(cost)
    console.print("[dim]SageMaker speeds and prices are the assumptions in trainer/costs.py "
                  "(us-east-1 list prices); calibrate with a short real job. Several GPUs: "
                  "each trains its own batch (global batch = batch x GPUs, the same slices in "
                  f"fewer steps), assumed {costs.GPU_EFFICIENCY:.0%} efficient on one machine, "
                  f"{costs.NODE_EFFICIENCY:.0%} across machines.[/dim]")
