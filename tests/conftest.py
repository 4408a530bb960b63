"""Shared fixtures: every test gets its own cache folder; the e2e index on the real seeds is built once."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path, monkeypatch):
    """No test reads or writes the user's real cache or default index."""
    monkeypatch.setenv("POLICYQA_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("POLICYQA_INDEX", raising=False)


@pytest.fixture(scope="session")
def seeds_index(tmp_path_factory) -> Path:
    """The five seeds indexed with the real bundled model (built once per test session)."""
    from policyqa.index.build import index_paths
    from policyqa.index.embed import load_embedder

    root = tmp_path_factory.mktemp("seeds-index")
    report = index_paths([SEEDS], root, load_embedder(None))
    assert not report.failed, report.failed
    return root


@pytest.fixture(scope="session")
def engine(seeds_index):
    from policyqa.qa import PolicyQA

    qa = PolicyQA(seeds_index)
    yield qa
    qa.close()
