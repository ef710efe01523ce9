"""The one table both patches are built from: what each control sends, and the replies shown.

Both patches are generated from ``SENDS`` so they offer the same controls and send the same OSC
addresses (tests/test_patches_*.py check the files are up to date and match server.osc_api).
"""

from __future__ import annotations

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
    ("wg-instrument", "/wavegan/pad/instrument", "is"),  # pad name (kit models)
    ("wg-instruments", "/wavegan/instruments", ""),     # ask for every pad's instrument
]
REPLIES = ["pong", "pad", "error", "rendered", "status", "style", "instrument"]
