"""The MIDI dispatcher on its own: raw bytes and mido messages in, controller calls out. No
daemon, no JACK, no rtmidi: a recording controller and a fake backend stand in for them (the
real MIDI path is tests/test_midi.py; the note/CC map against docs/midi.md is
tests/test_docs.py)."""

from __future__ import annotations

import threading
import time

import mido
import pytest

from server.controller import Controller
from server.midi import (
    MidiDispatcher,
    MidiInput,
    MidiMapping,
    MidiPortError,
    MidiTarget,
    cc_to_bipolar,
    start_midi,
)


class Recorder:
    """Records every controller call; ``fail`` names a method that raises instead."""

    def __init__(self, fail: str | None = None):
        self.calls: list[tuple] = []
        self.fail = fail

    def __getattr__(self, name):
        def call(*args):
            if name == self.fail:
                raise RuntimeError("controller bug")
            self.calls.append((name, *args))
        return call


def dispatcher(controller=None, **kw):
    logs: list[str] = []
    d = MidiDispatcher(controller if controller is not None else Recorder(), logs.append, **kw)
    return d, logs


@pytest.mark.parametrize("data", [
    [],                               # nothing
    [60, 100],                        # running status: data bytes without a status byte
    [0x90, 60],                       # a truncated note-on
    [0x90, 200, 1],                   # a data byte over 127
    [0xF7],                           # a lone SysEx end (what the JACK SysEx guard sends)
    [0xF0, 0x7E, 0x00],               # an unterminated SysEx
    [0xF4],                           # an undefined system status byte
])
def test_malformed_bytes_are_counted_as_ignored_and_input_goes_on(data):
    d, logs = dispatcher()
    d.handle_bytes(data, 0.0)
    assert (d.ignored, d.handled, d.errors) == (1, 0, 0)
    assert d.controller.calls == [] and logs == []
    d.handle_bytes([0x90, 36, 127], 0.0)          # the next good message still plays
    assert d.controller.calls == [("trigger", 0, 1.0)] and d.handled == 1


def test_running_status_reaches_the_dispatcher_expanded_by_the_backend():
    """rtmidi hands one whole message per callback: a note-on sent with running status
    arrives as full messages, each one played."""
    d, _ = dispatcher()
    for note in (36, 38):
        d.handle_bytes(bytes([0x99, note, 100]), 0.0)      # bytes work as well as lists
    assert d.controller.calls == [("trigger", 0, 100 / 127), ("trigger", 2, 100 / 127)]


@pytest.mark.parametrize("msg", [
    mido.Message("sysex", data=[0x7E, 0x7F, 0x06, 0x01]),
    mido.Message("pitchwheel", pitch=1000),
    mido.Message("aftertouch", value=10),
    mido.Message("polytouch", note=36, value=10),
    mido.Message("active_sensing"),
    mido.Message("reset"),
    mido.Message("control_change", control=64, value=127),   # sustain: not mapped
])
def test_messages_without_a_mapping_are_ignored(msg):
    d, _ = dispatcher()
    d.handle(msg, 0.0)
    assert d.controller.calls == [] and (d.ignored, d.handled) == (1, 0)


def test_a_whole_sysex_from_bytes_is_ignored():
    d, _ = dispatcher()
    d.handle_bytes([0xF0] + [0x11] * 1000 + [0xF7], 0.0)
    assert d.controller.calls == [] and (d.ignored, d.errors) == (1, 0)


def test_a_failing_controller_is_counted_and_logged_sparingly():
    d, logs = dispatcher(Recorder(fail="trigger"))
    for _ in range(250):
        d.handle(mido.Message("note_on", note=36, velocity=100), 0.0)
    assert d.errors == 250 and d.handled == 0
    # the first five, then every hundredth
    assert len(logs) == 7 and all("RuntimeError: controller bug" in line for line in logs)
    assert "(100 so far)" in logs[5] and "(200 so far)" in logs[6]
    d.handle(mido.Message("control_change", control=7, value=127), 0.0)
    assert d.controller.calls == [("set_volume", 1.0)]   # other messages still go through


def test_notes_on_every_channel_and_velocity_zero_as_note_off():
    d, _ = dispatcher()
    for channel in (0, 9, 15):
        d.handle(mido.Message("note_on", channel=channel, note=37, velocity=64), 0.0)
    d.handle(mido.Message("note_on", note=37, velocity=0), 0.0)
    d.handle(mido.Message("note_off", note=37, velocity=64), 0.0)
    assert d.controller.calls == [("trigger", 1, 64 / 127)] * 3 + [("release", 1)] * 2


def test_cc_values_map_to_the_knobs_ranges():
    assert [cc_to_bipolar(v) for v in (0, 32, 64, 127)] == [-1.0, -0.5, 0.0, 1.0]
    assert cc_to_bipolar(-5) == -1.0 and cc_to_bipolar(300) == 1.0
    d, _ = dispatcher()
    d.handle(mido.Message("control_change", control=20, value=64), 0.0)
    d.handle(mido.Message("control_change", control=27, value=0), 0.0)
    d.handle(mido.Message("control_change", control=7, value=0), 0.0)
    d.handle(mido.Message("control_change", control=28, value=64), 0.0)
    assert d.controller.calls == [("set_macro", 0, 0.0), ("set_macro", 7, -1.0),
                                  ("set_volume", 0.0), ("set_style_knob", 64 / 127)]


