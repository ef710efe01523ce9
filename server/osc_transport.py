"""OSC over UDP: one receive thread decoding packets and handing messages to a Router."""

from __future__ import annotations

import logging
import socket
import threading
import time

from pythonosc.osc_message import OscMessage
from pythonosc.osc_message_builder import OscMessageBuilder
from pythonosc.osc_packet import OscPacket

from server.osc_api import Router
from server.realtime import control_threads
from wavegan.errors import UserError

log = logging.getLogger("wavegan.serve")


def build(address: str, *args) -> bytes:
    b = OscMessageBuilder(address)
    for a in args:
        b.add_arg(a)
    return b.build().dgram


class OscServer:
    """Binds ``host:port``; replies go to the sender's address (or ``reply_port`` on it)."""

    def __init__(self, router: Router, host: str = "127.0.0.1", port: int = 9100,
                 reply_port: int | None = None):
        self.router = router
        self.reply_port = reply_port
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            self.sock.bind((host, port))
        except OSError as exc:
            self.sock.close()
            raise UserError(f"cannot listen for OSC on {host}:{port} ({exc.strerror}); "
                            f"is another daemon running? use --osc-port") from None
        self.sock.settimeout(0.25)  # lets close() stop the loop promptly
        self.address = self.sock.getsockname()
        self._running = True
        self._thread = threading.Thread(target=self._loop, name="wavegan-osc", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def replier(self, sender):
        target = (sender[0], self.reply_port or sender[1])

        def reply(address: str, *args) -> None:
            try:
                self.sock.sendto(build(address, *args), target)
            except OSError as exc:
                log.debug("reply to %s failed: %s", target, exc)
            except Exception as exc:  # e.g. python-osc cannot encode an argument: log, go on
                log.warning("reply %s to %s not sent: %s", address, target, exc)
        return reply

    def _loop(self) -> None:
        control_threads.enter("wavegan-osc")
        while self._running:
            try:
                data, sender = self.sock.recvfrom(65536)
            except TimeoutError:
                continue
            except OSError as exc:
                if not self._running:
                    return  # closed by close()
                # e.g. Windows' ConnectionResetError after replying to a closed port
                log.debug("OSC receive: %s", exc)
                time.sleep(0.01)
                continue
            reply = self.replier(sender)
            try:
                packet = OscPacket(data)
            except Exception:  # python-osc raises several types for garbage
                reply("/wavegan/error", "", "malformed OSC packet")
                continue
            for timed in packet.messages:   # bundles arrive flattened, timestamps ignored
                msg: OscMessage = timed.message
                self.router.dispatch(msg.address, list(msg.params), reply)

    def close(self) -> None:
        self._running = False
        if self._thread.is_alive():
            self._thread.join(timeout=2)
        self.sock.close()
