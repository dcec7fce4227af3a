"""cchc_extract: the figures of Vietnamese administrative-reform reports, as typed, located claims."""

from .models import Claim, Finding, Report

__all__ = ["Claim", "Finding", "Report"]
__version__ = "0.1.0"
