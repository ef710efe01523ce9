"""wavegan: the WaveGAN model library of wavegan-drums (no audio devices, network or AWS here)."""

__version__ = "0.1.0"
