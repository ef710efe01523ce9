"""The ``wavegan`` console script.

Subcommands are contributed by the packages that implement them through the
``wavegan.commands`` entry-point group (see pyproject.toml): each entry is a
``register(subparsers)`` function that adds its parser and sets ``func``. The model library
therefore never imports ``server/`` or ``trainer/``; a package that is not installed simply
contributes no subcommand.
"""

from __future__ import annotations

import argparse
import logging
import sys
from importlib.metadata import entry_points

from wavegan import __version__
from wavegan.cpu_memory import pool_cpu_memory
from wavegan.quiet import ENV_SWITCH, quiet_tensorflow

log = logging.getLogger("wavegan")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wavegan",
        description="Train a WaveGAN on your own drum recordings and play it live.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"wavegan-drums {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="log debug messages, and let TensorFlow print its own start-up "
                             f"lines and warnings (also: {ENV_SWITCH}=1)")
    subs = parser.add_subparsers(dest="command", metavar="COMMAND")
    for ep in sorted(entry_points(group="wavegan.commands"), key=lambda e: e.name):
        try:
            register = ep.load()
        except ImportError as exc:  # a package of this project missing from the install
            log.debug("subcommand %s unavailable: %s", ep.name, exc)
            continue
        register(subs)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()   # imports no TensorFlow: subcommands import it when they run
    args = parser.parse_args(argv)
    quiet_tensorflow(verbose=args.verbose)
    pool_cpu_memory()
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(message)s")
    if not args.verbose:  # AWS SDKs log every credential/endpoint lookup at INFO
        for noisy in ("botocore", "boto3", "urllib3", "sagemaker"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return int(args.func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # user-facing errors get one clear line, not a traceback
        from wavegan.errors import USER_ERRORS

        if isinstance(exc, USER_ERRORS) and not args.verbose:
            print(f"error: {exc}", file=sys.stderr)
            return 1
        raise


if __name__ == "__main__":
    sys.exit(main())
