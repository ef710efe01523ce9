"""Daemon lifecycle: load the model, warm it up, open audio/OSC/MIDI, serve, shut down."""

from __future__ import annotations

import logging
import signal
import sys
import threading
import time
import traceback
from pathlib import Path
from typing import TYPE_CHECKING

from server.config import ServeConfig
from server.controller import Controller
from server.engine import AudioEngine, NullMixer, freeze_heap
from server.groove import GROOVES
from server.instruments import is_kit
from server.osc_api import Router
from server.osc_transport import OscServer
from server.pads import PadBank
from server.realtime import control_threads
from server.render_threads import NullXrunWatch, XrunWatch, limit_render_threads
from wavegan.checkpoint import load_checkpoint
from wavegan.conditioning import style_tag
from wavegan.default import resolve_checkpoint
from wavegan.errors import UserError
from wavegan.generator import Generator
from wavegan.macros import cached_macros
from wavegan.precision import for_serving

if TYPE_CHECKING:
    from server.midi import MidiInput

log = logging.getLogger("wavegan.serve")
HEADLESS = "headless: /wavegan/render writes phrases to %s"  # the log line's tail


def open_audio(cfg: ServeConfig) -> AudioEngine | None:
    """An AudioEngine (opened, not started), or None (headless) when disabled or no output
    device exists."""
    if not cfg.audio:
        log.info("audio: off (--no-audio): " + HEADLESS, cfg.out)
        return None
    try:
        engine = AudioEngine(cfg.audio_device, cfg.block_size, cfg.max_voices)
    except Exception as exc:  # PortAudio missing, no device, device busy …
        log.info("audio: no output device (%s): " + HEADLESS, str(exc).splitlines()[0], cfg.out)
        return None
    log.info("audio: %s at %d Hz, %d-frame blocks", engine.device_name, engine.rate,
             cfg.block_size)
    return engine


