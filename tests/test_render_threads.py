"""``--render-threads``: TensorFlow's pools capped for the pads' renders, and the hint the
daemon logs when the audio drops out while the pads render on every core
(server.render_threads)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from server.render_threads import (
    ALL,
    HINT_INTERVAL_S,
    RenderThreads,
    XrunWatch,
    limit_render_threads,
)
from wavegan.errors import UserError


def test_the_log_line_says_how_many_cores_render_and_how_many_are_left():
    assert RenderThreads(ALL, 4).describe() == "all 4 cores"
    assert RenderThreads(3, 4).describe() == \
        "3 of 4 cores (1 left to the audio: --render-threads 3)"
    assert RenderThreads(8, 4).all_cores and not RenderThreads(1, 2).all_cores


class Counters:
    """The daemon's mixer and pad bank as the watch reads them, and what it said."""

    def __init__(self):
        self.xruns = self.renders = 0
        self.now = 1000.0
        self.said: list[str] = []

    def watch(self, threads: RenderThreads) -> XrunWatch:
        return XrunWatch(lambda: self.xruns, lambda: self.renders, threads,
                         say=lambda fmt, *a: self.said.append(fmt % a), clock=lambda: self.now)


def test_xruns_during_renders_on_every_core_name_the_setting_that_frees_one():
    c = Counters()
    watch = c.watch(RenderThreads(ALL, 2))
    c.xruns, c.renders = 2, 5
    watch.check()
    assert len(c.said) == 1
    assert "2 xrun(s) while the pads rendered on all 2 cores" in c.said[0]
    assert "--render-threads 1" in c.said[0]


def test_the_hint_comes_at_most_once_a_minute_and_counts_what_came_meanwhile():
    c = Counters()
    watch = c.watch(RenderThreads(ALL, 4))
    for _ in range(3):     # three checks with an xrun during renders, 1 s apart
        c.xruns += 1
        c.renders += 1
        watch.check()
        c.now += 1
    assert len(c.said) == 1 and c.said[0].startswith("audio: 1 xrun(s)")
    c.now += HINT_INTERVAL_S
    c.xruns += 1
    c.renders += 1
    watch.check()
    assert len(c.said) == 2 and c.said[1].startswith("audio: 3 xrun(s)")
    assert "--render-threads 3" in c.said[1]


@pytest.mark.parametrize("threads, xruns, renders", [
    (RenderThreads(ALL, 2), 3, 0),     # xruns with the pads idle: not the renders' doing
    (RenderThreads(ALL, 2), 0, 9),     # renders without xruns (and headless: always 0)
    (RenderThreads(1, 2), 3, 9),       # a core is already left to the audio
    (RenderThreads(ALL, 1), 3, 9),     # one core: there is none to leave
])
def test_no_hint_when_freeing_a_core_is_not_the_answer(threads, xruns, renders):
    c = Counters()
    watch = c.watch(threads)
    c.xruns, c.renders = xruns, renders
    watch.check()
    assert c.said == []


def test_one_render_thread_keeps_tensorflow_on_one_core():
    """In a fresh process (TensorFlow makes its pools at its first op): the pools are capped,
    and a large product then uses at most one core's time however long it takes."""
    code = textwrap.dedent("""
        import time
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
        print(tf.config.threading.get_intra_op_parallelism_threads(),
              tf.config.threading.get_inter_op_parallelism_threads(), cpu / wall)
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=240, check=True).stdout.split()
    intra, inter, cores_used = int(out[0]), int(out[1]), float(out[2])
    assert (intra, inter) == (1, 1)
    assert cores_used < 1.3, cores_used


def test_a_cap_after_tensorflow_started_is_refused_with_the_reason():
    import tensorflow as tf

    tf.constant(1.0) + 1.0       # this process's pools exist (TensorFlow's defaults)
    with pytest.raises(UserError, match="--render-threads 1: TensorFlow already started"):
        limit_render_threads(1)
    assert limit_render_threads(ALL).all_cores    # every core: nothing to change


def test_a_daemon_with_one_render_thread_says_so_and_plays(tiny_checkpoint, tmp_path):
    from server.render_threads import available_cores
    from tests.daemon_util import Daemon

    daemon = Daemon(tiny_checkpoint, tmp_path, "--render-threads", "1")
    try:
        assert daemon.request("/wavegan/randomize", 3, 11, expect="/wavegan/pad")[1] == [3, 11]
    finally:
        daemon.stop()
    said = [line.strip() for line in daemon.log if line.startswith("render threads:")]
    assert said == [f"render threads: {RenderThreads(1, available_cores()).describe()}"]
