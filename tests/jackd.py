"""A real JACK server (``jackd -d dummy``) for tests: start, wait until ready, stop, clean up.

The dummy driver runs JACK's full graph and timing with no sound card, so PortAudio (via
sounddevice), rtmidi's JACK MIDI API and JACK-Client all talk to a real server.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import time
from dataclasses import dataclass

RATE = 44100
PERIOD = 256


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
