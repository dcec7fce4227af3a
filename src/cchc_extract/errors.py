"""The errors cchc_extract raises. Every message names the input and says what to do.

::

    CchcExtractError                 catch this to catch everything raised on purpose
    ├── InputError (TypeError)       extract() got something that is not text
    ├── UsageError (ValueError)      options that do not go together, an OUT that --resume cannot continue
    ├── SourceError (ValueError)     an input as a whole cannot be read (an archive without its text column)
    ├── RecordError                  one record of a batch cannot be read (its ``kind``: empty, too_large ...)
    ├── GoldError (ValueError)       a gold file for ``cchc-extract eval`` is malformed
    └── MissingDependency (ImportError)  an optional extra is not installed; the message names the pip command

``extract`` itself raises only ``InputError``: odd text (empty, foreign, garbage, too long) gives a
report with warnings instead. The batch path turns ``RecordError`` into an error row and never stops
for one record unless ``--strict``.
"""

from __future__ import annotations

__all__ = [
    "CchcExtractError",
    "InputError",
    "UsageError",
    "SourceError",
    "RecordError",
    "GoldError",
    "MissingDependency",
]


class CchcExtractError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(CchcExtractError, TypeError):
    """The input is not text: None, a non-string object, or bytes that are not UTF-8."""


class UsageError(CchcExtractError, ValueError):
    """Options or inputs that cannot work together, or an OUT that --resume cannot continue (exit status 2)."""


class SourceError(CchcExtractError, ValueError):
    """A problem with an input as a whole (an archive without the text column, an unknown format).

    Per-record problems never raise this: they are ``RecordError``, and error rows in a batch."""


class RecordError(CchcExtractError):
    """One record could not be read: ``kind`` is the error kind, ``str(exc)`` the one-line reason."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind

    def __reduce__(self):  # picklable across worker processes
        return (type(self), (self.kind, str(self)))


class GoldError(CchcExtractError, ValueError):
    """A gold file (``cchc-extract eval``) cannot be read or has a malformed line; the message names
    the file and line."""


class MissingDependency(CchcExtractError, ImportError):
    """An optional dependency is not installed; the message gives the ``pip install`` that brings it."""

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f"{what} needs the '{extra}' extra: pip install 'cchc_extract[{extra}]'")
        self.extra = extra
