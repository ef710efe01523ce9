"""wavegan.pd and the [wavegan-pad N] abstraction, written as Pd vanilla text."""

from __future__ import annotations

from dataclasses import dataclass, field

from patch_controls import HOST, MACROS, PADS, PORT, REPLIES, REPLY_PORT, SENDS

WHITE, BLACK = -262144, -1  # Pd's pre-0.51 colour codes: read by every Pd version


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
        return self._add(f"#X floatatom {x} {y} {width} 0 0 2 {label} {pd_escape(ui)} -;")

    def symbolatom(self, x: int, y: int, label: str = "-", width: int = 10, ui: str = "-") -> int:
        return self._add(f"#X symbolatom {x} {y} {width} 0 0 2 {label} {pd_escape(ui)} -;")

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
    c.comment(10, 40, "left inlet: bang or velocity 0-1 plays; right inlet: bang randomizes; "
                      "below the pad: its instrument (kit models)")
    trig = c.bng(102, 102, "$1", size=40, ui="wg-ui-pad-$1")
    rand = c.bng(148, 102, "rnd", size=14, ui="wg-ui-rnd-$1")
    c.symbolatom(101, 145, "-", 8, ui="wg-ui-inst-$1")   # set by wavegan.pd's replies
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
    return c.text(header_extra="#X coords 0 -1 1 1 72 68 2 100 100;")


