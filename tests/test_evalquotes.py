"""PFSA-ID scoring: the protocol on a small split written here, and the dev thresholds."""
from __future__ import annotations

from pathlib import Path

import pytest

from kompaskit.article import KompasParseError
from kompaskit.evalquotes import (WHERE_TO_GET, detokenize, evaluate, find_dev_split, gold_speaker, main,
                                  read_split, speaker_matches, spans, summary_table)

# Two tiny articles in the corpus format (own sentences). The first has a two-sentence statement
# whose opening mark the splitter left at the end of the previous sentence.
TOY = """JAKARTA\tO
,\tO
KOMPAS\tO
—\tO
Menteri\tO
Sosial\tO
Budi\tB-PERSON
Santoso\tL-PERSON
meninjau\tO
posko\tO
pada\tO
24\tO
/\tO
3\tO
/\tO
2022\tO
.\tO
”\tB-STATEMENT

Bantuan\tI-STATEMENT
sudah\tI-STATEMENT
tiba\tI-STATEMENT
(\tI-STATEMENT
tahap\tI-STATEMENT
dua\tI-STATEMENT
)\tI-STATEMENT
.\tI-STATEMENT

Warga\tI-STATEMENT
tenang\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
katanya\tU-CUECOREF
.\tO

BANDUNG\tO
,\tO
KOMPAS\tO
—\tO
Harga\tO
cabai\tO
naik\tO
10\tO
%\tO
di\tO
Lai\tO
-\tO
Lai\tO
.\tO

”\tB-STATEMENT
Pasokan\tI-STATEMENT
berkurang\tI-STATEMENT
,\tI-STATEMENT
”\tL-STATEMENT
kata\tU-CUE
Kepala\tO
Dinas\tO
Rina\tB-PERSON
Wati\tL-PERSON
.\tO
"""


@pytest.fixture()
def toy(tmp_path: Path) -> Path:
    path = tmp_path / "toy.txt"
    path.write_text(TOY, encoding="utf-8")
    return path


def test_detokenize_spacing_and_quote_moves(toy):
    split = detokenize(read_split(toy))
    lines = split.text.split("\n")
    assert lines[0] == "JAKARTA, KOMPAS — Menteri Sosial Budi Santoso meninjau posko pada 24/3/2022."
    assert lines[1] == "”Bantuan sudah tiba (tahap dua)."  # opening mark moved to this line
    assert lines[2] == "Warga tenang,” katanya."
    assert lines[3] == "BANDUNG, KOMPAS — Harga cabai naik 10% di Lai-Lai."
    assert lines[4] == "”Pasokan berkurang,” kata Kepala Dinas Rina Wati."
    assert split.article[0] == 0 and split.article[-1] == 1  # the dateline starts a new article
    for tok, s, e in zip(split.tokens, split.starts, split.ends):
        assert split.text[s:e] == tok


def test_spans_and_gold_speaker(toy):
    split = detokenize(read_split(toy))
    stmts = spans(split.labels, ("STATEMENT",))
    assert len(stmts) == 2
    cues = spans(split.labels, ("CUE", "CUECOREF"))
    persons = spans(split.labels, ("PERSON", "PERSONCOREF"))
    a, b, _ = stmts[0]
    assert gold_speaker(split, (a, b), cues, persons) == "Budi Santoso"  # clitic -> last PERSON
    a, b, _ = stmts[1]
    assert gold_speaker(split, (a, b), cues, persons) == "Rina Wati"


def test_speaker_matching_rule():
    assert speaker_matches("Joko Widodo", "Presiden Joko Widodo")
    assert speaker_matches("Abdul Mu’ti", "Mu’ti")
    assert not speaker_matches("Muhammad Yusuf", "Muhammad Ali")  # name prefixes ignored
    assert not speaker_matches("Presiden", "Presiden Jokowi")  # titles ignored
    assert not speaker_matches(None, "Budi")


def test_evaluate_toy(toy):
    res = evaluate(toy)
    assert res["n_gold"] == 2
    assert res["n_matched"] == 2 and res["recall"] == 1.0
    assert res["exact_f1"] == 1.0
    assert res["speaker_accuracy"] == 1.0 and res["speaker_n"] == 2


def test_main_prints_table(toy, capsys):
    assert main([str(toy)]) == 0
    out = capsys.readouterr().out
    assert "recall" in out and "exact-span F1" in out and "speaker accuracy" in out


def test_bad_inputs(tmp_path):
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(KompasParseError):
        read_split(binary)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(KompasParseError):
        read_split(empty)
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert main([]) == 2


def test_pfsa_dev_thresholds(pfsa_dev, capsys):
    res = evaluate(pfsa_dev)
    assert res["recall"] >= 0.97, res["recall"]
    assert res["exact_f1"] >= 0.80, res["exact_f1"]
    assert res["speaker_accuracy"] >= 0.92, res["speaker_accuracy"]
    assert main([str(pfsa_dev)]) == 0
    assert "speaker accuracy" in capsys.readouterr().out


def test_find_dev_split(toy, tmp_path, monkeypatch):
    monkeypatch.setenv("KOMPASKIT_PFSA_DEV", str(toy))
    assert find_dev_split() == toy
    monkeypatch.setenv("KOMPASKIT_PFSA_DEV", str(tmp_path / "absent.txt"))
    assert find_dev_split() is None
    monkeypatch.delenv("KOMPASKIT_PFSA_DEV")
    assert find_dev_split(tmp_path) is None  # not inside a checkout
    assert "dev.txt" in WHERE_TO_GET


def test_summary_table(toy):
    table = summary_table(evaluate(toy))
    assert list(table.columns) == ["metric", "value"]
    assert table.set_index("metric").loc["recall", "value"] == 1.0
