"""``wavegan serve``: flag parsing only; the daemon is server.daemon."""

from __future__ import annotations

from wavegan.default import checkpoint_help
from wavegan.precision import SERVING as PRECISIONS


def register(subs) -> None:
    p = subs.add_parser(
        "serve", help="the live daemon: OSC + MIDI in, drum phrases out (audio or files)",
        description="Load a checkpoint, keep 16 pads of generated phrases, and play them on "
                    "OSC/MIDI requests. Without an audio device it runs headless and writes "
                    "files. The OSC API: docs/osc-api.md; the MIDI mapping: docs/midi.md.")
    p.add_argument("--checkpoint", help=checkpoint_help())
    p.add_argument("--config", help="TOML file with the settings below in a [serve] table, "
                                    "named as the flags (osc_port = 9100 or osc-port = 9100; "
                                    "no-midi = true or midi = false); flags win")
    p.add_argument("--osc-host", help="address to listen on (default 127.0.0.1; OSC has no "
                                      "authentication: use 0.0.0.0 only on a trusted network)")
    p.add_argument("--osc-port", type=int, help="UDP port for OSC requests (default 9100)")
    p.add_argument("--reply-port", type=int,
                   help="send replies to this port on the sender's host (default: the "
                        "sender's own port; Max's udpsend needs this)")
    p.add_argument("--midi-in", metavar="NAME",
                   help="connect to this existing MIDI output (default: open a virtual port "
                        "named 'wavegan')")
    p.add_argument("--no-midi", dest="midi", action="store_false", default=None,
                   help="do not open MIDI")
    p.add_argument("--audio-device", metavar="NAME",
                   help="PortAudio output device name or index (default: the system default)")
    p.add_argument("--no-audio", dest="audio", action="store_false", default=None,
                   help="headless: no audio device; pads still answer, and /wavegan/render "
                        "writes phrases and streams to --out")
    p.add_argument("--no-realtime", dest="realtime", action="store_false", default=None,
                   help="keep the OSC and MIDI threads time-shared (default: real-time "
                        "SCHED_FIFO 1 where the system allows it, so that a busy machine does "
                        "not delay triggers)")
    p.add_argument("--render-threads", type=int, metavar="N",
                   help="threads the pads' renders may use (default 0: every core, the new "
                        "sounds soonest). Where the audio drops out while a knob re-renders "
                        "the pads (on some virtual machines; the log says when), one fewer "
                        "than the cores leaves a core to the audio, and renders take longer")
    p.add_argument("--block-size", type=int,
                   help="audio block in frames (default 256; smaller = lower latency)")
    p.add_argument("--out", help="output folder for rendered files and kits (default ./out)")
    p.add_argument("--backend", choices=("auto", "fast", "keras"),
                   help="generator implementation (default auto)")
    p.add_argument("--precision", choices=PRECISIONS,
                   help="generator arithmetic: auto (the default: the fastest measured on this "
                        "CPU, bf16 where it has AMX or AVX-512 BF16, else fp32; the start-up "
                        "log says why), "
                        "fp32, or bf16 (fast backend; output within ~0.013 of fp32)")
    p.add_argument("--bpm", type=float, help="stream tempo without MIDI clock (default 120)")
    p.add_argument("--max-voices", type=int,
                   help="phrases sounding at once; past it the oldest is faded out in 3 ms "
                        "(default 32)")
    p.add_argument("--crossfade-ms", type=float,
                   help="crossfade between consecutive phrases of a stream (default 15)")
    p.add_argument("--seed", type=int, help="seed of the pads' first latents (default 0)")
    p.add_argument("--style", metavar="STYLE",
                   help="for a model trained with --styles-from: the style to start in, by "
                        "name or index, or a mix such as funk=0.7,rock=0.3 (default: its "
                        "first style); for a kit model: the groove its stream plays (rock, "
                        "funk, shuffle, hiphop, breakbeat, halftime, fills; default rock); "
                        "/wavegan/style changes it live")
    p.set_defaults(func=run_serve)


def run_serve(args) -> int:
    from server.config import ServeConfig
    from server.daemon import Daemon, install_signal_handlers

    file_values = ServeConfig.from_toml(args.config) if args.config else {}
    cfg = ServeConfig.build(file_values, {n: getattr(args, n) for n in ServeConfig.names()})
    daemon = Daemon(cfg)
    install_signal_handlers(daemon.stop)
    return daemon.serve()
