"""The benchmarks' platform probe (tests/benchmarks/rt_probe.py) and bench_knob's callback times."""

from __future__ import annotations

import os
import time

import numpy as np

from tests.benchmarks.bench_knob import CallbackTimes
from tests.benchmarks.rt_probe import RtProbe


def test_probe_runs_in_its_own_process_and_reports_its_policy():
    probe = RtProbe()
    try:
        assert probe._proc.pid != os.getpid()
        assert probe.policy.startswith(("SCHED_FIFO/", "SCHED_OTHER"))
        time.sleep(0.2)              # it keeps waking; a stall would arrive as "late" lines
        assert probe._proc.poll() is None
    finally:
        probe.close()
    assert probe._proc.returncode == 0


def test_probe_stalls_are_counted_only_inside_the_spans_asked_about():
    probe = RtProbe()
    probe.close()
    probe.stalls[:] = [(10.0, 5.0), (12.5, 9.0), (20.0, 4.0)]
    assert probe.within([(9.0, 13.0)]) == [5.0, 9.0]
    assert probe.within([(0.0, 1.0), (19.0, 21.0)]) == [4.0]
    assert probe.within([]) == []


def test_callback_intervals_are_taken_inside_the_spans_only():
    times = CallbackTimes()
    times.at[:] = [0.0, 0.0058, 0.0116, 0.0256, 0.0314, 0.0372]   # the third waited 8.2 ms
    assert np.allclose(times.intervals([(0.0, 0.02)]), [5.8, 5.8, 14.0])
    assert np.allclose(times.intervals([(0.02, 0.04)]), [5.8, 5.8])
    assert len(times.intervals([(1.0, 2.0)])) == 0
