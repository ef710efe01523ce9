"""``--render-threads``: TensorFlow's pools capped for the pads' renders, and the hint the
daemon logs when the audio drops out while the pads render on every core
(server.render_threads)."""

from __future__ import annotations

import gc
import subprocess
import sys
import textwrap

import pytest

from server.render_threads import (
    ALL,
    HINT_INTERVAL_S,
    RenderThreads,
    XrunWatch,
    available_cores,
    limit_render_threads,
    read_steal,
)
from wavegan.errors import UserError

pytestmark = pytest.mark.realtime   # the xrun watch and the render pool are timed


def test_the_log_line_says_how_many_cores_render_and_how_many_are_left():
    assert RenderThreads(ALL, 4).describe() == "all 4 cores"
    assert RenderThreads(3, 4).describe() == \
        "3 of 4 cores (1 left to the audio: --render-threads 3)"
    assert RenderThreads(8, 4).all_cores and not RenderThreads(1, 2).all_cores


def test_steal_time_is_read_from_proc_stat(tmp_path):
    stat = tmp_path / "stat"
    stat.write_text("cpu  2805893 42106 337382 880561 7852 0 6411 7983 0 0\ncpu0 1 2 3\n")
    assert read_steal(str(stat)) == 7983
    assert read_steal(str(tmp_path / "missing")) is None


class Counters:
    """The daemon's mixer, pad bank and host as the watch reads them, and what it said."""

    def __init__(self, steal: int | None = 0):
        self.xruns = self.events = 0
        self.steal = steal
        self.now = 1000.0
        self.said: list[str] = []

    def watch(self, threads: RenderThreads) -> XrunWatch:
        return XrunWatch(lambda: self.xruns, lambda: self.events, threads,
                         say=lambda fmt, *a: self.said.append(fmt % a), clock=lambda: self.now,
                         steal=lambda: self.steal)

    def render(self, xruns: int = 1, steal: int = 3) -> None:
        """A generator call, with ``xruns`` xruns and ``steal`` ticks held back meanwhile."""
        self.events += 2
        self.xruns += xruns
        if self.steal is not None:
            self.steal += steal


def test_xruns_during_renders_on_a_held_back_vm_name_the_setting_that_frees_a_core():
    c = Counters()
    watch = c.watch(RenderThreads(ALL, 2))
    c.render(xruns=2)
    watch.check()
    assert len(c.said) == 1
    assert "2 xrun(s) while the pads rendered on all 2 cores and the host held" in c.said[0]
    assert "--render-threads 1" in c.said[0]


def test_a_render_still_running_counts_and_unknown_steal_does_not_silence_the_hint():
    c = Counters(steal=None)               # not Linux: steal time unknown
    watch = c.watch(RenderThreads(ALL, 2))
    c.events += 1                          # a long render starts before this window ...
    watch.check()
    c.xruns += 1                           # ... and is still running when the xrun comes
    watch.check()
    assert len(c.said) == 1


def test_the_hint_comes_at_most_once_a_minute_and_counts_what_came_meanwhile():
    c = Counters()
    watch = c.watch(RenderThreads(ALL, 4))
    for _ in range(3):     # three checks with an xrun during renders, 1 s apart
        c.render()
        watch.check()
        c.now += 1
    assert len(c.said) == 1 and c.said[0].startswith("audio: 1 xrun(s)")
    c.now += HINT_INTERVAL_S
    c.render()
    watch.check()
    assert len(c.said) == 2 and c.said[1].startswith("audio: 3 xrun(s)")
    assert "--render-threads 3" in c.said[1]


@pytest.mark.parametrize("threads, xruns, events, steal", [
    (RenderThreads(ALL, 2), 3, 0, 5),     # xruns with the pads idle: not the renders' doing
    (RenderThreads(ALL, 2), 0, 4, 5),     # renders without xruns (and headless: always 0)
    (RenderThreads(ALL, 2), 3, 4, 0),     # the host held nothing back: a free core won't help
    (RenderThreads(1, 2), 3, 4, 5),       # a core is already left to the audio
    (RenderThreads(ALL, 1), 3, 4, 5),     # one core: there is none to leave
])
def test_no_hint_when_freeing_a_core_is_not_the_answer(threads, xruns, events, steal):
    c = Counters()
    watch = c.watch(threads)
    c.xruns, c.events, c.steal = xruns, events, steal
    watch.check()
    assert c.said == []


def test_one_render_thread_keeps_tensorflow_on_one_core():
    """In a fresh process (TensorFlow makes its pools at its first op): one inter-op thread,
    and a large product uses at most one core's time however long it takes."""
    code = textwrap.dedent("""
        import os, time
        from server.render_threads import limit_render_threads
        limit_render_threads(1)
        import numpy as np
        import tensorflow as tf
        a = tf.constant(np.random.rand(1500, 1500).astype(np.float32))
        tf.matmul(a, a).numpy()
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in range(20):
            tf.matmul(a, a).numpy()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        names = [open(f"/proc/self/task/{t}/comm").read().strip()
                 for t in os.listdir("/proc/self/task")]
        print(names.count("tf_Compute"), cpu / wall)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=240, check=True).stdout.split()
    assert int(out[0]) == 1           # TensorFlow's inter-op pool (one per core uncapped)
    if available_cores() >= 2:
        assert float(out[1]) < 1.3, out[1]


def test_a_cap_after_tensorflow_started_is_refused_with_the_reason():
    import tensorflow as tf

    tf.constant(1.0) + 1.0       # this process's pools exist (TensorFlow's defaults)
    with pytest.raises(UserError, match="--render-threads 1: TensorFlow already started"):
        limit_render_threads(1)
    assert limit_render_threads(ALL).all_cores    # every core: nothing to change


def test_the_daemon_watches_its_own_mixer_and_generator(tiny_checkpoint, tmp_path):
    """Wired to the controller's mixer as it is now (a headless one counts no xruns) and to
    every generator call of the pad bank, including the stream's and the files'."""
    from server.config import ServeConfig
    from server.daemon import Daemon
    from server.engine import NullMixer

    d = Daemon(ServeConfig(checkpoint=str(tiny_checkpoint), audio=False, midi=False,
                           osc_port=0, out=str(tmp_path)))
    try:
        d.build()
        watch, bank = d.xrun_watch, d.controller.bank
        assert isinstance(watch, XrunWatch) and watch.threads.threads == ALL
        before = watch.events()
        assert before > 0 and before % 2 == 0          # the first pads rendered, none running
        bank.phrases(bank.effective_z([0]))             # what the stream and files call
        assert watch.events() == before + 2
        d.controller.use_mixer(NullMixer())
        assert watch.xruns() == 0
        watch.check()                                   # silent, and no error
    finally:
        d.shutdown()
        gc.unfreeze()   # the daemon froze pytest's objects: give them back to the collector


def test_a_daemon_with_one_render_thread_says_so_and_plays(tiny_checkpoint, tmp_path):
    from tests.daemon_util import Daemon

    daemon = Daemon(tiny_checkpoint, tmp_path, "--render-threads", "1", "--backend", "fast")
    try:
        assert daemon.request("/wavegan/randomize", 3, 11, expect="/wavegan/pad")[1] == [3, 11]
    finally:
        daemon.stop()
    said = [line.strip() for line in daemon.log if line.startswith("render threads:")]
    assert said == [f"render threads: {RenderThreads(1, available_cores()).describe()}"]
