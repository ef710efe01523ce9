"""wavegan.maxpat, written as Max 8 patcher JSON with vanilla objects only."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from patch_controls import HOST, MACROS, PADS, PORT, REPLIES, REPLY_PORT

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
            "classnamespace": "box", "rect": [40.0, 80.0, 1400.0, 1060.0],
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
    m.comment(10, 190, "pads: big button plays, small button randomizes; below: a kit's "
                       "instrument", 400)
    shows = []   # each pad's instrument display ("set snare" arrives from the replies)
    for pad in range(PADS):
        x, y = 10 + (pad % 4) * 150, 215 + (pad // 4) * 90
        shows.append(m.obj(x + 90, y + 66, "prepend set"))
        m.connect(shows[-1], 0, m.ui("message", x, y + 66, 86, 22, text="-"))
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
    m.comment(10, 610, "morph A B t -> target", 200)
    a = m.ui("number", 10, 635, 40, 22)
    b = m.ui("number", 60, 635, 40, 22)
    tgt = m.ui("number", 110, 635, 40, 22)
    t = m.ui("slider", 160, 635, 120, 22, floatoutput=1, size=1.0, min=0.0)
    go = m.ui("button", 290, 635)
    tb = m.obj(160, 665, "t b f")
    pack = m.obj(10, 695, "pack 0 1 0.5 2")
    m.connect(t, 0, tb)
    m.connect(tb, 1, pack, 2)
    m.connect(tb, 0, pack, 0)
    m.connect(go, 0, pack, 0)
    m.connect(a, 0, pack, 0)
    m.connect(b, 0, pack, 1)
    m.connect(tgt, 0, pack, 3)
    m.send(10, 725, pack, "/wavegan/morph")
    # the boxes show what [pack], [* 0.05] and [f 120.] start with (set: nothing is sent)
    shown = m.obj(160, 580, "loadbang")
    for x, box, text in ((60, b, "set 1"), (110, tgt, "set 2")):
        m.chain(shown, m.msg(x, 607, text), box)
    # walk
    m.comment(330, 610, "walk: pad, step, on/off", 200)
    wpad = m.ui("number", 330, 635, 40, 22)
    wstep = m.ui("flonum", 380, 635, 50, 22)
    wtgl = m.ui("toggle", 440, 635)
    wmul = m.obj(440, 665, "* 0.05")
    wtb = m.obj(440, 695, "t b f")
    wpack = m.obj(330, 725, "pack 0 0.")
    m.connect(wstep, 0, wmul, 1)
    m.connect(wtgl, 0, wmul)
    m.connect(wmul, 0, wtb)
    m.connect(wtb, 1, wpack, 1)
    m.connect(wtb, 0, wpack, 0)
    m.connect(wpad, 0, wpack, 0)
    m.send(330, 755, wpack, "/wavegan/walk")
    m.chain(shown, m.msg(380, 607, "set 0.05"), wstep)
    # stream
    m.comment(520, 610, "stream at BPM (MIDI clock wins)", 220)
    bpm = m.ui("flonum", 520, 635, 50, 22)
    start = m.ui("button", 580, 635)
    stop = m.ui("button", 620, 635)
    fbpm = m.obj(520, 665, "f 120.")
    m.chain(shown, m.msg(575, 607, "set 120."), bpm)
    m.connect(bpm, 0, fbpm, 1)
    m.connect(start, 0, fbpm)
    m.send(520, 695, fbpm, "/wavegan/stream/start")
    stop_msg = m.msg(620, 665, "/wavegan/stream/stop")
    m.connect(stop, 0, stop_msg)
    m.connect(stop_msg, 0, m.obj(620, 755, "s wg-out"))
    # style (models trained with --styles-from)
    m.comment(520, 770, "style: a name, or a=0.7 b=0.3, return", 220)
    style = m.ui("textedit", 520, 795, 140, 22)
    stext = m.obj(520, 825, "route text")
    ssym = m.obj(520, 855, "tosymbol")
    m.chain(style, stext, ssym)
    m.send(520, 885, ssym, "/wavegan/style")
    # render / kits: a name (textedit, press return) and a pad number
    m.comment(760, 610, "name (type, return) / render pad / kit save / load", 360)
    name = m.ui("textedit", 760, 635, 140, 22)
    rname = m.obj(760, 665, "route text")
    store = m.obj(760, 695, "zl reg")
    m.chain(name, rname)
    m.connect(rname, 0, store, 1)
    rpad = m.ui("number", 910, 635, 40, 22)
    render = m.ui("button", 960, 635)
    rtb = m.obj(960, 665, "t b b")
    ri = m.obj(1010, 695, "i")
    rstore = m.obj(900, 725, "zl reg")
    rsym = m.obj(900, 755, "tosymbol")
    rpack = m.obj(900, 785, "pack s 0")
    m.connect(rname, 0, rstore, 1)
    m.connect(rpad, 0, ri, 1)
    m.connect(render, 0, rtb)
    m.connect(rtb, 1, ri)
    m.connect(rtb, 0, rstore)
    m.connect(ri, 0, rpack, 1)
    m.chain(rstore, rsym, rpack)
    m.send(900, 815, rpack, "/wavegan/render")
    for i, (label, address) in enumerate([("save", "/wavegan/kit/save"),
                                          ("load", "/wavegan/kit/load")]):
        btn = m.ui("button", 1010 + i * 40, 635)
        m.comment(1000 + i * 40, 660, label, 40)
        reg = m.obj(760 + i * 70, 785, "zl reg")
        m.connect(rname, 0, reg, 1)
        m.connect(btn, 0, reg)
        sym = m.obj(760 + i * 70, 815, "tosymbol")
        m.connect(reg, 0, sym)
        m.send(760 + i * 70, 845, sym, address)
    # a kit's instruments: pad number, a name (return) sets it; the button asks for all
    m.comment(10, 790, "kit models: pad, instrument (return) / show all", 300)
    ipad = m.ui("number", 10, 815, 40, 22)
    iname = m.ui("textedit", 60, 815, 120, 22)
    ask = m.ui("button", 190, 815)
    itext = m.obj(60, 845, "route text")
    isym = m.obj(60, 875, "tosymbol")
    itb = m.obj(60, 905, "t b s")
    ipi = m.obj(10, 935, "i")
    ipack = m.obj(10, 965, "pack 0 s")
    m.chain(iname, itext, isym, itb)
    m.connect(ipad, 0, ipi, 1)
    m.connect(itb, 1, ipack, 1)
    m.connect(itb, 0, ipi)
    m.chain(ipi, ipack)
    m.send(10, 995, ipack, "/wavegan/pad/instrument")
    ask_msg = m.msg(190, 845, "/wavegan/instruments")
    m.connect(ask, 0, ask_msg)
    m.connect(ask_msg, 0, m.obj(190, 875, "s wg-out"))
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
    # "/wavegan/instrument 3 snare" → the display under pad 3
    by_pad = m.obj(980, 290, "route " + " ".join(str(pad) for pad in range(PADS)))
    m.connect(route, REPLIES.index("instrument"), by_pad)
    for pad, show in enumerate(shows):
        m.connect(by_pad, pad, show)
    return m.json()

