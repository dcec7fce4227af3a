"""notebooks/quickstart.ipynb runs top to bottom, so the researcher's tour can never rot.

The committed notebook carries its outputs (GitHub and nbviewer show them without running it). To
refresh them after a change of the extractor: ``CCHC_UPDATE_NOTEBOOK=1 .venv/bin/python -m pytest
tests/test_notebook.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat", reason="the notebook extra: pip install -e '.[notebook]'")
nbclient = pytest.importorskip("nbclient", reason="the notebook extra: pip install -e '.[notebook]'")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "quickstart.ipynb"


def _code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_committed_notebook_carries_its_outputs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cells = _code_cells(nb)
    assert cells, "the quickstart has no code"
    assert all(c.execution_count for c in cells), "commit the notebook executed (see the module docstring)"
    errors = [o for c in cells for o in c.outputs if o.output_type == "error"]
    assert not errors


@pytest.fixture(scope="module")
def executed():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, naming the cell, if any cell fails
    if os.environ.get("CCHC_UPDATE_NOTEBOOK"):
        nbformat.write(nb, NOTEBOOK)
    return nb


def _outputs(nb, mime):
    return [o["data"][mime] for c in _code_cells(nb) for o in c.outputs if "data" in o and mime in o["data"]]


def test_notebook_runs_top_to_bottom(executed):
    cells = _code_cells(executed)
    assert all(c.execution_count for c in cells)
    assert not [o for c in cells for o in c.outputs if o.output_type == "error"]


def test_notebook_shows_the_tour(executed):
    text = "\n".join(_outputs(executed, "text/plain"))
    streams = "".join(o.get("text", "") for c in _code_cells(executed) for o in c.outputs if o.output_type == "stream")
    # one article: seed 003, its 1.930 mismatch among its findings
    assert "1,376 + 365 + 107 = 1,848" in text
    # a folder: every bundled article, one claims frame
    assert "37 articles" in streams
    # plots: the on-time rates and the checks per rule
    assert len(_outputs(executed, "image/png")) >= 2
    # the findings of the folder
    assert "parts_sum_to_total" in text and "mismatch" in text
