"""Write wavegan.pd, wavegan-pad.pd and wavegan.maxpat from one table of controls.

    python max_patches/make_patches.py        # rewrite the three patch files next to this script

Both patches are generated from ``SENDS`` so they offer the same controls and send the same OSC
addresses (tests/test_patches_*.py check the files are up to date and match server.osc_api).
Hand edits to the patch files are fine; re-run this script only if you change the table.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST, PORT, REPLY_PORT = "127.0.0.1", 9100, 9101
PADS = 16
MACROS = 8

# receiver name (Pd [r NAME] / Max [r NAME]), OSC address, Pd oscformat type tags.
# Drive the Pd patch headless with e.g. `pd -nogui -send "wg-trigger 3 0.8" wavegan.pd`.
SENDS: list[tuple[str, str, str]] = [
    ("wg-ping", "/wavegan/ping", ""),
    ("wg-status", "/wavegan/status", ""),
    ("wg-trigger", "/wavegan/trigger", "if"),        # pad velocity(0..1)
    ("wg-randomize", "/wavegan/randomize", "ii"),    # pad [seed]
    ("wg-volume", "/wavegan/volume", "f"),           # 0..1
    ("wg-macro", "/wavegan/macro", "if"),            # k value(-1..1)
    ("wg-morph", "/wavegan/morph", "iifi"),          # a b t target
    ("wg-walk", "/wavegan/walk", "if"),              # pad step (0 = off)
    ("wg-stream-start", "/wavegan/stream/start", "f"),  # bpm
    ("wg-stream-stop", "/wavegan/stream/stop", ""),
    ("wg-render", "/wavegan/render", "si"),          # name pad
    ("wg-kit-save", "/wavegan/kit/save", "s"),       # name
    ("wg-kit-load", "/wavegan/kit/load", "s"),       # name
    ("wg-undo", "/wavegan/undo", ""),
    ("wg-style", "/wavegan/style", ""),   # name, a=w,b=w, or one weight per style (typed as sent)
]
REPLIES = ["pong", "pad", "error", "rendered", "status", "style"]

WHITE, BLACK = -262144, -1  # Pd's pre-0.51 colour codes: read by every Pd version


# -- Pure Data --------------------------------------------------------------------------------
def pd_escape(text: str) -> str:
    return text.replace("$", "\\$").replace(",", " \\,").replace(";", " \\;")


@dataclass
class PdCanvas:
    """Lines of a .pd file; every #X object/msg/atom/text gets the next index for #X connect."""

    width: int
    height: int
    lines: list[str] = field(default_factory=list)
    count: int = 0

    def _add(self, line: str) -> int:
        self.lines.append(line)
        self.count += 1
        return self.count - 1

    def obj(self, x: int, y: int, text: str) -> int:
        return self._add(f"#X obj {x} {y} {pd_escape(text)};")

    def msg(self, x: int, y: int, text: str) -> int:
        return self._add(f"#X msg {x} {y} {pd_escape(text)};")

    def comment(self, x: int, y: int, text: str) -> int:
        return self._add(f"#X text {x} {y} {pd_escape(text)};")

    # A receive name (``ui``) lets a headless test "click" the control with `-send "NAME ..."`.
    def floatatom(self, x: int, y: int, label: str = "-", width: int = 5, ui: str = "-") -> int:
        return self._add(f"#X floatatom {x} {y} {width} 0 0 2 {label} {ui} -;")

    def symbolatom(self, x: int, y: int, label: str = "-", width: int = 10, ui: str = "-") -> int:
        return self._add(f"#X symbolatom {x} {y} {width} 0 0 2 {label} {ui} -;")

    def bng(self, x: int, y: int, label: str = "empty", size: int = 22, send: str = "empty",
            ui: str = "empty") -> int:
        return self.obj(x, y, f"bng {size} 250 50 0 {send} {ui} {label} {size + 4} "
                              f"{size // 2} 0 12 {WHITE} {BLACK} {BLACK}")

    def tgl(self, x: int, y: int, label: str, ui: str = "empty") -> int:
        colours = f"{WHITE} {BLACK} {BLACK}"
        return self.obj(x, y, f"tgl 20 0 empty {ui} {label} 24 10 0 12 {colours} 0 1")

    def slider(self, x: int, y: int, kind: str, w: int, h: int, lo: float, hi: float,
               label: str, send: str = "empty") -> int:
        return self.obj(x, y, f"{kind} {w} {h} {lo} {hi} 0 0 {send} empty {label} 0 -10 "
                              f"0 12 {WHITE} {BLACK} {BLACK} 0 1")

    def connect(self, src: int, outlet: int, dst: int, inlet: int = 0) -> None:
        self.lines.append(f"#X connect {src} {outlet} {dst} {inlet};")

    def chain(self, *objs: int) -> None:
        for a, b in zip(objs, objs[1:]):
            self.connect(a, 0, b, 0)

    def text(self, font: int = 12, header_extra: str = "") -> str:
        head = f"#N canvas 40 40 {self.width} {self.height} {font};"
        return "\n".join([head, *self.lines, header_extra]).rstrip() + "\n"