def pd_main() -> str:
    c = PdCanvas(1450, 880)
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
        c.obj(10 + (pad % 4) * 80, 195 + (pad // 4) * 75, f"wavegan-pad {pad}")
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
    # stream, style and a kit's instruments (below the pads)
    low = 500
    c.comment(10, low, "stream phrases at BPM (MIDI clock wins when present)")
    bpm = c.floatatom(10, low + 25, "bpm", 5, ui="wg-ui-bpm")
    start = c.bng(80, low + 22, "start", ui="wg-ui-stream-start")
    c.bng(160, low + 22, "stop", send="wg-stream-stop")
    fbpm = c.obj(80, low + 55, "f 120")
    c.connect(bpm, 0, fbpm, 1)
    c.connect(start, 0, fbpm)
    c.connect(fbpm, 0, c.obj(80, low + 80, "s wg-stream-start"))
    # style (models trained with --styles-from)
    c.comment(260, low, "style: type a name + enter (mixes: see docs/playing.md)")
    c.connect(c.symbolatom(260, low + 25, "style", 16, ui="wg-ui-style"), 0,
              c.obj(260, low + 55, "s wg-style"))
    # a kit's instruments: set one pad's (pad, then a name + enter); every pad shows its own
    c.comment(700, low, "kit models: pad, instrument name + enter")
    ipad = c.floatatom(700, low + 25, "pad", 3, ui="wg-ui-instrument-pad")
    iname = c.symbolatom(750, low + 25, "instrument", 10, ui="wg-ui-instrument-name")
    c.bng(880, low + 22, "instruments", send="wg-instruments")
    itb = c.obj(750, low + 55, "t b s")
    ipf = c.obj(700, low + 80, "f 0")
    ipack = c.obj(700, low + 105, "pack 0 s")
    c.connect(ipad, 0, ipf, 1)
    c.connect(iname, 0, itb)
    c.connect(itb, 1, ipack, 1)
    c.connect(itb, 0, ipf)
    c.chain(ipf, ipack, c.obj(700, low + 130, "s wg-instrument"))
    # render and kits: a name and a pad
    low = 640
    c.comment(10, low, "render pad to <name>.wav / kits by name (type a name, press enter)")
    name = c.symbolatom(10, low + 25, "name", 12, ui="wg-ui-name")
    rpad = c.floatatom(140, low + 25, "pad", 3, ui="wg-ui-render-pad")
    render = c.bng(200, low + 22, "render", ui="wg-ui-render")
    rtb = c.obj(200, low + 55, "t b b")
    rsym = c.obj(200, low + 80, "symbol take")
    rf = c.obj(290, low + 80, "f 0")
    rpack = c.obj(200, low + 105, "pack s 0")
    c.connect(render, 0, rtb)
    c.connect(rtb, 1, rf)
    c.connect(rtb, 0, rsym)
    c.connect(name, 0, rsym, 1)
    c.connect(rpad, 0, rf, 1)
    c.connect(rf, 0, rpack, 1)
    c.connect(rsym, 0, rpack)
    c.connect(rpack, 0, c.obj(200, low + 130, "s wg-render"))
    for i, (label, rcv) in enumerate([("save", "wg-kit-save"), ("load", "wg-kit-load")]):
        x = 340 + i * 80
        btn = c.bng(x, low + 22, f"kit-{label}", ui=f"wg-ui-kit-{label}")
        sym = c.obj(x, low + 80, "symbol kit")
        c.connect(name, 0, sym, 1)
        c.connect(btn, 0, sym)
        c.connect(sym, 0, c.obj(x, low + 105, f"s {rcv}"))
    # the OSC engine: one [r wg-x] → [oscformat] per address, all into one netsend
    c.comment(1080, 8, "OSC out (one receiver per address)")
    prepend = c.obj(1220, 760, "list prepend send")
    trim = c.obj(1220, 785, "list trim")
    netsend = c.obj(1220, 810, "netsend -u -b")
    c.chain(prepend, trim, netsend)
    c.connect(disconnect, 0, netsend)
    c.connect(conn_trim, 0, netsend)
    for i, (rcv, address, fmt) in enumerate(SENDS):
        y = 30 + i * 36
        x = 1100 - 20 * (i % 2)
        r = c.obj(x, y, f"r {rcv}")
        as_list = c.obj(x + 110, y, "list")  # "take1 3" (a symbol first) becomes a list
        flag = f"-f {fmt} " if fmt else ""
        parts = " ".join(address.strip("/").split("/"))
        f = c.obj(x + 150, y, f"oscformat {flag}{parts}")
        c.chain(r, as_list, f, prepend)
    # replies: netsend's right outlet → oscparse → route → print (stderr) and displays
    low = 640
    c.comment(540, low, "replies from the daemon")
    parse = c.obj(540, low + 25, "oscparse")
    ptrim = c.obj(540, low + 50, "list trim")
    route = c.obj(540, low + 75, "route wavegan")
    split = c.obj(540, low + 100, "t a a")
    c.connect(netsend, 1, parse)
    c.chain(parse, ptrim, route, split)
    c.connect(split, 1, c.obj(640, low + 100, "print wavegan"))
    setp = c.obj(540, low + 125, "list prepend set")
    sett = c.obj(540, low + 150, "list trim")
    show = c.msg(540, low + 180, "-")
    c.connect(split, 0, setp)
    c.chain(setp, sett, show)
    kinds = c.obj(760, low + 25, "route " + " ".join(REPLIES))
    c.connect(route, 0, kinds)
    unpack = c.obj(760, low + 55, "unpack 0 0")
    c.connect(kinds, REPLIES.index("pad"), unpack)
    c.connect(unpack, 0, c.floatatom(760, low + 85, "pad", 3))
    c.connect(unpack, 1, c.floatatom(820, low + 85, "seed", 10))
    as_symbol = c.obj(900, low + 55, "symbol")  # the path arrives as a selector
    c.connect(kinds, REPLIES.index("rendered"), as_symbol)
    c.connect(as_symbol, 0, c.symbolatom(900, low + 85, "rendered", 24))
    # "instrument 3 snare" → the display under [wavegan-pad 3]
    c.connect(kinds, REPLIES.index("instrument"),
              c.msg(760, low + 125, "; wg-ui-inst-$1 set $2"))
    c.connect(netsend, 0, c.floatatom(1220, 840, "connected", 2))
    return c.text()

