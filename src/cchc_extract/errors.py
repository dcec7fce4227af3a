"""The errors cchc_extract raises. Every message names the input and says what to do."""

from __future__ import annotations

__all__ = ["CchcExtractError", "InputError"]


class CchcExtractError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(CchcExtractError, TypeError):
    """The input is not text: None, a non-string object, or bytes that are not UTF-8."""
