"""Run `wavegan serve` as a real subprocess and talk to it over real UDP OSC."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder


def free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def osc_bytes(address: str, *args) -> bytes:
    b = OscMessageBuilder(address)
    for a in args:
        b.add_arg(a)
    return b.build().dgram


def find_phrase(recorded: np.ndarray, start: int, template: np.ndarray,
                search: int = 8192) -> tuple[int, float]:
    """(offset from ``start``, normalised correlation) where ``template``'s head best matches
    ``recorded[start : start + search + len(head)]``."""
    head = template[:4096].astype(np.float64)
    seg = recorded[start:start + search + len(head)].astype(np.float64)
    corr = np.correlate(seg, head, mode="valid")
    energy = np.sqrt(np.convolve(seg ** 2, np.ones(len(head)), mode="valid"))
    score = corr / np.maximum(energy * np.linalg.norm(head), 1e-12)
    lag = int(np.argmax(score))
    return lag, float(score[lag])


# the daemon's own shutdown waits up to 30 s for queued renders, 10 s for the generator
# thread and 2 s for the OSC thread (server.daemon.Daemon.shutdown), plus headroom under load
SHUTDOWN_BUDGET = 60.0


class Daemon:
    """``wavegan serve`` in a subprocess; ``request`` sends and waits for a reply address."""

    def __init__(self, checkpoint, out: Path, *extra: str, audio: bool = False):
        self.port = free_udp_port()
        self.out = out
        args = [sys.executable, "-m", "wavegan.cli", "serve", "--checkpoint", str(checkpoint),
                "--osc-port", str(self.port), "--out", str(out), "--no-midi",
                "--backend", "keras", *extra]
        if not audio:
            args.append("--no-audio")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     text=True, env=env)
        self.log: list[str] = []
        self._ready = threading.Event()
        threading.Thread(target=self._read, daemon=True).start()
        if not self._ready.wait(120):
            self.stop()
            raise RuntimeError("daemon did not start:\n" + "".join(self.log[-30:]))
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.2)

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.log.append(line)
            if line.startswith("ready:"):
                self._ready.set()

    def send(self, address: str, *args) -> None:
        self.sock.sendto(osc_bytes(address, *args), ("127.0.0.1", self.port))

    def send_raw(self, data: bytes) -> None:
        self.sock.sendto(data, ("127.0.0.1", self.port))

    def replies(self, timeout: float = 0.3) -> list[tuple[str, list]]:
        out, deadline = [], time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data, _ = self.sock.recvfrom(65536)
            except TimeoutError:
                continue
            msg = OscMessage(data)
            out.append((msg.address, list(msg.params)))
        return out

    def request(self, address: str, *args, expect: str, timeout: float = 30.0):
        """Send and return the args of the first reply at ``expect`` (or /wavegan/error)."""
        self.send(address, *args)
        return self.expect(expect, timeout, after=address)

    def expect(self, expect: str, timeout: float = 30.0, after: str = "nothing sent"):
        """``(address, args)`` of the first reply (from now) at ``expect`` or /wavegan/error."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                data, _ = self.sock.recvfrom(65536)
            except TimeoutError:
                continue
            msg = OscMessage(data)
            if msg.address in (expect, "/wavegan/error"):
                return msg.address, list(msg.params)
        raise TimeoutError(f"no {expect} after {after}; log:\n" + "".join(self.log[-20:]))

    def stop(self, sig=None) -> int:
        """Signal the daemon and wait for it; its shutdown may take up to SHUTDOWN_BUDGET.
        One that takes longer is asked for its threads' stacks (SIGUSR1: they land in
        ``self.log``), then killed."""
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(sig or signal.SIGTERM)
            try:
                self.proc.wait(SHUTDOWN_BUDGET)
            except subprocess.TimeoutExpired:
                self.proc.send_signal(signal.SIGUSR1)
                time.sleep(2)
                self.proc.kill()
                self.proc.wait(5)
                self.log.append(f"[killed after {SHUTDOWN_BUDGET} s]\n")
        if hasattr(self, "sock"):
            self.sock.close()
        return self.proc.returncode

    def tail(self, lines: int = 60) -> str:
        """The daemon's last output lines, for an assertion's message."""
        return "".join(self.log[-lines:])
