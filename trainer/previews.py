"""Hear the run progress: preview WAVs from a fixed set of latents and a spectrogram PNG.

Preview ``i`` always uses the latent of seed ``i`` (:func:`wavegan.latent.z_batch`), so
``previews/step_002000/preview_03.wav`` and ``previews/step_004000/preview_03.wav`` are the
same point of latent space at two moments of training — and ``wavegan generate --seed 3 -n 1``
on the finished checkpoint renders it again.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from wavegan.audio_io import write_audio
from wavegan.conditioning import cycle_styles
from wavegan.latent import z_batch
from wavegan.postprocess import remove_dc


def preview_latents(count: int, latent_dim: int, n_styles: int = 0) -> np.ndarray:
    """``[count, latent_dim + n_styles]``: the latents of seeds 0 … count-1, then (for a
    conditional model) one-hot styles cycling 0, 1, … so every style is heard. ``count`` 0:
    no previews (``[0, latent_dim + n_styles]``)."""
    z = z_batch(range(count), latent_dim)
    return np.concatenate([z, cycle_styles(n_styles, count)], axis=1) if n_styles else z


def render_previews(generator, latents: np.ndarray) -> np.ndarray:
    """Raw generator output ``[count, T, C]`` float32 for ``latents`` ``[count, latent]``."""
    return np.asarray(generator(latents, training=False), dtype=np.float32)


def write_previews(folder: str | Path, audio: np.ndarray, sample_rate: int,
                   title: str = "") -> list[Path]:
    """Write ``preview_NN.wav`` (DC removed, otherwise untouched) and ``spectrogram.png``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = [write_audio(folder / f"preview_{i:02d}.wav", remove_dc(clip), sample_rate)
             for i, clip in enumerate(audio)]
    spectrogram_png(folder / "spectrogram.png", audio, sample_rate, title=title)
    return paths


def spectrogram_png(path: str | Path, audio: np.ndarray, sample_rate: int,
                    title: str = "") -> Path:
    """One log-magnitude spectrogram per preview (first channel) in a grid, saved as PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    n = len(audio)
    cols = min(4, n)
    rows = (n + cols - 1) // cols
    fig, axes = plt.subplots(rows, cols, figsize=(3 * cols, 2.2 * rows), squeeze=False)
    for i, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if i >= n:
            continue
        ax.specgram(audio[i, :, 0], NFFT=512, Fs=sample_rate, noverlap=384,
                    cmap="magma", vmin=-120)
        ax.set_title(f"seed {i}", fontsize=8)
    if title:
        fig.suptitle(title, fontsize=10)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return Path(path)
