"""The OSC API as data: address → (argument spec, plain handler). Transport-free.

Handlers take ``(controller, args, reply)`` and return nothing; they raise ``ValueError`` /
``FileNotFoundError`` / ``TypeError`` for bad requests, which the router turns into
``/wavegan/error <address> <message>``. Numbers may arrive as OSC ints or floats (Pd sends
floats).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from wavegan import __version__

log = logging.getLogger("wavegan.serve")

OSC_REPLIES: dict[str, str] = {
    "/wavegan/pong": "version:str",
    "/wavegan/status": "key:str value … (pairs: version, model, sample_rate, phrase_len, "
                       "phrase_seconds, pads, tempo, tempo_source, streaming, audio, voices, "
                       "xruns, stolen_voices, volume, styles, style, "
                       "precision, instruments) — instruments: a kit's, pad by pad, "
                       "else none; a kit's styles are its instrument classes and its style "
                       "the groove its stream plays",
    "/wavegan/style": "style:str (what now plays: a name such as funk, or a mix funk70-rock30)",
    "/wavegan/pad": "pad:int seed:int (-1 = no seed): the pad's new phrase is playable",
    "/wavegan/instrument": "pad:int name:str: what a kit's pad plays (after "
                           "/wavegan/pad/instrument, /wavegan/instruments, /wavegan/kit/load)",
    "/wavegan/rendered": "path:str",
    "/wavegan/kit/saved": "path:str",
    "/wavegan/error": "address:str message:str",
}


def clip(text: str, limit: int = 200) -> str:
    """``text`` cut to ``limit`` characters: an error reply quoting a huge argument or address
    must still fit one UDP datagram."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _num(args: list, i: int, name: str, default: Any = ...) -> float:
    if i >= len(args):
        if default is ...:
            raise TypeError(f"missing argument {name}")
        return default
    v = args[i]
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError(f"{name} must be a number, got {type(v).__name__} {v!r}")
    return v


def _str(args: list, i: int, name: str) -> str:
    if i >= len(args) or not isinstance(args[i], str):
        raise TypeError(f"{name} must be a string")
    return args[i]


def _status(ctl, args, reply) -> None:
    flat: list[Any] = []
    for k, v in ctl.status().items():
        flat += [k, v if isinstance(v, (int, float, str)) else str(v)]
    reply("/wavegan/status", *flat)


def _render(ctl, args, reply) -> None:
    name = _str(args, 0, "name")
    what = args[1] if len(args) > 1 else None
    if what is not None and (isinstance(what, bool) or not isinstance(what, (int, float))):
        raise TypeError("render's second argument is a pad (int) or seconds (float)")
    ctl.render(name, float(what) if isinstance(what, float) else what, reply=reply)


def _style(ctl, args, reply) -> None:
    if args and all(isinstance(a, str) for a in args):   # "funk", "funk=0.7 rock=0.3" (Pd: ss)
        choice: Any = ",".join(args)
    else:
        choice = [_num(args, i, "style") for i in range(max(1, len(args)))]
    reply("/wavegan/style", ctl.set_style(choice))


def _kit_save(ctl, args, reply) -> None:
    reply("/wavegan/kit/saved", str(ctl.kit_save(_str(args, 0, "name"))))


Handler = Callable[[Any, list, Callable[..., None]], None]

