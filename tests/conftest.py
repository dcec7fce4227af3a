from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures: the seeds, the project's own gold corpus, batch inputs."""
    return Path(__file__).parent / "fixtures"
