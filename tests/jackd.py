"""A real JACK server (``jackd -d dummy``) for tests: start, wait until ready, stop, clean up.

The dummy driver runs JACK's full graph and timing with no sound card, so PortAudio (via
sounddevice), rtmidi's JACK MIDI API and JACK-Client all talk to a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import struct
import subprocess
import time
from dataclasses import dataclass

RATE = 44100
PERIOD = 256
REGISTRY = "/dev/shm/jack-shm-registry"
# jack_shm_header_t (jack2 common/shm.h): magic, protocol, type, size, hdr_len, entry_len, then
# MAX_SERVERS (8) entries of {pid_t pid; char name[JACK_SERVER_NAME_SIZE + 1]}.
_HEADER = struct.Struct("<IHxxiiii")
_MAGIC = 0x4A41434B
_MAX_SERVERS = 8
JACK_NAME_BYTES = 257


@dataclass
class JackServer:
    proc: subprocess.Popen
    rate: int
    period: int
    name: str

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        cleanup_shm(self.name)


def cleanup_shm(name: str) -> None:
    """Remove the shared-memory files of server ``name`` (other servers' are left alone)."""
    for path in glob.glob(f"/dev/shm/jack*{name}*"):
        shutil.rmtree(path, ignore_errors=True) if os.path.isdir(path) else _unlink(path)


def _slots(f) -> list[tuple[int, int, str]]:
    """``(offset, pid, name)`` of each server slot of the open registry file ``f``."""
    head = f.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return []
    magic, _, _, _, hdr_len, _ = _HEADER.unpack(head)
    stride = (hdr_len - _HEADER.size) // _MAX_SERVERS
    if magic != _MAGIC or stride < 8:
        return []
    slots = []
    for i in range(_MAX_SERVERS):
        offset = _HEADER.size + i * stride
        f.seek(offset)
        slot = f.read(stride)
        (pid,) = struct.unpack_from("<i", slot)
        prefix = slot[4:].split(b"\0")[0].decode(errors="replace")  # "jack-<uid>:<name>:"
        slots.append((offset, pid, prefix.split(":")[1] if prefix.count(":") >= 2 else prefix))
    return slots


def registered_servers(registry: str = REGISTRY) -> dict[str, int]:
    """The JACK servers the machine-wide registry holds: ``{name: pid}``."""
    try:
        with open(registry, "rb") as f:
            return {name: pid for _, pid, name in _slots(f) if pid}
    except OSError:
        return {}


def reclaim_dead_servers(registry: str = REGISTRY) -> list[str]:
    """Free the registry slots of JACK servers that died without unregistering, and remove
    their shared-memory files; returns the servers' names.

    The machine-wide registry has 8 server slots, and jackd reclaims a dead server's slot only
    when a server of the *same name* starts again. Test sessions use a new name each
    (``wg-test-<pid>``), so every jackd that was SIGKILLed (a run ended from outside, a CI job
    stopped) keeps its slot for good, and the ninth start fails with "Too many servers already
    active". A slot whose pid is not a live ``jackd`` process is one jackd itself would reclaim
    (it checks ``kill(pid, 0)``; the process name also guards against a reused pid).
    """
    freed = []
    try:
        with open(registry, "r+b") as f:
            for offset, pid, name in _slots(f):
                if pid and not is_jackd(pid):
                    f.seek(offset)
                    f.write(struct.pack("<i", 0) + bytes(JACK_NAME_BYTES))
                    freed.append(name)
    except OSError:
        return []
    for name in freed:
        cleanup_shm(name)
    return freed


def is_jackd(pid: int) -> bool:
    """True when process ``pid`` is alive and is a jackd."""
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip().startswith("jackd")
    except OSError:
        return False


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def jack_available() -> bool:
    return shutil.which("jackd") is not None and shutil.which("jack_wait") is not None


def start_jack(rate: int = RATE, period: int = PERIOD, name: str | None = None) -> JackServer:
    """Start ``jackd -n NAME -d dummy`` and block until clients can connect.

    Each test session gets its own server name (``wg-test-<pid>``), exported as
    ``JACK_DEFAULT_SERVER`` so that every JACK client in this process and its children
    (PortAudio, rtmidi, JACK-Client, the daemon under test) talks to it, and concurrent test
    runs on one machine do not share or kill each other's server.
    """
    name = name or f"wg-test-{os.getpid()}"
    os.environ["JACK_DEFAULT_SERVER"] = name
    os.environ["JACK_NO_START_SERVER"] = "1"
    env = {**os.environ, "JACK_NO_AUDIO_RESERVATION": "1"}
    cleanup_shm(name)
    reclaim_dead_servers()
    proc = subprocess.Popen(
        ["jackd", "-n", name, "-d", "dummy", "-r", str(rate), "-p", str(period)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
    )
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            raise RuntimeError(f"jackd exited with {proc.returncode}: {err[-500:]}")
        ok = subprocess.run(["jack_wait", "-c"], env=env, capture_output=True, text=True)
        if ok.returncode == 0 and ok.stdout.strip() == "running":
            return JackServer(proc, rate, period, name)
        time.sleep(0.2)
    proc.kill()
    raise RuntimeError("jackd did not become ready within 15 s")
