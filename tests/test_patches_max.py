"""wavegan.maxpat: valid Max 8 patcher JSON, vanilla objects only, sound patchlines, API coverage.

Max itself cannot run here, so the patch is checked structurally against an independent list of
vanilla Max objects and their inlet/outlet counts, and its OSC addresses are compared with the
daemon's dispatcher table so the patch and the API cannot drift apart.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PATCH = ROOT / "max_patches" / "wavegan.maxpat"
REQUIRED = {"/wavegan/ping", "/wavegan/status", "/wavegan/trigger", "/wavegan/randomize",
            "/wavegan/macro", "/wavegan/morph", "/wavegan/walk", "/wavegan/stream/start",
            "/wavegan/stream/stop", "/wavegan/render", "/wavegan/kit/save", "/wavegan/kit/load",
            "/wavegan/volume", "/wavegan/undo", "/wavegan/style", "/wavegan/pad/instrument",
            "/wavegan/instruments"}
# Vanilla Max 8 objects (ships with Max, no packages) → (inlets, outlets); None = per arguments.
VANILLA_OBJECTS = {
    "loadbang": (1, 1), "udpsend": (1, 0), "udpreceive": (1, 1), "route": (2, None),
    "prepend": (2, 1), "append": (2, 1), "s": (1, 0), "send": (1, 0), "r": (1, 1),
    "receive": (1, 1), "t": (1, None), "trigger": (1, None), "pack": (None, 1),
    "unpack": (1, None), "f": (2, 1), "float": (2, 1), "i": (2, 1), "int": (2, 1),
    "*": (2, 1), "zl": (2, 2), "tosymbol": (1, 1), "print": (1, 0), "sel": (2, None),
    "gate": (2, None), "metro": (2, 1),
}
VANILLA_UI = {"message": (2, 1), "comment": (1, 0), "button": (1, 1), "toggle": (1, 1),
              "slider": (1, 1), "number": (1, 2), "flonum": (1, 2), "textedit": (1, 4),
              "umenu": (1, 3), "live.text": (1, 2), "live.dial": (1, 2)}


def expected_io(box: dict) -> tuple[int, int]:
    if box["maxclass"] != "newobj":
        return VANILLA_UI[box["maxclass"]]
    cls, *args = box["text"].split()
    ins, outs = VANILLA_OBJECTS[cls]
    if cls in ("route", "sel"):
        outs = len(args) + 1
    elif cls in ("t", "trigger", "unpack"):
        outs = len(args)
    if cls == "pack":
        ins = len(args)
    return ins, outs


@pytest.fixture(scope="module")
def patcher() -> dict:
    return json.loads(PATCH.read_text())["patcher"]


def boxes_by_id(patcher: dict) -> dict[str, dict]:
    return {b["box"]["id"]: b["box"] for b in patcher["boxes"]}


def sent_addresses(patcher: dict) -> set[str]:
    """OSC addresses leaving through udpsend: message boxes and [prepend /wavegan/...]."""
    found = set()
    for box in boxes_by_id(patcher).values():
        text = box.get("text", "")
        if box["maxclass"] == "message" and text.startswith("/wavegan/"):
            found.add(text.split()[0])
        elif box["maxclass"] == "newobj" and text.startswith("prepend /wavegan/"):
            found.add(text.split()[1])
    return found


def test_is_a_max8_patcher(patcher):
    assert patcher["appversion"]["major"] == 8
    assert patcher["boxes"] and patcher["lines"]
    ids = [b["box"]["id"] for b in patcher["boxes"]]
    assert len(ids) == len(set(ids))


def test_every_object_is_vanilla_with_the_right_inlets_and_outlets(patcher):
    for box in boxes_by_id(patcher).values():
        cls = box["text"].split()[0] if box["maxclass"] == "newobj" else box["maxclass"]
        assert cls in VANILLA_OBJECTS or cls in VANILLA_UI, f"not vanilla Max: {cls}"
        assert (box["numinlets"], box["numoutlets"]) == expected_io(box), box


def test_every_patchline_connects_existing_boxes_and_ports(patcher):
    boxes = boxes_by_id(patcher)
    for line in patcher["lines"]:
        (src, outlet), (dst, inlet) = line["patchline"]["source"], line["patchline"]["destination"]
        assert src in boxes and dst in boxes, line
        assert 0 <= outlet < expected_io(boxes[src])[1], (boxes[src], outlet)
        assert 0 <= inlet < expected_io(boxes[dst])[0], (boxes[dst], inlet)


def test_sends_every_request_to_the_daemon_and_listens_for_replies(patcher):
    texts = [b.get("text", "") for b in boxes_by_id(patcher).values()]
    assert sent_addresses(patcher) == REQUIRED
    assert "udpsend 127.0.0.1 9100" in texts
    assert "udpreceive 9101" in texts
    route = next(t for t in texts if t.startswith("route /wavegan/pong"))
    assert {"/wavegan/pong", "/wavegan/pad", "/wavegan/error", "/wavegan/rendered"} <= set(
        route.split()[1:])
    assert sum(t.startswith("/wavegan/trigger ") for t in texts) == 16
    assert sum(t.startswith("/wavegan/randomize ") for t in texts) == 16
    assert sum(t.startswith("prepend /wavegan/macro ") for t in texts) == 8
    # Everything reaches the single udpsend through [s wg-out] → [r wg-out].
    assert texts.count("r wg-out") == 1


def test_every_pad_shows_its_instrument(patcher):
    """/wavegan/instrument PAD NAME → [route 0 … 15] → PAD's [prepend set] → a message box
    under PAD's play button (the one whose [/wavegan/trigger PAD 1.] sits above it)."""
    boxes = boxes_by_id(patcher)
    links = [(ln["patchline"]["source"], ln["patchline"]["destination"])
             for ln in patcher["lines"]]
    replies = next(i for i, b in boxes.items()
                   if b.get("text", "").startswith("route /wavegan/pong"))
    kinds = boxes[replies]["text"].split()[1:]
    by_pad = [dst for (src, out), (dst, _) in links
              if src == replies and out == kinds.index("/wavegan/instrument")
              and boxes[dst].get("text", "").startswith("route ")]
    assert len(by_pad) == 1
    assert boxes[by_pad[0]]["text"] == "route " + " ".join(map(str, range(16)))
    for pad in range(16):
        prep = [dst for (src, out), (dst, _) in links if src == by_pad[0] and out == pad]
        assert len(prep) == 1 and boxes[prep[0]]["text"] == "prepend set"
        shows = [dst for (src, _), (dst, _) in links if src == prep[0]]
        assert len(shows) == 1 and boxes[shows[0]]["maxclass"] == "message"
        trigger = next(b for b in boxes.values()
                       if b.get("text") == f"/wavegan/trigger {pad} 1.")
        tx, ty = trigger["patching_rect"][:2]
        sx, sy = boxes[shows[0]]["patching_rect"][:2]
        assert sx == tx and 0 < sy - ty <= 30, (pad, trigger["patching_rect"], (sx, sy))


def test_addresses_exist_in_the_daemon_api(patcher):
    from server import osc_api
    assert sent_addresses(patcher) <= set(osc_api.OSC_ADDRESSES)
    assert {"/wavegan/pong", "/wavegan/pad", "/wavegan/error", "/wavegan/rendered"} <= set(
        osc_api.OSC_REPLIES)


def test_patch_is_what_the_generator_writes():
    path = ROOT / "max_patches" / "make_patches.py"
    spec = importlib.util.spec_from_file_location("make_patches", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    assert PATCH.read_text() == module.max_main()
