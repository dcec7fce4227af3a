"""Imported once by the process pool's fork server (see batch._pool_context): the pipeline's
lexicons and patterns are compiled here, before any worker exists, so that every worker forked
from the server starts warm instead of importing and compiling everything itself."""

from .batch import Job, warm_up

warm_up(Job())
