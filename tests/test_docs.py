"""The docs and the code say the same thing: one source of truth per contract.

The OSC request/reply tables (docs/osc-api.md), the MIDI map (docs/midi.md) and the training
flag table (docs/training.md) are generated from the code by ``python -m tests.gen_docs``; these
tests fail when a page differs from what the code generates, when the daemon sends something its
spec does not say, when the MIDI dispatcher does not do what the map says, and when a link in
the README or docs/ points at nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import gen_docs

ROOT = Path(__file__).resolve().parents[1]
FIX = "run `python -m tests.gen_docs` and commit the page with the code"


@pytest.mark.parametrize("name", sorted(gen_docs.TABLES))
def test_the_generated_tables_match_the_code(name):
    path = gen_docs.TABLES[name][0]
    text = path.read_text()
    assert gen_docs.current_block(text, name), f"{path.name} lost its {name} markers"
    assert gen_docs.generated(text, name) == text, f"{path.name}: {name} is stale; {FIX}"


def test_every_osc_address_is_described():
    from server.osc_api import OSC_ADDRESSES

    block = gen_docs.current_block((ROOT / "docs" / "osc-api.md").read_text(), "osc-requests")
    rows = {r[0].strip("`"): r for r in gen_docs._rows(block)}
    assert list(rows) == list(OSC_ADDRESSES)
    # a description that is the tail of the argument spec is a split table cell, not a text
    undescribed = [a for a, r in rows.items()
                   if r[2] in ("", gen_docs.PLACEHOLDER) or r[1].endswith(r[2])]
    assert undescribed == [], f"describe these in docs/osc-api.md: {undescribed}"


def test_the_generator_notices_a_changed_spec(monkeypatch):
    """The comparison is real: a route, an argument or a reply the page lacks makes it stale."""
    from server import midi, osc_api

    page = (ROOT / "docs" / "osc-api.md").read_text()
    monkeypatch.setitem(osc_api.OSC_ADDRESSES, "/wavegan/new", "x:int")
    assert gen_docs.PLACEHOLDER in gen_docs.generated(page, "osc-requests")
    monkeypatch.setitem(osc_api.OSC_ADDRESSES, "/wavegan/trigger", "pad:int")
    assert gen_docs.generated(page, "osc-requests") != page
    monkeypatch.setitem(osc_api.OSC_REPLIES, "/wavegan/pong", "version:str build:int")
    assert gen_docs.generated(page, "osc-replies") != page
    mapping = midi.MidiMapping
    monkeypatch.setattr(midi, "MidiMapping", lambda: mapping(volume_cc=11))
    midi_page = (ROOT / "docs" / "midi.md").read_text()
    assert gen_docs.generated(midi_page, "midi-map") != midi_page


def test_the_status_reply_sends_what_its_spec_lists(tiny_checkpoint, tmp_path):
    """``/wavegan/status`` pairs, in order, are the keys OSC_REPLIES names (version first)."""
    from server.osc_api import OSC_REPLIES
    from tests.conftest import status_reply

    listed = re.search(r"pairs: ([^)]*)\)", OSC_REPLIES["/wavegan/status"]).group(1)
    reply = status_reply(tiny_checkpoint, tmp_path)
    assert reply[0] == "/wavegan/status", reply
    sent = list(reply[1::2])
    assert sent == [k.strip() for k in listed.split(",")]


class Recorder:
    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        return lambda *args: self.calls.append((name, *args))


def midi_rows() -> dict[str, str]:
    block = gen_docs.current_block((ROOT / "docs" / "midi.md").read_text(), "midi-map")
    return {r[0]: r[1] for r in gen_docs._rows(block)}


def test_the_midi_map_is_what_the_dispatcher_does():
    """Each note/CC range in docs/midi.md, sent through the real MidiDispatcher, makes the call
    the page describes; the numbers just outside each range do nothing."""
    import mido

    from server.midi import MidiDispatcher

    def send(msg):
        rec = Recorder()
        MidiDispatcher(rec, lambda _: None).handle(msg, 0.0)
        return rec.calls

    rows = midi_rows()
    notes = [r for r in rows if r.startswith("note ") and "note-on" in r and "off" not in r]
    lo, hi = map(int, re.match(r"note (\d+)–(\d+)", notes[0]).groups())
    assert send(mido.Message("note_on", note=lo, velocity=127)) == [("trigger", 0, 1.0)]
    assert send(mido.Message("note_on", note=hi, velocity=127)) == [("trigger", hi - lo, 1.0)]
    assert send(mido.Message("note_off", note=hi)) == [("release", hi - lo)]
    assert send(mido.Message("note_on", note=lo, velocity=0)) == [("release", 0)]
    assert send(mido.Message("note_on", note=lo - 1)) == send(
        mido.Message("note_on", note=hi + 1)) == []

    ccs = {}
    for row, what in rows.items():
        m = re.fullmatch(r"CC (\d+)(?:–(\d+))?", row)
        if m:
            ccs[(int(m[1]), int(m[2] or m[1]))] = what
    expected = {"macro knob": "set_macro", "master volume": "set_volume",
                "style knob": "set_style_knob"}
    assert len(ccs) == len(expected), ccs
    for (first, last), what in ccs.items():
        call = next(c for k, c in expected.items() if what.startswith(k))
        for cc in (first, last):
            got = send(mido.Message("control_change", control=cc, value=127))
            assert [g[0] for g in got] == [call], (cc, got)
            if call == "set_macro":
                assert got[0][1:] == (cc - first, 1.0)
    known = {c for a, b in ccs for c in range(a, b + 1)}
    unmapped = next(c for c in range(128) if c not in known)
    assert send(mido.Message("control_change", control=unmapped, value=1)) == []
    assert send(mido.Message("program_change", program=5)) == [("load_kit_program", 5)]
    assert [c[0] for c in send(mido.Message("start"))] == ["on_transport"]


def test_the_training_flag_table_lists_every_config_flag():
    import argparse

    from trainer.flags import add_config_flags

    parser = argparse.ArgumentParser()
    add_config_flags(parser)
    flags = {a.option_strings[0] for a in parser._actions if a.dest.startswith("cfg_")}
    block = gen_docs.current_block((ROOT / "docs" / "training.md").read_text(), "train-flags")
    documented = {r[0].strip("`") for r in gen_docs._rows(block)}
    assert documented == flags


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    text = re.sub(r"[^\w\- ]", "", heading.strip().lower())
    return text.replace(" ", "-")


def markdown_pages() -> list[Path]:
    return [ROOT / "README.md", ROOT / "CONTRIBUTING.md", ROOT / "CHANGELOG.md",
            ROOT / "max_patches" / "README.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_every_relative_link_resolves():
    broken = []
    for page in markdown_pages():
        if not page.exists():
            broken.append(f"{page.relative_to(ROOT)} is missing")
            continue
        text = re.sub(r"```.*?```", "", page.read_text(), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists():
                broken.append(f"{page.relative_to(ROOT)}: {target}")
            elif anchor and file.suffix == ".md":
                headings = re.findall(r"^#+ (.*)$", file.read_text(), flags=re.M)
                if anchor not in {slug(h) for h in headings}:
                    broken.append(f"{page.relative_to(ROOT)}: {target} (no such heading)")
    assert broken == []


def test_the_readme_is_a_short_entry_point():
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 200
    assert "make run" in text and "make test" in text
    for page in ("playing", "osc-api", "midi", "max-pd", "data-and-scan", "training",
                 "sagemaker", "evaluation", "performance", "architecture", "testing"):
        assert f"(docs/{page}.md" in text, page
    assert "(docs/models/" in text


def test_make_help_lists_every_target():
    makefile = (ROOT / "Makefile").read_text()
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, flags=re.M))
    helped = set(re.findall(r'^\t@echo "make ([\w-]+)', makefile, flags=re.M))
    assert targets == helped
