"""The contract tables in docs/ are generated from the code: ``python -m tests.gen_docs``.

Each table sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME -->``
markers; this script rewrites what is between them, and ``--check`` only says which differ
(``tests/test_docs.py`` runs the same comparison). Tables:

* ``osc-requests`` (docs/osc-api.md): address and arguments from ``server.osc_api.ROUTES``;
  the "what it does" column is prose kept from the page (a new address gets a placeholder
  that the test refuses, so it must be described);
* ``osc-replies`` (docs/osc-api.md): ``server.osc_api.OSC_REPLIES``;
* ``midi-map`` (docs/midi.md): the numbers of ``server.midi.MidiMapping``;
* ``train-flags`` (docs/training.md): every flag ``trainer.flags.add_config_flags`` adds, with
  its type, default, config section and help text.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PLACEHOLDER = "*(not yet described: say what it does)*"


def cell(text: str) -> str:
    """Text safe inside one Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _rows(block: str) -> list[list[str]]:
    """The cells of each body row of the Markdown table in ``block``."""
    rows = []
    for line in block.splitlines():
        if not line.startswith("|") or set(line) <= set("|- "):
            continue
        cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
        rows.append([c.strip() for c in cells])
    return rows[1:]   # without the header


def osc_requests(old: str) -> str:
    from server.osc_api import OSC_ADDRESSES

    said = {r[0].strip("`"): r[2] for r in _rows(old) if len(r) >= 3}
    lines = ["| address | arguments | what it does |", "|---|---|---|"]
    for address, spec in OSC_ADDRESSES.items():
        what = said.get(address) or PLACEHOLDER
        lines.append(f"| `{address}` | {cell(spec) or '—'} | {what} |")
    return "\n".join(lines)


def osc_replies(old: str) -> str:
    from server.osc_api import OSC_REPLIES

    lines = ["| address | arguments |", "|---|---|"]
    lines += [f"| `{a}` | {cell(spec)} |" for a, spec in OSC_REPLIES.items()]
    return "\n".join(lines)


def note_name(note: int) -> str:
    """Ableton's naming: note 36 is C1 (middle C, 60, is C3)."""
    return ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"][note % 12] + \
        str(note // 12 - 2)


def midi_map(old: str) -> str:
    from server.midi import MidiMapping

    m = MidiMapping()
    last_note, last_cc = m.first_note + m.pads - 1, m.first_macro_cc + m.macros - 1
    rows = [
        (f"note {m.first_note}–{last_note} ({note_name(m.first_note)}–{note_name(last_note)}, "
         "Ableton Drum Rack / GM drums) note-on",
         f"play pad 0–{m.pads - 1} (pad = note − {m.first_note}), gain = velocity / 127"),
        (f"note {m.first_note}–{last_note} note-off, or note-on velocity 0",
         "release the pad (matters for choke / gated pads)"),
        (f"CC {m.first_macro_cc}–{last_cc}",
         f"macro knob 0–{m.macros - 1}: 0 → −1, 64 → 0 (centre), 127 → +1"),
        (f"CC {m.volume_cc}", "master volume (value / 127)"),
        (f"CC {m.style_cc}", "style knob (models trained with `--styles-from`): the range split "
                             "evenly over the styles, first style at 0; a kit model: over the "
                             "grooves its stream plays"),
        ("program change *n*", "load kit preset *n* (the *n*-th saved kit in name order)"),
        ("MIDI clock (24 ppqn)", "host tempo for streamed phrases"),
        ("Start / Stop / Continue", "transport: Start starts the stream with its first phrase on "
                                    "the downbeat, Stop stops it, Continue resumes it"),
        ("Song Position Pointer", "read (the clock follows the host's position); phrases do not "
                                  "yet align to it"),
    ]
    lines = ["| MIDI (any channel) | daemon |", "|---|---|"]
    lines += [f"| {cell(a)} | {cell(b)} |" for a, b in rows]
    return "\n".join(lines)


def train_flags(old: str) -> str:
    from trainer.flags import add_config_flags

    parser = argparse.ArgumentParser(add_help=False)
    add_config_flags(parser)
    lines = ["| flag | value | default \\[section] | meaning |", "|---|---|---|---|"]
    for action in sorted(parser._actions, key=lambda a: a.option_strings[0]):
        text, _, tail = action.help.rpartition(" [")
        sections, _, default = tail.rstrip("]").partition("; default ")
        lines.append(f"| `{action.option_strings[0]}` | {action.metavar} | "
                     f"{cell(default)} \\[{sections}] | {cell(text)} |")
    return "\n".join(lines)


TABLES: dict[str, tuple[Path, Callable[[str], str]]] = {
    "osc-requests": (DOCS / "osc-api.md", osc_requests),
    "osc-replies": (DOCS / "osc-api.md", osc_replies),
    "midi-map": (DOCS / "midi.md", midi_map),
    "train-flags": (DOCS / "training.md", train_flags),
}


def block_pattern(name: str) -> re.Pattern:
    return re.compile(rf"(<!-- BEGIN generated: {re.escape(name)} -->\n)(.*?)"
                      rf"(<!-- END generated: {re.escape(name)} -->)", re.S)


def generated(text: str, name: str) -> str:
    """``text`` with table ``name`` regenerated; ValueError when its markers are missing."""
    pattern = block_pattern(name)
    match = pattern.search(text)
    if match is None:
        raise ValueError(f"markers for {name!r} not found")
    new = TABLES[name][1](match.group(2)) + "\n"
    return text[:match.start(2)] + new + text[match.end(2):]


def current_block(text: str, name: str) -> str:
    match = block_pattern(name).search(text)
    return "" if match is None else match.group(2)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = ap.parse_args(argv)
    stale = []
    for name, (path, _) in TABLES.items():
        text = path.read_text()
        new = generated(text, name)
        if new != text:
            stale.append(f"{path.relative_to(ROOT)}: {name}")
            if not args.check:
                path.write_text(new)
    for s in stale:
        print(("stale " if args.check else "rewrote ") + s)
    return 1 if stale and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
