"""The OSC router on its own: decoded messages in, controller calls and replies out. No daemon,
no socket, no model: a recording controller stands in (the real stack is
tests/test_server_osc.py)."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from server.osc_api import OSC_ADDRESSES, OSC_REPLIES, ROUTES, Router
from wavegan import __version__


class Recorder:
    """Records every controller call (keyword ``reply`` kept apart); ``fail`` raises from a
    method, ``returns`` gives a method's result."""

    def __init__(self, fail: dict[str, Exception] | None = None, **returns):
        self.calls: list[tuple] = []
        self.replies_to: list = []
        self.fail = fail or {}
        self.returns = returns

    def __getattr__(self, name):
        def call(*args, reply=None):
            if name in self.fail:
                raise self.fail[name]
            self.calls.append((name, *args))
            self.replies_to.append(reply)
            return self.returns.get(name)
        return call


def send(address: str, *args, controller=None):
    """(controller, replies) after dispatching one message."""
    ctl = controller if controller is not None else Recorder()
    replies: list[tuple] = []
    Router(ctl).dispatch(address, list(args), lambda *a: replies.append(a))
    return ctl, replies


@pytest.mark.parametrize("address, args, call", [
    ("/wavegan/trigger", (3,), ("trigger", 3, 1.0)),
    ("/wavegan/trigger", (3.0, 0.5), ("trigger", 3.0, 0.5)),        # Pd sends floats
    ("/wavegan/release", (15,), ("release", 15)),
    ("/wavegan/choke", (2, 1), ("set_choke", 2, 1)),
    ("/wavegan/randomize", (4,), ("randomize", 4, None)),
    ("/wavegan/randomize", (4, 77.0), ("randomize", 4, 77)),           # a float seed → int
    ("/wavegan/z", (1, 0.5, -0.5), ("set_z", 1, [0.5, -0.5])),
    ("/wavegan/z", (1,), ("set_z", 1, [])),                            # the controller judges
    ("/wavegan/morph", (0, 1, 0.25, 2), ("morph", 0, 1, 0.25, 2)),
    ("/wavegan/macro", (7, -1.0), ("set_macro", 7, -1.0)),
    ("/wavegan/walk", (5, 0.0), ("walk", 5, 0.0)),
    ("/wavegan/undo", (), ("undo",)),
    ("/wavegan/stream/start", (), ("stream_start", None)),
    ("/wavegan/stream/start", (96.5,), ("stream_start", 96.5)),
    ("/wavegan/stream/stop", (), ("stream_stop",)),
    ("/wavegan/tempo", (140,), ("set_tempo", 140)),                    # through the controller
    ("/wavegan/render", ("a",), ("render", "a", None)),
    ("/wavegan/render", ("a", 3), ("render", "a", 3)),                 # an int: a pad
    ("/wavegan/render", ("a", 2.5), ("render", "a", 2.5)),             # a float: seconds
    ("/wavegan/render/morph", ("m", 0, 1, 8), ("render", "m", ("morph", 0, 1, 8))),
    ("/wavegan/kit/load", ("k",), ("kit_load", "k")),
    ("/wavegan/volume", (0.25,), ("set_volume", 0.25)),
])
def test_each_address_calls_the_controller_with_its_arguments(address, args, call):
    ctl, replies = send(address, *args)
    assert ctl.calls == [call] and replies == []


def test_requests_whose_answer_comes_later_hand_the_reply_to_the_controller():
    for address, args in (("/wavegan/randomize", (0,)), ("/wavegan/z", (0, 0.1)),
                          ("/wavegan/morph", (0, 1, 0.5, 2)), ("/wavegan/undo", ()),
                          ("/wavegan/render", ("a",)), ("/wavegan/render/morph", ("a", 0, 1, 2)),
                          ("/wavegan/kit/load", ("k",))):
        replies: list[tuple] = []
        ctl = Recorder()
        Router(ctl).dispatch(address, list(args), replies.append)
        ctl.replies_to[0](("/wavegan/pad", 0, 1))
        assert replies == [("/wavegan/pad", 0, 1)], address


def test_ping_answers_with_the_version():
    ctl, replies = send("/wavegan/ping", "extra arguments are ignored")
    assert replies == [("/wavegan/pong", __version__)] and ctl.calls == []


def test_status_flattens_the_controller_status_into_pairs():
    ctl = Recorder(status={"version": "1", "pads": 16, "tempo": 120.0, "none": None,
                           "list": [1, 2]})
    _, replies = send("/wavegan/status", controller=ctl)
    assert replies == [("/wavegan/status", "version", "1", "pads", 16, "tempo", 120.0,
                        "none", "None", "list", "[1, 2]")]


def test_style_takes_names_mixes_and_weights():
    ctl = Recorder(set_style="funk70-rock30")
    for args in (("funk",), ("funk=0.7", "rock=0.3"), (1,), (0.0, 0.5, 0.5)):
        _, replies = send("/wavegan/style", *args, controller=ctl)
        assert replies == [("/wavegan/style", "funk70-rock30")]
    assert [c[1] for c in ctl.calls] == ["funk", "funk=0.7,rock=0.3", [1], [0.0, 0.5, 0.5]]