ROUTES: dict[str, tuple[str, Handler]] = {
    "/wavegan/ping": ("", lambda c, a, r: r("/wavegan/pong", __version__)),
    "/wavegan/status": ("", _status),
    "/wavegan/trigger": ("pad:int [velocity:float 0..1]",
                         lambda c, a, r: c.trigger(_num(a, 0, "pad"), _num(a, 1, "velocity", 1.0))),
    "/wavegan/release": ("pad:int", lambda c, a, r: c.release(_num(a, 0, "pad"))),
    "/wavegan/choke": ("pad:int on:int", lambda c, a, r: c.set_choke(_num(a, 0, "pad"),
                                                                     _num(a, 1, "on"))),
    "/wavegan/randomize": ("pad:int [seed:int]", lambda c, a, r: c.randomize(
        _num(a, 0, "pad"), None if len(a) < 2 else int(_num(a, 1, "seed")), reply=r)),
    "/wavegan/z": ("pad:int z:float × latent_dim", lambda c, a, r: c.set_z(
        _num(a, 0, "pad"), [_num(a, i, f"z[{i - 1}]") for i in range(1, len(a))], reply=r)),
    "/wavegan/morph": ("a:int b:int t:float 0..1 target:int", lambda c, a, r: c.morph(
        _num(a, 0, "a"), _num(a, 1, "b"), _num(a, 2, "t"), _num(a, 3, "target"), reply=r)),
    "/wavegan/macro": ("k:int 0..7 value:float -1..1",
                       lambda c, a, r: c.set_macro(_num(a, 0, "k"), _num(a, 1, "value"))),
    "/wavegan/walk": ("pad:int step:float 0..1 (0 = off)",
                      lambda c, a, r: c.walk(_num(a, 0, "pad"), _num(a, 1, "step"))),
    "/wavegan/pad/instrument": ("pad:int name:str (a kit model's class: kick, snare …)",
                                lambda c, a, r: c.set_instrument(
                                    _num(a, 0, "pad"), _str(a, 1, "name"), reply=r)),
    "/wavegan/instruments": ("",
                             lambda c, a, r: c.instruments(reply=r)),
    "/wavegan/undo": ("", lambda c, a, r: c.undo(reply=r)),
    "/wavegan/stream/start": ("[bpm:float]", lambda c, a, r: c.stream_start(
        _num(a, 0, "bpm", None))),
    "/wavegan/stream/stop": ("", lambda c, a, r: c.stream_stop()),
    "/wavegan/tempo": ("bpm:float", lambda c, a, r: c.set_tempo(_num(a, 0, "bpm"))),
    "/wavegan/render": ("name:str [pad:int | seconds:float]", _render),
    "/wavegan/render/morph": ("name:str a:int b:int steps:int", lambda c, a, r: c.render(
        _str(a, 0, "name"), ("morph", _num(a, 1, "a"), _num(a, 2, "b"), _num(a, 3, "steps")),
        reply=r)),
    "/wavegan/kit/save": ("name:str", _kit_save),
    "/wavegan/kit/load": ("name:str", lambda c, a, r: c.kit_load(_str(a, 0, "name"), reply=r)),
    "/wavegan/style": ("name:str | index:int | weight:float × styles (a mix) | mix:str "
                       "a=w,b=w (or several strings a=w b=w)", _style),
    "/wavegan/volume": ("volume:float 0..1", lambda c, a, r: c.set_volume(_num(a, 0, "volume"))),
}

OSC_ADDRESSES: dict[str, str] = {address: spec for address, (spec, _) in ROUTES.items()}


class Router:
    """Dispatch one decoded message; every failure becomes an error reply, never an exception."""

    def __init__(self, controller):
        self.controller = controller
        self.handled = 0
        self.errors = 0

    def dispatch(self, address: str, args: list, reply: Callable[..., None]) -> None:
        route = ROUTES.get(address)
        try:
            if route is None:
                raise ValueError(f"unknown address (see docs/osc-api.md); "
                                 f"{len(ROUTES)} addresses known")
            route[1](self.controller, list(args), reply)
            self.handled += 1
        except (ValueError, TypeError, FileNotFoundError, RuntimeError, OverflowError) as exc:
            self.errors += 1
            reply("/wavegan/error", clip(address), clip(str(exc)))
        except Exception as exc:  # a bug must not take the daemon down either
            self.errors += 1
            log.exception("handler for %s failed", clip(address))
            reply("/wavegan/error", clip(address), clip(f"internal error: {exc}"))
