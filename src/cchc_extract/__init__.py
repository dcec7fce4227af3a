"""cchc_extract: the figures of Vietnamese administrative-reform reports, as typed, located claims.

    from cchc_extract import extract
    report = extract(text)          # Report: claims, findings, coverage, warnings
    report.to_frame()               # its claims as a pandas DataFrame
    claims_frame(reports)           # every claim of many reports; findings_frame(reports) likewise
"""

from .errors import CchcExtractError, InputError
from .models import Claim, Finding, Report
from .pipeline import extract
from .tables import claims_frame, findings_frame

__all__ = ["extract", "Report", "Claim", "Finding", "claims_frame", "findings_frame", "CchcExtractError", "InputError"]
__version__ = "0.1.0"
