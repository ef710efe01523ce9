"""Quiet TensorFlow start-up: a command prints its own lines, not TensorFlow's greeting.

Importing TensorFlow writes several lines to file descriptor 2 from C++ before any Python
setting can reach them: absl's "All log messages before absl::InitializeLog() …" notice, the
oneDNN notice, "Could not find cuda drivers", and on a machine without a GPU an ``E0000 …
failed call to cuInit`` line (``TF_CPP_MIN_LOG_LEVEL`` does not hold back the ones logged
before absl is initialised). :func:`quiet_tensorflow` therefore, before TensorFlow is imported:

* sets ``TF_CPP_MIN_LOG_LEVEL=3`` unless the user chose a level: TensorFlow's C++ code
  logs harmless conditions at ERROR level too (``E0000 … failed call to cuInit`` without a
  GPU, ``oneDNN supports DT_STRING only on platforms with AVX-512`` when writing summaries);
  a failing TensorFlow operation raises a Python exception, which is not affected;
* raises the Python ``tensorflow`` and ``absl`` loggers to ERROR and ignores the Python
  warnings TensorFlow and Keras issue from their own modules;
* hooks the first ``import tensorflow`` (wherever it happens, usually lazily inside a
  subcommand) so that fd 2 goes to a temporary file while TensorFlow loads and probes its
  devices; afterwards the absl-format start-up lines are dropped (kept in
  :func:`startup_lines` for diagnostics) and anything else written meanwhile is replayed to
  stderr. If the import raises, everything captured is replayed before the exception goes on.

Exceptions TensorFlow raises later are ordinary Python exceptions and reach the user as
before. ``wavegan --verbose`` or ``WAVEGAN_TF_LOGS=1`` leaves TensorFlow's output alone.
"""

from __future__ import annotations

import contextlib
import importlib.abc
import logging
import os
import re
import sys
import tempfile
import warnings
from collections.abc import Iterator, Mapping

ENV_SWITCH = "WAVEGAN_TF_LOGS"
TRUE_WORDS = ("1", "true", "yes", "on")
# absl's own notice and its log-line prefix: severity + MMDD hh:mm:ss.micros thread file:line]
START_UP_LINE = re.compile(
    r"^(WARNING: All log messages before absl::InitializeLog\(\) is called are written to "
    r"STDERR$|[IWE]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ [\w.+-]+:\d+\] )")
PY_LOGGERS = ("tensorflow", "absl")
PY_WARNING_MODULES = r"(tensorflow|keras|tf_keras|absl)(\.|$)"

_startup: list[str] = []


def tf_logs_wanted(verbose: bool = False, env: Mapping[str, str] | None = None) -> bool:
    """True when the user asked to see TensorFlow's own output (``--verbose`` or the env)."""
    env = os.environ if env is None else env
    return verbose or env.get(ENV_SWITCH, "").strip().lower() in TRUE_WORDS


def startup_lines() -> list[str]:
    """The TensorFlow start-up lines held back so far (e.g. why no GPU was found)."""
    return list(_startup)


def quiet_tensorflow(verbose: bool = False) -> bool:
    """Silence TensorFlow's start-up chatter unless :func:`tf_logs_wanted`; True if silenced.
    Call before TensorFlow is imported (a later call still quiets the Python side)."""
    if tf_logs_wanted(verbose):
        if verbose:
            os.environ["TF_CPP_MIN_LOG_LEVEL"] = "0"
        return False
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    for name in PY_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", module=PY_WARNING_MODULES)
    if "tensorflow" not in sys.modules and not any(isinstance(f, _QuietImport)
                                                   for f in sys.meta_path):
        sys.meta_path.insert(0, _QuietImport())
    return True


def split_startup(text: str) -> tuple[list[str], list[str]]:
    """``(start-up chatter lines, other lines)`` of text captured from fd 2."""
    chatter, other = [], []
    for line in text.splitlines():
        (chatter if START_UP_LINE.match(line) else other).append(line)
    return chatter, other


@contextlib.contextmanager
def held_back_stderr() -> Iterator[None]:
    """Send fd 2 to a temporary file for the block; then keep the start-up lines and replay
    the rest (all of it if the block raised)."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as held:
        os.dup2(held.fileno(), 2)
        failed = True
        try:
            yield
            failed = False
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            held.seek(0)
            text = held.read().decode("utf-8", "replace")
            chatter, other = split_startup(text)
            _startup.extend(chatter)
            replay = text.splitlines() if failed else other
            if replay:
                print("\n".join(replay), file=sys.stderr, flush=True)


class _QuietLoader(importlib.abc.Loader):
    """Runs TensorFlow's own loader with fd 2 held back, then probes the devices (older
    TensorFlow versions report cuInit on the first device query rather than at import)."""

    def __init__(self, inner: importlib.abc.Loader):
        self.inner = inner

    def create_module(self, spec):
        return self.inner.create_module(spec)

    def exec_module(self, module) -> None:
        module.__loader__ = module.__spec__.loader = self.inner
        with held_back_stderr():
            self.inner.exec_module(module)
            module.config.list_physical_devices()


class _QuietImport(importlib.abc.MetaPathFinder):
    """Finds ``tensorflow`` like the normal path finder, with a :class:`_QuietLoader`; removes
    itself on first use."""

    def find_spec(self, name, path=None, target=None):
        if name != "tensorflow":
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _QuietLoader(spec.loader)
                return spec
        return None