def test_another_mapping_moves_the_pads_and_knobs():
    d, _ = dispatcher(mapping=MidiMapping(first_note=60, pads=4, first_macro_cc=70, macros=2,
                                          volume_cc=11, style_cc=12))
    for msg in (mido.Message("note_on", note=63, velocity=127),
                mido.Message("note_on", note=64, velocity=127),     # past the 4 pads
                mido.Message("note_on", note=36, velocity=127),     # the default map's pad 0
                mido.Message("control_change", control=71, value=127),
                mido.Message("control_change", control=72, value=127),
                mido.Message("control_change", control=11, value=127),
                mido.Message("control_change", control=12, value=0)):
        d.handle(msg, 0.0)
    assert d.controller.calls == [("trigger", 3, 1.0), ("set_macro", 1, 1.0),
                                  ("set_volume", 1.0), ("set_style_knob", 0.0)]
    assert d.ignored == 3


def test_clock_ticks_report_the_tempo_once_a_beat_has_passed():
    d, _ = dispatcher()
    period = 60.0 / 100 / 24                              # 100 BPM, 24 ticks a beat
    for i in range(12):
        d.handle(mido.Message("clock"), 10.0 + i * period)
    assert d.controller.calls == [] and d.handled == 12   # half a beat: counted, no tempo yet
    for i in range(12, 49):
        d.handle(mido.Message("clock"), 10.0 + i * period)
    tempos = [c[1] for c in d.controller.calls]
    assert tempos and all(c[0] == "on_tempo" for c in d.controller.calls)
    assert tempos[-1] == pytest.approx(100.0, rel=1e-3)
    assert d.clock.last_tick_time == pytest.approx(10.0 + 48 * period)


def test_transport_moves_the_clock_and_tells_the_controller_when():
    d, _ = dispatcher()
    d.handle(mido.Message("songpos", pos=8), 1.0)       # 8 sixteenths: beat 2
    assert d.clock.position_beats == 2.0 and d.controller.calls == []
    d.handle(mido.Message("continue"), 2.0)
    assert d.clock.running
    d.handle(mido.Message("stop"), 3.0)
    assert not d.clock.running
    d.handle(mido.Message("start"), 4.0)
    assert d.clock.running and d.clock.position_ticks == 0
    assert d.controller.calls == [("on_transport", "continue", 2.0),
                                  ("on_transport", "stop", 3.0), ("on_transport", "start", 4.0)]
    assert d.handled == 4 and d.ignored == 0


def test_program_change_loads_the_kit_of_that_number():
    d, _ = dispatcher()
    d.handle_bytes([0xC9, 3], 0.0)
    assert d.controller.calls == [("load_kit_program", 3)]


def test_the_controller_offers_everything_midi_drives():
    wanted = {n for n in vars(MidiTarget) if not n.startswith("_")}
    assert wanted and all(callable(getattr(Controller, n, None)) for n in wanted), wanted


# -- MidiInput and start_midi over a fake backend ------------------------------------------
class FakePort:
    def __init__(self, name, on_bytes):
        self.name, self.on_bytes, self.closed = name, on_bytes, False

    def close(self):
        self.closed = True


class FakeBackend:
    def __init__(self, api="FAKE", fail: Exception | None = None):
        self.api, self.fail, self.ports = api, fail, []

    def input_names(self):
        return ["daw out"]

    def open_input(self, name, on_bytes):
        if self.fail is not None:
            raise self.fail
        self.ports.append(FakePort(name or "wavegan", on_bytes))
        return self.ports[-1]


class WaitingRecorder(Recorder):
    def __init__(self):
        super().__init__()
        self.seen = threading.Event()

    def __getattr__(self, name):
        record = super().__getattr__(name)
        return lambda *args: (record(*args), self.seen.set())


def test_bytes_from_the_backend_thread_reach_the_controller_on_the_dispatch_thread():
    ctl, backend, logs = WaitingRecorder(), FakeBackend(), []
    handle = start_midi(ctl, None, logs.append, backends=[backend])
    assert handle is not None and handle.api == "FAKE"
    assert logs == ["MIDI: virtual input 'wavegan' via FAKE (notes 36-51 → pads)"]
    try:
        backend.ports[0].on_bytes([0x90, 40, 127], 5.0)     # as rtmidi's thread would
        assert ctl.seen.wait(5)
        assert ctl.calls == [("trigger", 4, 1.0)]
    finally:
        handle.close()
    assert backend.ports[0].closed and not handle._thread.is_alive()
    handle.close()                                          # twice is harmless


def test_start_midi_tries_the_next_backend_and_says_why_none_opened():
    logs: list[str] = []
    broken = FakeBackend("ALSA", SystemError("no /dev/snd/seq"))
    working = FakeBackend("JACK")
    handle = start_midi(Recorder(), "daw", logs.append, backends=[broken, working])
    try:
        assert handle is not None and handle.api == "JACK"
        assert logs == ["MIDI: input connected to 'daw' via JACK (notes 36-51 → pads)"]
    finally:
        handle.close()
    logs.clear()
    before = {t.name for t in threading.enumerate()}
    assert start_midi(Recorder(), None, logs.append,
                      backends=[broken, FakeBackend("JACK", RuntimeError(""))]) is None
    assert logs == ["MIDI: no MIDI backend available (ALSA: no /dev/snd/seq; JACK: "
                    "RuntimeError); serving OSC only (start jackd or use --no-midi)"]
    time.sleep(0.05)
    assert "wavegan-midi" not in {t.name for t in threading.enumerate()} - before


def test_a_port_name_that_matches_nothing_is_an_error_for_the_user():
    with pytest.raises(MidiPortError, match="no such port"):
        start_midi(Recorder(), "nothing", lambda _: None,
                   backends=[FakeBackend(fail=MidiPortError("no such port")),
                             FakeBackend("NEXT")])


def test_a_midi_input_whose_port_cannot_open_leaves_no_thread():
    before = threading.active_count()
    with pytest.raises(OSError):
        MidiInput(FakeBackend(fail=OSError("busy")), dispatcher()[0], None)
    assert threading.active_count() == before
