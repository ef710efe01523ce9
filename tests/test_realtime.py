"""The daemon's control threads (OSC, MIDI) run SCHED_FIFO 1 where the system allows it."""

from __future__ import annotations

import os
import threading

from server.realtime import PRIORITY, ControlThreads


def _in_thread(fn):
    """Run ``fn()`` in a new thread; returns (its result, its native thread id, its policy)."""
    out = {}

    def run():
        out["result"] = fn()
        tid = threading.get_native_id()
        out["tid"], out["policy"] = tid, os.sched_getscheduler(tid)
        with open(f"/proc/self/task/{tid}/comm") as f:
            out["comm"] = f.read().strip()
    t = threading.Thread(target=run)
    t.start()
    t.join()
    return out


def fifo_allowed() -> bool:
    """Whether this process may make a thread SCHED_FIFO (root, or an RLIMIT_RTPRIO)."""
    def probe():
        try:
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(PRIORITY))
            return True
        except PermissionError:
            return False
    return _in_thread(probe)["result"]


def test_an_enabled_control_thread_is_named_and_real_time_or_says_why_not():
    said = []
    threads = ControlThreads()
    threads.configure(True, said.append)
    first = _in_thread(lambda: threads.enter("wg-ctl-one"))
    second = _in_thread(lambda: threads.enter("wg-ctl-two"))
    assert first["comm"] == "wg-ctl-one" and second["comm"] == "wg-ctl-two"
    if fifo_allowed():
        assert first["result"] and first["policy"] == os.SCHED_FIFO
        assert os.sched_getparam(0).sched_priority == 0   # only the thread itself, not us
        assert said == [f"control threads: real-time (SCHED_FIFO {PRIORITY})"]
    else:
        assert not first["result"] and first["policy"] == os.SCHED_OTHER
        assert len(said) == 1 and said[0].startswith("control threads: time-shared")
    assert set(threads.threads) == {"wg-ctl-one", "wg-ctl-two"}   # said once, for both


def test_a_disabled_control_thread_is_only_named():
    said = []
    threads = ControlThreads()
    threads.configure(False, said.append)
    got = _in_thread(lambda: threads.enter("wg-ctl-off"))
    assert got["comm"] == "wg-ctl-off"
    assert got["policy"] == os.SCHED_OTHER and not got["result"] and said == []
