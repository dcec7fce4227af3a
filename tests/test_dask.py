"""Past one machine: map_partitions on a Dask LocalCluster gives the claims of a local run."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

dd = pytest.importorskip("dask.dataframe", reason="dask is not installed (pip install 'cchc_extract[dask]')")
distributed = pytest.importorskip("dask.distributed", reason="dask.distributed is not installed")

import pandas as pd  # noqa: E402

from cchc_extract import extract  # noqa: E402
from cchc_extract.cli import main  # noqa: E402
from cchc_extract.dask_support import across_findings, extract_partition, meta  # noqa: E402
from cchc_extract.tables import claims_frame, read_frame  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
FILES = sorted((FIXTURES / "seeds").glob("*.txt")) + sorted((FIXTURES / "batch" / "articles").rglob("*.txt"))
COLS = ["article_seq", "article_id", "claim", "metric", "label", "value", "raw", "unit", "qualifier", "low", "high",
        "level", "locality", "period_start", "period_end", "period_label", "total", "of", "start", "end", "sentence",
        "evidence"]


def _frame() -> pd.DataFrame:
    ids = [f.name for f in FILES]
    texts = [f.read_text(encoding="utf-8") for f in FILES]
    return pd.DataFrame({"id": ids + ["empty", "not-a-string"], "text": texts + ["", None],
                         "published": [None] * len(ids) + [None, None]})


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cl, distributed.Client(cl) as client:
        yield cl, client


def test_the_partition_function_is_pure_and_picklable():
    f = pickle.loads(pickle.dumps(extract_partition))
    df = _frame()
    a, b = f(df, table="claims"), f(df, table="claims")
    pd.testing.assert_frame_equal(a, b)
    empty = f(df.iloc[:0], table="findings")
    assert list(empty.columns) == list(meta("findings").columns)
    assert list(map(str, empty.dtypes)) == list(map(str, meta("findings").dtypes))


def test_map_partitions_on_a_local_cluster_gives_the_local_claims(cluster):
    df = _frame()
    ddf = dd.from_pandas(df, npartitions=3)
    claims = ddf.map_partitions(extract_partition, table="claims", meta=meta("claims")).compute()
    articles = ddf.map_partitions(extract_partition, table="articles", meta=meta("articles")).compute()

    n = len(FILES)
    local = claims_frame([extract(t, source=None) for t in df.text[:n]], ids=df.id[:n])
    got = claims.reset_index(drop=True)[COLS]
    want = local.reset_index(drop=True)[COLS]
    assert got.astype(object).where(got.notna(), None).values.tolist() == \
        want.astype(object).where(want.notna(), None).values.tolist()
    assert list(articles["status"]) == ["ok"] * n + ["error", "error"]
    assert list(articles["error_kind"].iloc[n:]) == ["empty", "empty"]
    assert list(map(str, claims.dtypes)) == list(map(str, meta("claims").dtypes))
    assert list(claims["level"].cat.categories) == list(meta("claims")["level"].cat.categories)  # a fixed vocabulary
    cross = across_findings(claims)
    assert len(cross) == 1 and "8.240" in cross.iloc[0]["message"]


def test_cli_engine_dask_gives_the_bytes_of_a_local_run(cluster, tmp_path):
    cl, _ = cluster
    src = FIXTURES / "batch" / "articles"
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    assert main(["extract", str(FIXTURES / "seeds"), str(src), "--format", "jsonl", "-o", str(local)]) == 0
    assert main(["extract", str(FIXTURES / "seeds"), str(src), "--format", "jsonl", "-o", str(remote),
                 "--engine", "dask", "--scheduler", cl.scheduler_address]) == 0
    assert remote.read_bytes() == local.read_bytes()
    assert json.loads(remote.read_text(encoding="utf-8").splitlines()[0])["claims"]


def test_cli_engine_dask_tables_match_local(cluster, tmp_path):
    cl, _ = cluster
    src = FIXTURES / "batch" / "articles"
    assert main(["extract", str(src), "--format", "parquet", "-o", str(tmp_path / "l")]) == 0
    assert main(["extract", str(src), "--format", "parquet", "-o", str(tmp_path / "d"), "--engine", "dask",
                 "--scheduler", cl.scheduler_address]) == 0
    for t in ("articles", "claims", "findings", "cross_findings"):
        assert (tmp_path / "l" / f"{t}.parquet").read_bytes() == (tmp_path / "d" / f"{t}.parquet").read_bytes()
    assert len(read_frame(tmp_path / "d", "cross_findings")) == 1
