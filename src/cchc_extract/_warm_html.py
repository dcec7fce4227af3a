"""Imported by the process pool's fork server after ``_warm`` when the first records of a run are
HTML pages (see batch._pool_context): trafilatura is imported once, for every worker."""

from .html import available

available()
