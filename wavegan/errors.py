"""Exceptions that carry a message meant for the user (printed without a traceback)."""

from __future__ import annotations

from wavegan.checkpoint import CheckpointError
from wavegan.config import ConfigError


class UserError(RuntimeError):
    """Bad input from the user: the message says what is wrong and how to fix it."""


USER_ERRORS: tuple[type[BaseException], ...] = (
    UserError, CheckpointError, ConfigError, FileNotFoundError, PermissionError,
)
