"""The test JACK server's housekeeping: a server killed outright must not block the next start.

JACK keeps a machine-wide registry of 8 server slots in ``/dev/shm``. A SIGKILLed jackd keeps
its slot, and with 8 such slots the next ``jackd`` refuses to start ("Too many servers already
active"): that ended a whole CI run once, every JACK test erroring at set-up.
"""

from __future__ import annotations

import glob
import os
import shutil
import struct
import subprocess
import time

from tests.jackd import REGISTRY, is_jackd, reclaim_dead_servers, registered_servers


def _dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_killed_servers_slot_and_files_are_reclaimed_and_live_ones_kept(jack_server):
    name = f"wg-killed-{os.getpid()}"
    proc = subprocess.Popen(["jackd", "-n", name, "-d", "dummy", "-r", "44100", "-p", "256"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            env={**os.environ, "JACK_NO_AUDIO_RESERVATION": "1"})
    try:
        deadline = time.monotonic() + 15
        while (registered_servers().get(name) != proc.pid
               or not glob.glob(f"/dev/shm/jack_{name}_*")):   # its socket: fully up
            assert proc.poll() is None and time.monotonic() < deadline, registered_servers()
            time.sleep(0.1)
    finally:
        proc.kill()
        proc.wait(5)
    assert registered_servers().get(name) == proc.pid   # dead, and still holding its slot
    assert glob.glob(f"/dev/shm/jack*{name}*")

    assert name in reclaim_dead_servers()
    assert name not in registered_servers()
    assert not glob.glob(f"/dev/shm/jack*{name}*")
    assert registered_servers()[jack_server.name] == jack_server.proc.pid


def test_a_full_registry_of_dead_servers_is_emptied(jack_server, tmp_path):
    """All free slots of a copy of the live registry filled with dead servers: every one is
    freed, the live server's slot is untouched."""
    copy = tmp_path / "registry"
    shutil.copy(REGISTRY, copy)
    live = {n: pid for n, pid in registered_servers(str(copy)).items() if is_jackd(pid)}
    raw = bytearray(copy.read_bytes())
    hdr_len = struct.unpack_from("<i", raw, 16)[0]
    stride, ghosts = (hdr_len - 24) // 8, []
    for i in range(8):
        offset = 24 + i * stride
        if struct.unpack_from("<i", raw, offset)[0] == 0:
            ghost = f"ghost{i}"
            struct.pack_into(f"<i{stride - 4}s", raw, offset, _dead_pid(),
                             f"jack-0:{ghost}:".encode())
            ghosts.append(ghost)
    copy.write_bytes(bytes(raw))
    assert ghosts and len(registered_servers(str(copy))) == 8

    assert set(ghosts) <= set(reclaim_dead_servers(str(copy)))
    assert registered_servers(str(copy)) == live
    assert live[jack_server.name] == jack_server.proc.pid