def pd_pad_abstraction() -> str:
    """[wavegan-pad N]: a trigger and a randomize button for pad N (graph-on-parent)."""
    c = PdCanvas(420, 300)
    c.comment(10, 10, "wavegan-pad: [wavegan-pad N] = pad N (0-15). Needs wavegan.pd open (or "
                      "[wavegan] in your patch): it sends to [r wg-trigger] and [r wg-randomize].")
    c.comment(10, 40, "left inlet: bang or velocity 0-1 plays; right inlet: bang randomizes")
    trig = c.bng(102, 102, "$1", size=40, ui="wg-ui-pad-$1")
    rand = c.bng(148, 102, "rnd", size=14, ui="wg-ui-rnd-$1")
    in_play = c.obj(10, 170, "inlet")
    in_rand = c.obj(250, 170, "inlet")
    route = c.obj(10, 200, "route bang float")
    one = c.obj(10, 230, "f 1")
    prep = c.obj(10, 260, "list prepend $1")
    s_trig = c.obj(10, 290, "s wg-trigger")
    padnum = c.obj(250, 230, "f $1")
    s_rand = c.obj(250, 260, "s wg-randomize")
    c.chain(in_play, route)
    c.connect(route, 0, one)
    c.connect(route, 1, prep)
    c.connect(trig, 0, one)
    c.chain(one, prep, s_trig)
    c.connect(in_rand, 0, padnum)
    c.connect(rand, 0, padnum)
    c.chain(padnum, s_rand)
    return c.text(header_extra="#X coords 0 -1 1 1 72 46 2 100 100;")


