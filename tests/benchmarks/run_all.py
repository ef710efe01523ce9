"""Run every ``bench_*.py`` here and print one table of figures, baselines and ratios.

    python -m tests.benchmarks.run_all [--only NAME] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from tests.benchmarks.common import machine

HERE = Path(__file__).parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", default=[],
                        help="run only benchmarks whose file name contains this (repeatable)")
    parser.add_argument("--json", help="also write all rows to this JSON file")
    args = parser.parse_args()
    scripts = sorted(HERE.glob("bench_*.py"))
    if args.only:
        scripts = [s for s in scripts if any(o in s.name for o in args.only)]
    rows, failed = [], []
    for script in scripts:
        module = f"tests.benchmarks.{script.stem}"
        print(f"== {module}", flush=True)
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", module], stdout=subprocess.PIPE, text=True)
        print(proc.stdout, end="")
        if proc.returncode != 0:
            failed.append(script.name)
        for line in proc.stdout.splitlines():
            if line.startswith("BENCH "):
                rows.append({"script": script.stem, **json.loads(line[6:])})
        print(f"   ({time.monotonic() - t0:.0f} s)", flush=True)
    print(f"\nmachine: {machine()}")
    header = f"{'benchmark':<48} {'figure':>12} {'baseline':>12} {'ratio':>8}  target"
    print(header)
    print("-" * len(header))
    for r in rows:
        base = "" if r["baseline"] is None else f"{r['baseline']:.3f}"
        ratio = "" if r["ratio"] is None else f"{r['ratio']:.2f}x"
        verdict = "" if r["pass"] is None else ("PASS" if r["pass"] else "FAIL")
        print(f"{r['name']:<48} {r['figure']:>9.3f} {r['unit']:<3} {base:>12} {ratio:>8}  "
              f"{r['target']} {verdict}")
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": machine(), "rows": rows}, indent=2))
    if failed:
        print(f"benchmark scripts that crashed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