class Daemon:
    """``build()`` opens everything, ``serve()`` runs until ``stop`` is set, ``shutdown()``
    closes what was opened (also after a ``build()`` that failed half-way: what it did not
    reach is still None)."""

    def __init__(self, cfg: ServeConfig):
        self.cfg = cfg
        self.stop = threading.Event()
        self.engine: AudioEngine | None = None      # None: headless
        self.bank: PadBank | None = None
        self.controller: Controller | None = None
        self.router: Router | None = None
        self.osc: OscServer | None = None
        self.midi: MidiInput | None = None
        self.xrun_watch: XrunWatch | NullXrunWatch = NullXrunWatch()

    def build(self) -> None:
        cfg = self.cfg
        ckpt = load_checkpoint(resolve_checkpoint(cfg.checkpoint))
        weights = ckpt.playing_arrays()
        try:
            choice = for_serving(cfg.precision, cfg.backend)
        except ValueError as exc:
            raise UserError(str(exc)) from None
        log.info("precision %s", choice.reason)
        threads = limit_render_threads(cfg.render_threads)   # before TensorFlow's first op
        log.info("render threads: %s", threads.describe())
        gen = Generator(ckpt.config, weights, backend=cfg.backend, precision=choice.precision)
        gen.label = str(ckpt.meta.get("label", ""))
        style = None
        kit = is_kit(ckpt.meta, ckpt.config.styles)   # its styles are instruments: see below
        if ckpt.config.styles and not kit:
            try:
                style = gen.style_weights(cfg.style or "0")
            except ValueError as exc:
                raise UserError(f"--style: {exc}") from None
            log.info("styles: %s (playing %s)", ", ".join(ckpt.config.styles),
                     style_tag(ckpt.config.styles, style))
        elif cfg.style and not kit:
            raise UserError("--style: this model has no styles (trained with --styles-from off)")
        t0 = time.monotonic()
        gen.warmup((1, 2, 16))    # 1, 2 and 16 pads take different routes (FastGenerator.route)
        c = gen.contract
        log.info("model: %s (%d samples, %.2f s at %d Hz, %d ch) — warmed up in %.1f s%s",
                 ckpt.path, c.slice_len, c.seconds, c.sample_rate, c.channels,
                 time.monotonic() - t0, f" [{gen.label}]" if gen.label else "")
        sha = ckpt.files["generator.npz"]["sha256"]
        macros = cached_macros(weights, c.latent_dim, sha[:16])
        self.engine = open_audio(cfg)
        if self.engine is None:
            rate, mixer = c.sample_rate, NullMixer()
        else:
            rate, mixer = self.engine.rate, self.engine.mixer
        self.bank = PadBank(gen, macros, rate, seed=cfg.seed, style=style, kit=kit)
        self.controller = Controller(self.bank, mixer, Path(cfg.out), label=gen.label,
                                     checkpoint_id=sha[:16], crossfade_ms=cfg.crossfade_ms,
                                     seed=cfg.seed, bpm=cfg.bpm)
        if kit:
            try:
                groove = self.controller.set_style(cfg.style or 0)
            except ValueError as exc:
                raise UserError(f"--style: {exc}") from None
            log.info("kit: %s; the stream plays the %s groove (of %s)",
                     ", ".join(self.bank.instruments.names), groove, ", ".join(GROOVES))
        self.bank.wait_idle(60)
        ctl = self.controller
        self.xrun_watch = XrunWatch(lambda: ctl.mixer.xruns, lambda: ctl.bank.generator_events,
                                    threads)
        self.router = Router(self.controller)
        control_threads.configure(cfg.realtime, log.info)
        self.osc = OscServer(self.router, cfg.osc_host, cfg.osc_port, cfg.reply_port)
        self.osc.start()
        host, port = self.osc.address
        log.info("OSC: listening on udp://%s:%d (replies to %s)", host, port,
                 f"port {cfg.reply_port}" if cfg.reply_port else "the sender")
        # MIDI opens before the audio stream starts: under JACK, opening rtmidi's clients
        # reorders the graph, which JACK reports to running clients as xruns.
        self.midi = self._open_midi()
        if self.midi is not None:
            self.controller.clock = self.midi.clock   # for tempo_source and /wavegan/tempo
        freeze_heap()
        self._start_audio()

    def _start_audio(self) -> None:
        if self.engine is None:
            return
        try:
            self.engine.start()
        except Exception as exc:  # the device went away or is busy: serve headless
            log.info("audio: could not start %s (%s): " + HEADLESS, self.engine.device_name,
                     str(exc).splitlines()[0], self.cfg.out)
            self.engine.close()
            self.engine = None
            self.controller.use_mixer(NullMixer())   # /wavegan/stream/start now says so

    def _open_midi(self) -> MidiInput | None:
        if not self.cfg.midi:
            log.info("MIDI: off (--no-midi)")
            return None
        try:
            from server.midi import start_midi
        except ImportError as exc:
            log.info("MIDI: unavailable (%s); serving OSC only", exc)
            return None
        return start_midi(self.controller, self.cfg.midi_in, log)

    def serve(self) -> int:
        try:   # a failure while building still closes what was already opened
            self.build()
            log.info("ready: pads 0-15, MIDI notes 36-51; Ctrl-C to stop")
            while not self.stop.wait(0.5):
                self.xrun_watch.check()
        finally:
            self.shutdown()
        return 0

    def shutdown(self) -> None:
        log.info("shutting down")
        t0 = time.monotonic()
        for closer in (self.osc, self.midi):
            if closer is not None:
                try:
                    closer.close()
                except Exception as exc:
                    log.debug("close failed: %s", exc)
        if self.controller is not None:
            self.controller.stream_stop()
            self.controller.flush()
        if self.engine is not None:
            self.engine.close()
        if self.bank is not None:
            self.bank.close()
        log.info("shut down in %.1f s", time.monotonic() - t0)


def install_signal_handlers(stop: threading.Event) -> None:
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    signal.signal(signal.SIGUSR1, dump_stacks)


def dump_stacks(*_) -> None:
    """``kill -USR1 PID``: every thread's stack on stderr, in one write; a daemon that seems
    stuck says where, and keeps running. A Python-level handler runs in the main thread with
    the GIL held, so the other threads' frames hold still while they are read (faulthandler's
    C-level dump reads them while they run: under load it printed garbage and then crashed
    the daemon with SIGSEGV)."""
    names = {t.ident: t.name for t in threading.enumerate()}
    out = []
    for ident, frame in sys._current_frames().items():
        out.append(f"Thread 0x{ident:016x} ({names.get(ident, '?')}), most recent call last:\n")
        out.extend(traceback.format_stack(frame))
    sys.stderr.write("".join(out))
    sys.stderr.flush()
