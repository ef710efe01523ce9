"""Generate phrases from a checkpoint and write them as audio files (library side of
``wavegan generate``)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from wavegan.audio_io import write_audio
from wavegan.conditioning import cycle_styles, parse_style, style_tag
from wavegan.generator import Generator
from wavegan.latent import slerp_path, z_batch, z_from_seed
from wavegan.postprocess import finish


@dataclass
class GenerateOptions:
    count: int = 16
    seed: int | None = None
    fmt: str = "wav"
    interpolate: tuple[int, int] | None = None
    steps: int = 8
    normalize: bool = False
    fades: bool = True
    dc: bool = True
    batch_size: int = 16
    style: str | None = None        # conditional models: a name, a mix a=w,b=w; None = each


def plan_latents(opts: GenerateOptions, latent_dim: int) -> tuple[list[str], np.ndarray]:
    """File stems and latents ``[N, latent_dim]`` for the requested seeds or interpolation."""
    if opts.interpolate is not None:
        a, b = opts.interpolate
        z = slerp_path(z_from_seed(a, latent_dim), z_from_seed(b, latent_dim), opts.steps)
        stems = [f"interp-{a}-{b}-{i:03d}of{opts.steps:03d}" for i in range(opts.steps)]
        return stems, z
    if opts.count < 1:
        raise ValueError("count must be at least 1")
    base = opts.seed if opts.seed is not None else secrets.randbelow(2**31 - opts.count)
    seeds = list(range(base, base + opts.count))
    return [f"seed-{s:010d}" for s in seeds], z_batch(seeds, latent_dim)


def plan_styles(opts: GenerateOptions, styles: list[str], n: int) -> tuple[list[str], np.ndarray]:
    """File-name suffixes and style weights ``[n, S]``: the ``opts.style`` asked for, or each
    style in turn (an unconditional model: no suffixes, ``[n, 0]``)."""
    if not styles:
        if opts.style is not None:
            raise ValueError("this model has no styles (it was trained with --styles-from off)")
        return [""] * n, np.zeros((n, 0), np.float32)
    if opts.style is None:
        weights = cycle_styles(len(styles), n)
    else:
        weights = np.broadcast_to(parse_style(styles, opts.style), (n, len(styles)))
    return [f"-{style_tag(styles, w)}" for w in weights], np.ascontiguousarray(weights)


def generate_files(gen: Generator, out_dir: str | Path, opts: GenerateOptions,
                   progress=None) -> list[Path]:
    """Generate the planned phrases in batches, post-process and write them; return the paths."""
    out_dir = Path(out_dir)
    stems, z = plan_latents(opts, gen.config.latent_dim)
    tags, weights = plan_styles(opts, gen.config.styles, len(z))
    stems = [stem + tag for stem, tag in zip(stems, tags)]
    out_dir.mkdir(parents=True, exist_ok=True)
    ext = "flac" if opts.fmt == "flac" else "wav"
    sr = gen.config.sample_rate
    paths: list[Path] = []
    for i in range(0, len(z), opts.batch_size):
        audio = gen(z[i:i + opts.batch_size], weights[i:i + opts.batch_size])
        audio = finish(audio, sr, dc=opts.dc, fades=opts.fades, normalize=opts.normalize)
        for stem, phrase in zip(stems[i:i + opts.batch_size], audio):
            paths.append(write_audio(out_dir / f"{stem}.{ext}", phrase, sr, opts.fmt))
        if progress is not None:
            progress(len(paths), len(z))
    return paths