def test_kit_save_replies_with_the_path_written():
    ctl = Recorder(kit_save=Path("/out/kits/k.json"))
    _, replies = send("/wavegan/kit/save", "k", controller=ctl)
    assert replies == [("/wavegan/kit/saved", "/out/kits/k.json")]


@pytest.mark.parametrize("address, args, message", [
    ("/wavegan/trigger", (), "missing argument pad"),
    ("/wavegan/trigger", ("3",), "pad must be a number, got str '3'"),
    ("/wavegan/trigger", (True,), "pad must be a number, got bool True"),
    ("/wavegan/trigger", (b"\x01",), "pad must be a number, got bytes"),
    ("/wavegan/trigger", (1, None), "velocity must be a number, got NoneType None"),
    ("/wavegan/morph", (0, 1, 0.5), "missing argument target"),
    ("/wavegan/z", (0, 0.1, "x"), "z[1] must be a number"),
    ("/wavegan/style", (), "missing argument style"),
    ("/wavegan/style", ("funk", 1), "style must be a number, got str 'funk'"),
    ("/wavegan/render", (), "name must be a string"),
    ("/wavegan/render", (3,), "name must be a string"),
    ("/wavegan/render", ("a", "3"), "render's second argument is a pad (int) or seconds"),
    ("/wavegan/render", ("a", False), "render's second argument is a pad (int) or seconds"),
    ("/wavegan/kit/save", (), "name must be a string"),
    ("/wavegan/tempo", (), "missing argument bpm"),
])
def test_malformed_arguments_get_an_error_reply_and_reach_no_controller(address, args, message):
    ctl, replies = send(address, *args)
    assert ctl.calls == []
    assert len(replies) == 1 and replies[0][:2] == ("/wavegan/error", address)
    assert message in replies[0][2], replies


def test_an_unknown_address_is_answered_and_points_at_the_api_page():
    ctl, replies = send("/wavegan/nope", 1)
    assert ctl.calls == [] and len(replies) == 1
    address, where, message = replies[0]
    assert (address, where) == ("/wavegan/error", "/wavegan/nope")
    assert message.startswith("unknown address") and f"{len(ROUTES)} addresses known" in message
    assert "docs/osc-api.md" in message


@pytest.mark.parametrize("exc", [ValueError("pad 99 is outside 0..15"),
                                 FileNotFoundError("no kit named 'x'"),
                                 RuntimeError("no audio device"),
                                 OverflowError("int too large"),
                                 TypeError("bad")])
def test_what_the_controller_refuses_is_replied_as_its_message(exc):
    router, replies = Router(Recorder(fail={"trigger": exc})), []
    router.dispatch("/wavegan/trigger", [99], lambda *a: replies.append(a))
    assert replies == [("/wavegan/error", "/wavegan/trigger", str(exc))]
    assert (router.errors, router.handled) == (1, 0)


def test_a_controller_bug_is_logged_and_answered_and_the_router_goes_on(caplog):
    router, replies = Router(Recorder(fail={"release": KeyError("boom")})), []
    with caplog.at_level(logging.ERROR, logger="wavegan.serve"):
        router.dispatch("/wavegan/release", [1], lambda *a: replies.append(a))
    assert replies == [("/wavegan/error", "/wavegan/release", "internal error: 'boom'")]
    assert "handler for /wavegan/release failed" in caplog.text
    router.dispatch("/wavegan/trigger", [1], lambda *a: replies.append(a))
    assert (router.errors, router.handled) == (1, 1) and len(replies) == 1


def test_long_addresses_and_messages_are_clipped_to_fit_a_datagram():
    ctl = Recorder(fail={"trigger": ValueError("x" * 5000)})
    _, replies = send("/wavegan/trigger", 1, controller=ctl)
    _, unknown = send("/wavegan/" + "y" * 5000)
    assert replies[0][2] == "x" * 199 + "…"
    assert unknown[0][1] == "/wavegan/" + "y" * 190 + "…"
    assert all(len(r[1]) <= 200 and len(r[2]) <= 200 for r in replies + unknown)


def test_tuples_are_accepted_as_argument_lists():
    ctl, replies = Recorder(), []
    Router(ctl).dispatch("/wavegan/choke", (1, 0), lambda *a: replies.append(a))
    assert ctl.calls == [("set_choke", 1, 0)] and replies == []


def test_the_spec_tables_cover_the_routes():
    assert list(OSC_ADDRESSES) == list(ROUTES)
    assert all(isinstance(spec, str) for spec in OSC_ADDRESSES.values())
    assert "/wavegan/error" in OSC_REPLIES and "/wavegan/pong" in OSC_REPLIES
    assert all(a.startswith("/wavegan/") for a in [*ROUTES, *OSC_REPLIES])
