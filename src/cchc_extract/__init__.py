"""cchc_extract: the figures of Vietnamese administrative-reform reports, as typed, located claims.

    from cchc_extract import extract
    report = extract(text)          # Report: claims, findings, coverage, warnings
"""

from .errors import CchcExtractError, InputError
from .models import Claim, Finding, Report
from .pipeline import extract

__all__ = ["extract", "Report", "Claim", "Finding", "CchcExtractError", "InputError"]
__version__ = "0.1.0"