def pd_main() -> str:
    c = PdCanvas(1250, 720)
    c.comment(10, 8, "wavegan - play the wavegan daemon over OSC (Pd vanilla 0.51+, no externals)")
    c.comment(10, 28, "1) start the daemon: wavegan serve   2) click 'connect' if you changed "
                      "host/port   3) play the pads")
    # connection: loadbang → connect host port replyport; replies come back to that port
    c.comment(10, 60, "host port reply-port (edit and click):")
    conn = c.msg(10, 80, f"{HOST} {PORT} {REPLY_PORT}")
    lb = c.obj(260, 60, "loadbang")
    c.connect(lb, 0, conn)
    r_conn = c.obj(380, 60, "r wg-connect")
    conn_t = c.obj(260, 85, "t a b")
    disconnect = c.msg(330, 110, "disconnect")
    conn_prep = c.obj(260, 135, "list prepend connect")
    conn_trim = c.obj(260, 160, "list trim")
    c.connect(conn, 0, conn_t)
    c.connect(r_conn, 0, conn_t)
    c.connect(conn_t, 1, disconnect)
    c.chain(conn_t, conn_prep, conn_trim)
    for i, name in enumerate(["ping", "status", "undo"]):
        c.bng(10 + 80 * i, 120, name, send=f"wg-{name}")
    # pads
    c.comment(10, 170, "pads: big button plays, small 'rnd' button randomizes")
    for pad in range(PADS):
        c.obj(10 + (pad % 4) * 80, 195 + (pad // 4) * 55, f"wavegan-pad {pad}")
    # volume and macros
    c.slider(360, 200, "hsl", 160, 18, 0, 1, "volume", send="wg-volume")
    c.comment(360, 240, "macros (-1..1, centre 0)")
    for k in range(MACROS):
        x = 360 + k * 40
        sl = c.slider(x, 280, "vsl", 18, 100, -1, 1, f"m{k}")
        prep = c.obj(x, 395 + (k % 2) * 25, f"list prepend {k}")
        c.connect(sl, 0, prep)
        c.connect(prep, 0, c.obj(x, 445 + (k % 2) * 25, "s wg-macro"))
    # morph
    c.comment(700, 170, "morph: A B t -> target")
    a = c.floatatom(700, 200, "A", 3, ui="wg-ui-morph-a")
    b = c.floatatom(750, 200, "B", 3, ui="wg-ui-morph-b")
    tgt = c.floatatom(800, 200, "target", 3, ui="wg-ui-morph-target")
    t = c.slider(700, 245, "hsl", 128, 15, 0, 1, "t")
    morph_b = c.bng(850, 240, "morph", ui="wg-ui-morph")
    t_tb = c.obj(700, 270, "t b f")
    pack = c.obj(700, 300, "pack 0 1 0.5 2")
    c.connect(t, 0, t_tb)
    c.connect(t_tb, 1, pack, 2)
    c.connect(t_tb, 0, pack, 0)
    c.connect(morph_b, 0, pack, 0)
    c.connect(b, 0, pack, 1)
    c.connect(tgt, 0, pack, 3)
    c.connect(a, 0, pack, 0)
    c.connect(pack, 0, c.obj(700, 325, "s wg-morph"))
    # the boxes show what [pack], [* 0.05] and [f 120] start with (their inlets are cold)
    c.connect(c.obj(930, 170, "loadbang"), 0, c.msg(930, 195, "; wg-ui-morph-b 1; "
                                                   "wg-ui-morph-target 2; wg-ui-walk-step 0.05; "
                                                   "wg-ui-bpm 120"))
    # walk
    c.comment(700, 360, "random walk: pad, step, on/off")
    wpad = c.floatatom(700, 385, "pad", 3, ui="wg-ui-walk-pad")
    wstep = c.floatatom(760, 385, "step", 5, ui="wg-ui-walk-step")
    wtgl = c.tgl(830, 385, "walk", ui="wg-ui-walk")
    wmul = c.obj(830, 415, "* 0.05")
    wtb = c.obj(830, 440, "t b f")
    wpack = c.obj(700, 465, "pack 0 0")
    c.connect(wstep, 0, wmul, 1)
    c.connect(wtgl, 0, wmul)
    c.connect(wmul, 0, wtb)
    c.connect(wtb, 1, wpack, 1)
    c.connect(wtb, 0, wpack, 0)
    c.connect(wpad, 0, wpack, 0)
    c.connect(wpack, 0, c.obj(700, 490, "s wg-walk"))
    # stream
    c.comment(10, 420, "stream phrases at BPM (MIDI clock wins when present)")
    bpm = c.floatatom(10, 445, "bpm", 5, ui="wg-ui-bpm")
    start = c.bng(80, 442, "start", ui="wg-ui-stream-start")
    c.bng(160, 442, "stop", send="wg-stream-stop")
    fbpm = c.obj(80, 475, "f 120")
    c.connect(bpm, 0, fbpm, 1)
    c.connect(start, 0, fbpm)
    c.connect(fbpm, 0, c.obj(80, 500, "s wg-stream-start"))
    # style (models trained with --styles-from)
    c.comment(260, 420, "style: type a name + enter (mixes: see docs/playing.md)")
    c.connect(c.symbolatom(260, 445, "style", 16, ui="wg-ui-style"), 0,
              c.obj(260, 475, "s wg-style"))
    # render and kits: a name and a pad
    c.comment(10, 540, "render pad to <name>.wav / kits by name (type a name, press enter)")
    name = c.symbolatom(10, 565, "name", 12, ui="wg-ui-name")
    rpad = c.floatatom(140, 565, "pad", 3, ui="wg-ui-render-pad")
    render = c.bng(200, 562, "render", ui="wg-ui-render")
    rtb = c.obj(200, 595, "t b b")
    rsym = c.obj(200, 620, "symbol take")
    rf = c.obj(290, 620, "f 0")
    rpack = c.obj(200, 645, "pack s 0")
    c.connect(render, 0, rtb)
    c.connect(rtb, 1, rf)
    c.connect(rtb, 0, rsym)
    c.connect(name, 0, rsym, 1)
    c.connect(rpad, 0, rf, 1)
    c.connect(rf, 0, rpack, 1)
    c.connect(rsym, 0, rpack)
    c.connect(rpack, 0, c.obj(200, 670, "s wg-render"))
    for i, (label, rcv) in enumerate([("save", "wg-kit-save"), ("load", "wg-kit-load")]):
        x = 370 + i * 90
        btn = c.bng(x, 562, f"kit-{label}", ui=f"wg-ui-kit-{label}")
        sym = c.obj(x, 620, "symbol kit")
        c.connect(name, 0, sym, 1)
        c.connect(btn, 0, sym)
        c.connect(sym, 0, c.obj(x, 645, f"s {rcv}"))
    # the OSC engine: one [r wg-x] → [oscformat] per address, all into one netsend
    c.comment(880, 8, "OSC out (one receiver per address)")
    prepend = c.obj(1000, 560, "list prepend send")
    trim = c.obj(1000, 585, "list trim")
    netsend = c.obj(1000, 610, "netsend -u -b")
    c.chain(prepend, trim, netsend)
    c.connect(disconnect, 0, netsend)
    c.connect(conn_trim, 0, netsend)
    for i, (rcv, address, fmt) in enumerate(SENDS):
        y = 30 + i * 36
        x = 880 - 20 * (i % 2)
        r = c.obj(x, y, f"r {rcv}")
        as_list = c.obj(x + 110, y, "list")  # "take1 3" (a symbol first) becomes a list
        flag = f"-f {fmt} " if fmt else ""
        parts = " ".join(address.strip("/").split("/"))
        f = c.obj(x + 150, y, f"oscformat {flag}{parts}")
        c.chain(r, as_list, f, prepend)
    # replies: netsend's right outlet → oscparse → route → print (stderr) and displays
    c.comment(420, 540, "replies from the daemon")
    parse = c.obj(420, 565, "oscparse")
    ptrim = c.obj(420, 590, "list trim")
    route = c.obj(420, 615, "route wavegan")
    split = c.obj(420, 640, "t a a")
    c.connect(netsend, 1, parse)
    c.chain(parse, ptrim, route, split)
    c.connect(split, 1, c.obj(520, 640, "print wavegan"))
    setp = c.obj(420, 665, "list prepend set")
    sett = c.obj(420, 690, "list trim")
    show = c.msg(550, 690, "-")
    c.connect(split, 0, setp)
    c.chain(setp, sett, show)
    kinds = c.obj(620, 570, "route " + " ".join(REPLIES))
    c.connect(route, 0, kinds)
    unpack = c.obj(720, 600, "unpack 0 0")
    c.connect(kinds, REPLIES.index("pad"), unpack)
    c.connect(unpack, 0, c.floatatom(720, 630, "pad", 3))
    c.connect(unpack, 1, c.floatatom(780, 630, "seed", 10))
    as_symbol = c.obj(880, 600, "symbol")  # the path arrives as a selector
    c.connect(kinds, REPLIES.index("rendered"), as_symbol)
    c.connect(as_symbol, 0, c.symbolatom(880, 630, "rendered", 24))
    c.connect(netsend, 0, c.floatatom(1000, 640, "connected", 2))
    return c.text()


# -- Max --------------------------------------------------------------------------------------
# inlets/outlets of the vanilla Max objects used here (class → (inlets, outlets or None = args+1))
MAX_IO: dict[str, tuple[int, int | None]] = {
    "loadbang": (1, 1), "udpsend": (1, 0), "udpreceive": (1, 1), "route": (2, None),
    "prepend": (2, 1), "s": (1, 0), "r": (1, 1), "t": (1, -1), "pack": (-1, 1),
    "f": (2, 1), "i": (2, 1), "*": (2, 1), "zl": (2, 2), "tosymbol": (1, 1), "print": (1, 0),
    "unpack": (1, -1),
}
MAX_UI_IO = {"message": (2, 1), "comment": (1, 0), "button": (1, 1), "toggle": (1, 1),
             "slider": (1, 1), "number": (1, 2), "flonum": (1, 2), "textedit": (1, 4)}


@dataclass
class MaxPatcher:
    boxes: list[dict] = field(default_factory=list)
    lines: list[dict] = field(default_factory=list)

    def _box(self, maxclass: str, x: float, y: float, w: float, h: float, ins: int, outs: int,
             **attrs) -> str:
        box_id = f"obj-{len(self.boxes) + 1}"
        box = {"id": box_id, "maxclass": maxclass, "numinlets": ins, "numoutlets": outs,
               "outlettype": [""] * outs, "patching_rect": [x, y, w, h], **attrs}
        self.boxes.append({"box": box})
        return box_id

    def obj(self, x: float, y: float, text: str, w: float | None = None) -> str:
        cls, *args = text.split()
        ins, outs = MAX_IO[cls]
        if cls == "route":
            outs = len(args) + 1
        if outs == -1:
            outs = len(args)
        if ins == -1:
            ins = len(args)
        return self._box("newobj", x, y, w or 8 * len(text) + 20, 22, ins, outs, text=text)

    def ui(self, maxclass: str, x: float, y: float, w: float = 24, h: float = 24,
           **attrs) -> str:
        ins, outs = MAX_UI_IO[maxclass]
        return self._box(maxclass, x, y, w, h, ins, outs, **attrs)

    def msg(self, x: float, y: float, text: str) -> str:
        return self.ui("message", x, y, 8 * len(text) + 20, 22, text=text)

    def comment(self, x: float, y: float, text: str, w: float = 300) -> str:
        return self.ui("comment", x, y, w, 20, text=text)

    def connect(self, src: str, outlet: int, dst: str, inlet: int = 0) -> None:
        self.lines.append({"patchline": {"source": [src, outlet], "destination": [dst, inlet]}})

    def chain(self, *ids: str) -> None:
        for a, b in zip(ids, ids[1:]):
            self.connect(a, 0, b, 0)

    def send(self, x: float, y: float, src: str, address: str, outlet: int = 0) -> None:
        """``src`` → [prepend /wavegan/x] → [s wg-out] (the one udpsend)."""
        prep = self.obj(x, y, f"prepend {address}")
        self.connect(src, outlet, prep)
        self.connect(prep, 0, self.obj(x, y + 28, "s wg-out"))

    def json(self) -> str:
        patcher = {
            "fileversion": 1,
            "appversion": {"major": 8, "minor": 5, "revision": 0, "architecture": "x64",
                           "modernui": 1},
            "classnamespace": "box", "rect": [40.0, 80.0, 1180.0, 840.0],
            "default_fontsize": 12.0, "default_fontname": "Arial", "gridsize": [15.0, 15.0],
            "boxes": self.boxes, "lines": self.lines,
        }
        return json.dumps({"patcher": patcher}, indent=1) + "\n"


def max_main() -> str:
    m = MaxPatcher()
    m.comment(10, 8, "wavegan - play the wavegan daemon over OSC (Max 8, vanilla objects)", 600)
    m.comment(10, 28, f"start the daemon with: wavegan serve --reply-port {REPLY_PORT}   "
                      "(Max's udpsend cannot receive, so replies go to udpreceive)", 800)
    # connection
    m.comment(10, 60, "host / port (click to apply)", 200)
    host = m.msg(10, 82, f"host {HOST}")
    port = m.msg(130, 82, f"port {PORT}")
    rport = m.msg(230, 82, f"port {REPLY_PORT}")
    r_out = m.obj(10, 120, "r wg-out")
    udpsend = m.obj(10, 150, f"udpsend {HOST} {PORT}")
    m.connect(r_out, 0, udpsend)
    m.connect(host, 0, udpsend)
    m.connect(port, 0, udpsend)
    for label, address, x in [("ping", "/wavegan/ping", 340), ("status", "/wavegan/status", 420),
                              ("undo", "/wavegan/undo", 500)]:
        m.comment(x + 28, 82, label, 60)
        btn = m.ui("button", x, 82)
        msg = m.msg(x, 115, address)
        m.connect(btn, 0, msg)
        m.connect(msg, 0, m.obj(x, 145, "s wg-out"))
    # pads: a big button plays, a small one randomizes
    m.comment(10, 190, "pads: big button plays, small button randomizes", 400)
    for pad in range(PADS):
        x, y = 10 + (pad % 4) * 150, 215 + (pad // 4) * 70
        m.comment(x, y, str(pad), 30)
        play = m.ui("button", x + 20, y, 36, 36)
        rnd = m.ui("button", x + 60, y + 12, 18, 18)
        play_msg = m.msg(x, y + 42, f"/wavegan/trigger {pad} 1.")
        rnd_msg = m.msg(x + 90, y + 42, f"/wavegan/randomize {pad}")
        out = m.obj(x + 100, y, "s wg-out")
        m.connect(play, 0, play_msg)
        m.connect(rnd, 0, rnd_msg)
        m.connect(play_msg, 0, out)
        m.connect(rnd_msg, 0, out)
    # volume and macros
    vol = m.ui("slider", 620, 215, 160, 22, floatoutput=1, size=1.0, min=0.0)
    m.comment(785, 215, "volume", 60)
    m.send(620, 245, vol, "/wavegan/volume")
    m.comment(620, 300, "macros (-1..1, centre 0)", 200)
    for k in range(MACROS):
        x = 620 + k * 45
        sl = m.ui("slider", x, 325, 22, 110, floatoutput=1, size=2.0, min=-1.0)
        m.send(x, 440 + (k % 2) * 60, sl, f"/wavegan/macro {k}")
    # morph: A B target numbers, t slider, morph button
    m.comment(10, 500, "morph A B t -> target", 200)
    a = m.ui("number", 10, 525, 40, 22)
    b = m.ui("number", 60, 525, 40, 22)
    tgt = m.ui("number", 110, 525, 40, 22)
    t = m.ui("slider", 160, 525, 120, 22, floatoutput=1, size=1.0, min=0.0)
    go = m.ui("button", 290, 525)
    tb = m.obj(160, 555, "t b f")
    pack = m.obj(10, 585, "pack 0 1 0.5 2")
    m.connect(t, 0, tb)
    m.connect(tb, 1, pack, 2)
    m.connect(tb, 0, pack, 0)
    m.connect(go, 0, pack, 0)
    m.connect(a, 0, pack, 0)
    m.connect(b, 0, pack, 1)
    m.connect(tgt, 0, pack, 3)
    m.send(10, 615, pack, "/wavegan/morph")
    # the boxes show what [pack], [* 0.05] and [f 120.] start with (set: nothing is sent)
    shown = m.obj(160, 470, "loadbang")
    for x, box, text in ((60, b, "set 1"), (110, tgt, "set 2")):
        m.chain(shown, m.msg(x, 497, text), box)
    # walk
    m.comment(330, 500, "walk: pad, step, on/off", 200)
    wpad = m.ui("number", 330, 525, 40, 22)
    wstep = m.ui("flonum", 380, 525, 50, 22)
    wtgl = m.ui("toggle", 440, 525)
    wmul = m.obj(440, 555, "* 0.05")
    wtb = m.obj(440, 585, "t b f")
    wpack = m.obj(330, 615, "pack 0 0.")
    m.connect(wstep, 0, wmul, 1)
    m.connect(wtgl, 0, wmul)
    m.connect(wmul, 0, wtb)
    m.connect(wtb, 1, wpack, 1)
    m.connect(wtb, 0, wpack, 0)
    m.connect(wpad, 0, wpack, 0)
    m.send(330, 645, wpack, "/wavegan/walk")
    m.chain(shown, m.msg(380, 497, "set 0.05"), wstep)
    # stream
    m.comment(520, 500, "stream at BPM (MIDI clock wins)", 220)
    bpm = m.ui("flonum", 520, 525, 50, 22)
    start = m.ui("button", 580, 525)
    stop = m.ui("button", 620, 525)
    fbpm = m.obj(520, 555, "f 120.")
    m.chain(shown, m.msg(575, 497, "set 120."), bpm)
    m.connect(bpm, 0, fbpm, 1)
    m.connect(start, 0, fbpm)
    m.send(520, 585, fbpm, "/wavegan/stream/start")
    stop_msg = m.msg(620, 555, "/wavegan/stream/stop")
    m.connect(stop, 0, stop_msg)
    m.connect(stop_msg, 0, m.obj(620, 645, "s wg-out"))
    # style (models trained with --styles-from)
    m.comment(520, 660, "style: a name, or a=0.7 b=0.3, return", 220)
    style = m.ui("textedit", 520, 685, 140, 22)
    stext = m.obj(520, 715, "route text")
    ssym = m.obj(520, 745, "tosymbol")
    m.chain(style, stext, ssym)
    m.send(520, 775, ssym, "/wavegan/style")
    # render / kits: a name (textedit, press return) and a pad number
    m.comment(760, 500, "name (type, return) / render pad / kit save / load", 360)
    name = m.ui("textedit", 760, 525, 140, 22)
    rname = m.obj(760, 555, "route text")
    store = m.obj(760, 585, "zl reg")
    m.chain(name, rname)
    m.connect(rname, 0, store, 1)
    rpad = m.ui("number", 910, 525, 40, 22)
    render = m.ui("button", 960, 525)
    rtb = m.obj(960, 555, "t b b")
    ri = m.obj(1010, 585, "i")
    rstore = m.obj(900, 615, "zl reg")
    rsym = m.obj(900, 645, "tosymbol")
    rpack = m.obj(900, 675, "pack s 0")
    m.connect(rname, 0, rstore, 1)
    m.connect(rpad, 0, ri, 1)
    m.connect(render, 0, rtb)
    m.connect(rtb, 1, ri)
    m.connect(rtb, 0, rstore)
    m.connect(ri, 0, rpack, 1)
    m.chain(rstore, rsym, rpack)
    m.send(900, 705, rpack, "/wavegan/render")
    for i, (label, address) in enumerate([("save", "/wavegan/kit/save"),
                                          ("load", "/wavegan/kit/load")]):
        btn = m.ui("button", 1010 + i * 40, 525)
        m.comment(1000 + i * 40, 550, label, 40)
        reg = m.obj(760 + i * 70, 675, "zl reg")
        m.connect(rname, 0, reg, 1)
        m.connect(btn, 0, reg)
        sym = m.obj(760 + i * 70, 705, "tosymbol")
        m.connect(reg, 0, sym)
        m.send(760 + i * 70, 735, sym, address)
    # replies
    m.comment(620, 60, f"replies (udpreceive {REPLY_PORT})", 200)
    udpr = m.obj(620, 82, f"udpreceive {REPLY_PORT}")
    m.connect(rport, 0, udpr)
    route = m.obj(620, 112, "route " + " ".join(f"/wavegan/{r}" for r in REPLIES))
    m.connect(udpr, 0, route)
    m.connect(udpr, 0, m.obj(900, 82, "print wavegan"))
    for i, kind in enumerate(REPLIES):
        setp = m.obj(620 + i * 110, 142, "prepend set")
        m.connect(route, i, setp)
        m.comment(620 + i * 110, 165, kind, 100)
        m.connect(setp, 0, m.msg(620 + i * 110, 185, "-"))
    return m.json()


def main() -> None:
    (HERE / "wavegan.pd").write_text(pd_main())
    (HERE / "wavegan-pad.pd").write_text(pd_pad_abstraction())
    (HERE / "wavegan.maxpat").write_text(max_main())


if __name__ == "__main__":
    main()
