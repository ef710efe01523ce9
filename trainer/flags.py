"""Command-line flags for the run-config dataclasses, shared by ``wavegan train`` and
``wavegan scan`` (and the SageMaker launcher's hyperparameters use the same names).

Every scalar field of ModelConfig, GanConfig, SliceConfig and TrainConfig becomes
``--field-name``; a flag left out is ``None`` so lower layers (run.json, --config) apply.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Iterable

from trainer.config import all_fields, field_types, section_classes

HELP = {
    # model
    "slice_len": "samples per generated phrase: 16384 (CDW) … 262144",
    "sample_rate": "sample rate in Hz of the model and of the slices fed to it",
    "channels": "1 = mono, 2 = stereo",
    "latent_dim": "size of the latent vector z (CDW 100)",
    "kernel_len": "convolution kernel length (CDW 25)",
    "dim": "model width d (CDW 64; use 4-16 for quick experiments)",
    "use_batchnorm": "batch normalisation in both networks (CDW off)",
    "upsample": "generator upsampling: zeros (transposed conv, CDW) or nn (nearest neighbour)",
    "post_proc_len": "length of the generator's learned post-processing filter (0 = off)",
    "phase_shuffle": "critic phase-shuffle radius in samples (CDW 2; 0 = off)",
    "spec_critic": "add a critic branch that reads log-magnitude spectrograms, this many "
                   "channels wide at its first layer (0 = off, the paper's waveform critic; "
                   "try 16): it sees decay floors and smeared hits a waveform critic misses",
    "rhythm_critic": "add a critic branch, this many units wide, that reads how regular the "
                     "hits are (the autocorrelation of the onset strength over 8 ms frames, "
                     "lags up to 0.75 s; 0 = off, the paper's critic; try 64): against hits "
                     "placed without a steady pulse",
    "aux_classifier": "with --styles-from: the critic also learns to name each real slice's "
                      "style, and the generator is rewarded when its phrases are named as "
                      "the style asked for (AC-GAN, as DrumGAN; true/false): a direct push "
                      "towards each style's rhythm",
    # gan
    "aux_weight": "weight of the auxiliary style loss (--aux-classifier; default 1)",
    "aux_unsure": "weight of teaching the auxiliary head to be unsure which style a generated "
                  "slice is (uniform target; CatGAN's confusion term; 0 = off): without it the "
                  "generator can please the head with sounds no real style has",
    "loss": "objective: wgan-gp (default), wgan, lsgan, dcgan",
    "mbstd": "let the critic see how much the slices of a batch differ (ProGAN's minibatch "
             "standard deviation over groups of this many; 0 = off, the paper's critic; try 4): "
             "counters a generator that plays the same few patterns",
    "n_critic": "critic updates per generator step (CDW 5)",
    "gp_weight": "gradient-penalty weight λ (wgan-gp; CDW 10)",
    "optimizer": "adam or rmsprop (default: the loss's CDW choice)",
    "learning_rate": "learning rate (default: the loss's CDW value, 1e-4 for wgan-gp)",
    "beta_1": "Adam β1 (CDW 0.5)",
    "beta_2": "Adam β2 (CDW 0.9)",
    "ema": "keep a moving average of the generator's weights with this decay per step "
           "(0 = off; try 0.999; warmed up over the first steps) and play that: smoother, "
           "steadier sounds than the raw generator; may be switched on when resuming",
    "diversity": "mode-seeking weight λ (Mao et al. 2019; 0 = off, the paper's generator; "
                 "try 0.1): the generator also maximises λ·log of how far apart the loudness "
                 "envelopes of two latents' phrases are, per latent distance, against a "
                 "generator that plays the same few patterns",
    # slice
    "mode": "slicing: continuous (CDW), onset (every slice starts on a hit), oneshot (each "
            "file is one hit and one example, from its onset, cut or zero-padded to the slice "
            "length; chosen by itself for a `wavegan corpus --kind oneshots` folder)",
    "overlap": "continuous: fraction of a slice shared with the next (0 … <1)",
    "random_offset": "continuous: first slice at a random offset (true/false)",
    "pad_end": "continuous: keep a zero-padded last partial slice (true/false)",
    "silence_db": "drop slices whose RMS is below this many dBFS",
    "normalize": "peak-normalise each file before slicing (true/false)",
    "onset_threshold_db": "onset: energy rise (dB) over the preceding 20 ms that counts as a hit",
    "min_gap_ms": "onset: minimum time between slice starts",
    "pre_roll_ms": "onset, oneshot: start slices this long before the detected attack",
    "fade_ms": "oneshot: a hit longer than the slice is cut with a fade-out this long (ms)",
    # train
    "batch_size": "slices per critic update, over all devices (CDW 64)",
    "max_steps": "stop after this many generator steps in total (default: until stopped)",
    "max_time": "stop after this many seconds of this session (default: no limit)",
    "summary_every": "generator steps between metrics lines (default 50)",
    "checkpoint_minutes": "minutes between checkpoints (default 5; one is always written at "
                          "exit)",
    "keep": "checkpoints kept in RUN_DIR/checkpoints (default 3)",
    "preview_count": "preview WAVs rendered from fixed seeds 0…N-1 at every checkpoint (0 = none)",
    "precision": "auto (the fastest measured here: bf16 on CPUs with AMX, fp32 on other CPUs "
                 "and on GPUs; the log says why, run.json records the choice), fp32, or bf16 "
                 "mixed precision (GPUs from Ampere on, CPUs with AMX or AVX-512 BF16); fp16 is "
                 "refused until the GAN step has loss scaling",
    "seed": "seed for weights, latents, data order",
    "styles_from": "condition the model on style labels so it can be asked for each one: off "
                   "(one model of everything, the paper's), manifest (a `wavegan corpus` "
                   "folder's labels), folders (DATA/<style>/… sub-folders of your recordings)",
    "balance_styles": "conditional runs: draw slices of every style equally often, however "
                      "much audio each has, so a style with little audio is not learned last "
                      "(true/false)",
    "tensorboard": "write TensorBoard scalars and audio to RUN_DIR/tb (true/false)",
    "progress": "progress bar: auto (when stdout is a terminal), on, off",
    "convs": "how convolutions are computed: winograd (polyphase F(4,7), 2.5x fewer FLOPs), "
             "direct (oneDNN/cuDNN), auto (winograd for fp32 on CPUs, else direct, after "
             "--precision auto has chosen); same weights",
}


def add_config_flags(parser: argparse.ArgumentParser, *, reserved: Iterable[str] = (),
                     sections: Iterable[str] | None = None,
                     only: Iterable[str] | None = None) -> None:
    """Add ``--field-name`` for the config fields (optionally limited to some sections or
    names). Values stay strings/None here; ``trainer.config.build_run_config`` coerces them."""
    classes = section_classes()
    wanted_sections = set(sections) if sections is not None else set(classes)
    wanted_names = set(only) if only is not None else None
    skip = set(reserved)
    for name, owners in sorted(all_fields().items()):
        owners = [o for o in owners if o in wanted_sections]
        if not owners or name in skip or (wanted_names is not None and name not in wanted_names):
            continue
        cls = classes[owners[0]]
        tp = field_types(cls)[name]
        default = next(f.default for f in dataclasses.fields(cls) if f.name == name)
        text = HELP.get(name) or f"{cls.__name__}.{name}"
        parser.add_argument(f"--{name.replace('_', '-')}", dest=f"cfg_{name}", default=None,
                            type=str if tp is bool else tp, metavar=tp.__name__.upper(),
                            help=f"{text} [{'/'.join(owners)}; default {default}]")


def overrides_from_args(args: argparse.Namespace) -> dict:
    """The config values the user actually gave on the command line."""
    return {k[4:]: v for k, v in vars(args).items() if k.startswith("cfg_") and v is not None}
