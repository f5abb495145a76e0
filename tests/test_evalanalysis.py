"""eval-analysis: the kit's own scorer of statements, dated events and cited sources (issue 14 item 1)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kompaskit import evalanalysis
from kompaskit.cli import main as cli_main

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "data" / "kompas-dev"
REFERENCE = ROOT.parent / "shared" / "tools" / "score_analysis.py"


def test_same_name_rules():
    assert evalanalysis.same_name("Kim Jong Un", "Kim Jong-un")
    assert evalanalysis.same_name("AP", "Associated Press")
    assert evalanalysis.same_name("Badan Intelijen Nasional (NIS)", "NIS")
    # only generic words in common is not the same name
    assert not evalanalysis.same_name("Kementerian Luar Negeri Rusia", "Kementerian Pertahanan Korea Selatan")
    assert not evalanalysis.same_name("", "Putin")


def test_longest_run_and_greedy_pairs():
    assert evalanalysis.longest_run("a b c d".split(), "x b c d y".split()) == 3
    assert evalanalysis.longest_run(["a"], ["b"]) == 0
    # the cheaper pair wins, each side used once
    assert evalanalysis.greedy_pairs([(-3, 0, 1), (-5, 1, 1), (-2, 0, 0)]) == {1: 1, 0: 0}


def test_bad_input_is_one_line(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "kind": "quote"}\nnot json\n')
    assert cli_main(["eval-analysis", str(gold), str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("eval-analysis:") and ":2:" in err and "\n" not in err
    assert cli_main(["eval-analysis", str(tmp_path / "none.jsonl"), str(tmp_path)]) == 2


def test_scores_a_page_written_here(tmp_path):
    page = tmp_path / "pages" / "p1.txt"
    page.parent.mkdir()
    page.write_text(
        "https://www.kompas.tv/internasional/1/contoh\n"
        "Contoh judul berita\n"
        "Kompas.tv - 2 Desember 2024, 10:00 WIB\n"
        "SEOUL, KOMPAS.TV - Menteri Luar Negeri Korea Selatan Cho Tae-yul mengatakan bahwa kerja sama "
        "militer kedua negara melanggar resolusi Dewan Keamanan PBB.\n"
        "\"Kami akan terus memantau situasi ini,\" kata Cho.\n", encoding="utf-8")
    gold = tmp_path / "gold.jsonl"
    rows = [
        {"file": "p1.txt", "kind": "quote", "type": "indirect", "speaker": "Cho Tae-yul", "speaker_named": True,
         "content_start": "kerja sama militer kedua negara melanggar"},
        {"file": "p1.txt", "kind": "quote", "type": "direct", "speaker": "Cho Tae-yul", "speaker_named": True,
         "content_start": "Kami akan terus memantau situasi ini"},
        {"file": "p1.txt", "kind": "quote", "type": "direct", "speaker": "Yoon", "speaker_named": True,
         "content_start": "tidak ada kalimat seperti ini"},
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    score = evalanalysis.evaluate(gold, page.parent)
    assert score.counts["quotes"] == 3 and score.counts["indirect"] == 1
    assert score.metrics["direct_R"] == pytest.approx(0.5)
    assert score.metrics["indirect_R"] == pytest.approx(1.0)
    assert score.metrics["speaker"] == pytest.approx(1.0)
    assert any("tidak ada kalimat" in m for m in score.misses)
    assert score.last_line().startswith("analysis: quote_R=0.667 ")


@pytest.mark.skipif(not (DEV / "gold.jsonl").exists() or not REFERENCE.exists(),
                    reason="../shared/data/kompas-dev or ../shared/tools/score_analysis.py absent")
def test_same_numbers_as_the_reference_scorer(capsys):
    args = [str(DEV / "gold.jsonl"), str(DEV / "pages")]
    ref = subprocess.run([sys.executable, str(REFERENCE), *args], capture_output=True, text=True, timeout=900)
    assert ref.returncode == 0, ref.stdout[-400:] + ref.stderr[-400:]
    assert cli_main(["eval-analysis", *args]) == 0
    ours = capsys.readouterr().out.strip().splitlines()
    theirs = ref.stdout.strip().splitlines()
    assert ours[-1].startswith("analysis: quote_R=")
    assert ours[-1] == theirs[-1]
    assert ours[-2] == theirs[-2]  # counts
    # the same misses; eval-analysis also lists each gold actor a found event lacks
    actors = [m for m in ours[:-2] if m.startswith("miss actor ")]
    assert actors and all(" want " in m and " got [" in m for m in actors)
    assert sorted(m for m in ours[:-2] if m not in actors) == sorted(theirs[:-2])
