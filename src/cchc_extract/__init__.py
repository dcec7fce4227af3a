"""cchc_extract: the figures of Vietnamese administrative-reform reports, as typed, located claims.

    from cchc_extract import extract
    report = extract(text)          # Report: claims, findings, coverage, warnings
    report.to_frame()               # its claims as a pandas DataFrame
    claims_frame(reports)           # every claim of many reports; findings_frame(reports) likewise
"""

from typing import TYPE_CHECKING

from .errors import CchcExtractError, InputError

if TYPE_CHECKING:  # pragma: no cover
    from .models import Claim, Finding, Report
    from .pipeline import extract
    from .tables import claims_frame, findings_frame

__all__ = ["extract", "Report", "Claim", "Finding", "claims_frame", "findings_frame", "CchcExtractError", "InputError"]
__version__ = "0.1.0"

# The pipeline and the models are imported on first use, not with the package: a batch run's
# parent process, which only reads records and writes rows, then starts its workers without
# first spending a third of a second on imports it does not need.
_LAZY = {"extract": "pipeline", "Report": "models", "Claim": "models", "Finding": "models",
         "claims_frame": "tables", "findings_frame": "tables"}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'cchc_extract' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
