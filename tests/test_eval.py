"""The evaluation command, and the accuracy gate on the seeds and the project's own gold corpus.

The corpus (tests/fixtures/corpus/) was written for this project in the style of real reports:
a development half (dev/) to tune on, an evaluation half (eval/) that is only ever measured. The
floors below are trafilatura-style: a change that lowers them fails; raise them when they rise.
"""

from __future__ import annotations

import json

import pytest

from cchc_extract.cli import main
from cchc_extract.evaluate import load_gold, score_directory
from cchc_extract.errors import CchcExtractError


def test_eval_command_prints_per_metric_table(fixtures, capsys):
    rc = main(["eval", str(fixtures / "seeds.gold.jsonl"), str(fixtures / "seeds"), "--min-f1", "0.97"])
    out = capsys.readouterr().out
    assert rc == 0
    assert "dossiers_received " in out and " P " in out and " F1" in out
    assert out.strip().splitlines()[-1].startswith("P=")


def test_eval_command_fails_below_floor(fixtures, capsys):
    rc = main(["eval", str(fixtures / "seeds.gold.jsonl"), str(fixtures / "seeds"), "--min-f1", "1.01"])
    assert rc == 1
    assert "below the floor" in capsys.readouterr().err


def test_eval_agrees_with_the_contract_rule_on_a_hand_made_case(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(
        "Huyện A tiếp nhận 1.000 hồ sơ\n\nNăm 2022, UBND huyện A tiếp nhận 1.000 hồ sơ, đã giải quyết 990 hồ sơ, "
        "trễ hạn 3 hồ sơ.\n",
        encoding="utf-8",
    )
    gold = {"id": "a", "claims": [
        {"metric": "dossiers_received", "value": 1000, "unit": "count", "qualifier": "exact", "level": "district", "quote": "tiếp nhận 1.000 hồ sơ"},
        {"metric": "dossiers_received", "value": 1000, "unit": "count", "qualifier": "exact", "level": "district", "quote": "tiếp nhận 1.000 hồ sơ"},
        {"metric": "dossiers_resolved", "value": 990, "unit": "count", "qualifier": "exact", "level": "district", "quote": "đã giải quyết 990 hồ sơ"},
        {"metric": "dossiers_resolved_late", "value": 4, "unit": "count", "qualifier": "exact", "level": "district", "quote": "trễ hạn 3 hồ sơ"},
    ]}
    (tmp_path / "g.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    s = score_directory(tmp_path / "g.jsonl", tmp_path)
    # 3 right, the 3 read as a fourth claim (gold says 4: a planted gold error) is one FP and one FN
    assert (s.tp, s.fp, s.fn) == (3, 1, 1)


@pytest.mark.parametrize("line,says", [("{not json", "not a JSON line"), ('{"claims": []}', '"id"')])
def test_bad_gold_file_names_the_line(tmp_path, line, says):
    p = tmp_path / "g.jsonl"
    p.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(CchcExtractError, match=says):
        load_gold(p)


def test_missing_article_is_a_typed_error(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text('{"id": "nowhere", "claims": []}\n', encoding="utf-8")
    with pytest.raises(CchcExtractError, match="nowhere"):
        score_directory(p, tmp_path)


# The gate. Floors sit just under the figures measured when they were set (2026-11-23):
#   seeds  P 0.982 R 1.000 F1 0.991 level 1.000
#   dev    P 1.000 R 1.000 F1 1.000 level 1.000 period 0.871  (tuned on)
#   eval   P 0.965 R 0.923 F1 0.944 level 0.922 period 0.876  (never tuned on)
# period after the ";" clause rule (session 11): dev 0.891, eval 0.881
# and locality (set 2026-11-23, session 11): dev 1.000, eval 0.705
# the headline above the dateline, not the site's name above the menu (2026-11-24, session 15):
#   eval level 0.922 -> 0.979, locality 0.705 -> 0.782 (dev, seeds unchanged)
# "Qua hơn 01 năm hoạt động" from the day the work began (session 15): dev period 0.891 -> 0.946
GATE = [
    ("seeds.gold.jsonl", "seeds", 0.97, 0.95, None, None),
    ("corpus/dev.gold.jsonl", "corpus/dev", 0.98, 0.98, 0.92, 0.97),
    ("corpus/eval.gold.jsonl", "corpus/eval", 0.93, 0.96, 0.85, 0.76),
]


@pytest.mark.parametrize("gold,articles,min_f1,min_level,min_period,min_locality", GATE, ids=[g[1] for g in GATE])
def test_accuracy_floor(fixtures, gold, articles, min_f1, min_level, min_period, min_locality):
    score = score_directory(fixtures / gold, fixtures / articles)
    print(f"\n{articles}\n" + score.table())
    assert score.f1 >= min_f1, score.summary()
    assert score.level_accuracy >= min_level, score.summary()
    if min_period is not None:
        assert score.period_accuracy is not None and score.period_accuracy >= min_period, score.summary()
    if min_locality is not None:
        assert score.locality_accuracy is not None and score.locality_accuracy >= min_locality, score.summary()


def test_corpus_halves_are_disjoint_and_complete(fixtures):
    for half in ("dev", "eval"):
        ids = [g["id"] for g in load_gold(fixtures / "corpus" / f"{half}.gold.jsonl")]
        files = sorted(p.stem for p in (fixtures / "corpus" / half).glob("*.txt"))
        assert sorted(ids) == files and len(ids) == len(set(ids)) >= 14
