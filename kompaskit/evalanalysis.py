"""Score the kit's analysis tables on annotated Kompas pages (statements, dated events, cited sources).

Input: a gold JSONL written by the kompas-dev annotation guide (kinds quote / event / source, one
object per line, "file" naming a page) and the folder of those pages. The pages the gold names are
built into a temporary folder with `kompaskit.corpus.build` and read back with `kompaskit.load`.

Protocol (the same as the reference scorer ``score_analysis.py`` of the shared tools):
- words are compared as normalised tokens (accents dropped, lower case, letters/digits only);
- statement: gold ``content_start`` (its first 6 tokens) matches a predicted quote of the same
  article when they share a contiguous run of >= min(3, len) tokens within the quote's first 20
  tokens; longest runs first, one-to-one. Gold rows with the same content are one statement
  (joint speakers, any of them right). The speaker is right when ``speaker`` or
  ``speaker_mention`` names the gold speaker (`same_name`); unnamed gold speakers are not scored;
- event: a predicted event whose evidence paragraph holds the first 4 tokens of the gold
  ``evidence_start`` and whose [date_start, date_end) overlaps the gold inclusive range; closest
  dates first, one-to-one. Date exact, type and actors are scored on the matched ones;
- source: per article, gold source names against attribution sources and mentions (relation
  ``inherited`` and source type ``person`` left out).

``evaluate(gold, pages) -> Score``; ``main(argv)`` prints misses (the reference scorer's, plus one
``actor`` line per gold actor a found event lacks), counts and, as the last line,
``analysis: quote_R=… … source_P=…``.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# words that do not identify a name on their own (titles, generic heads, common place words)
GENERIC_NAME_WORDS = frozenset("""
presiden menteri wakil kepala juru bicara jubir pemimpin perdana bapak ibu tuan jenderal letnan
kolonel mayor direktur ketua sekretaris duta besar pejabat komandan pasukan media kantor berita
badan dinas kementerian departemen the of and dan luar negeri pertahanan nasional national agency
news service photo via tv korea utara selatan north south rusia russia amerika serikat united
states republik rakyat demokratik intelijen intelligence militer military pemerintah government
minister ministry foreign""".split())
TOKEN_RE = re.compile(r"[a-z0-9]+")
CAPITAL_WORD_RE = re.compile(r"[A-Za-z][A-Za-z'-]*")
METRICS = ("quote_R", "direct_R", "indirect_R", "speaker", "quote_P", "event_R", "typed_event_R",
           "event_date", "event_type", "actor_R", "event_P", "source_R", "source_P")


class EvalInputError(ValueError):
    """The gold file or the pages folder cannot be scored (one-line message)."""


def tokens(value: object) -> list[str]:
    """Lower-case ASCII word tokens of `value` (accents dropped, punctuation ignored)."""
    text = unicodedata.normalize("NFKD", str(value or "")).encode("ascii", "ignore").decode()
    return TOKEN_RE.findall(text.lower())


def initials(name: str) -> str:
    """Initials of the capitalised words of a multi-word name (`Associated Press` -> `ap`), else ''."""
    caps = [w for w in CAPITAL_WORD_RE.findall(str(name or "")) if w[0].isupper()]
    return "".join(w[0] for w in caps).lower() if len(caps) >= 2 else ""


def same_name(a: object, b: object) -> bool:
    """True when two names are equal as tokens, share a distinctive token, or one is the other's acronym."""
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return False
    if ta == tb:
        return True
    distinctive_a = {t for t in ta if len(t) >= 3 and t not in GENERIC_NAME_WORDS}
    distinctive_b = {t for t in tb if len(t) >= 3 and t not in GENERIC_NAME_WORDS}
    if distinctive_a & distinctive_b:
        return True
    ia, ib = initials(str(a)), initials(str(b))
    return bool((ia and ia in tb) or (ib and ib in ta))


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest contiguous token run common to `a` and `b`."""
    best = 0
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0] * (len(b) + 1)
        for j, y in enumerate(b, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def holds(hay: list[str], needle: list[str]) -> bool:
    """True when the token list `needle` (non-empty) occurs contiguously in `hay`."""
    n = len(needle)
    return n > 0 and any(hay[i:i + n] == needle for i in range(len(hay) - n + 1))


def greedy_pairs(candidates: list[tuple]) -> dict[int, int]:
    """One-to-one matching from (cost, gold_index, pred_index) candidates, lowest cost first."""
    match: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in sorted(candidates):
        if gi not in match and pi not in used:
            match[gi] = pi
            used.add(pi)
    return match


@dataclass
class Score:
    """Metrics (name -> ratio), counts and the list of misses of one evaluation."""
    metrics: dict[str, float]
    counts: dict[str, int]
    misses: list[str] = field(default_factory=list)

    def last_line(self) -> str:
        return "analysis: " + " ".join(f"{k}={self.metrics[k]:.3f}" for k in METRICS)


def _ratio(a: int, b: int) -> float:
    return a / b if b else float("nan")


def read_gold(path: str | Path) -> list[dict]:
    """Gold objects of a JSONL file; EvalInputError names the first bad line."""
    p = Path(path)
    if not p.is_file():
        raise EvalInputError(f"gold file not found: {p}")
    rows = []
    for n, line in enumerate(p.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvalInputError(f"{p}:{n}: not JSON ({exc.msg})") from None
        if not isinstance(row, dict) or "file" not in row or row.get("kind") not in ("quote", "event", "source"):
            raise EvalInputError(f"{p}:{n}: needs 'file' and 'kind' quote|event|source")
        rows.append(row)
    return rows


def _score_quotes(files, gold_by_file, quotes, aid_of, misses) -> dict[str, int]:
    n = defaultdict(int)
    firsts = quotes.sort_values(["article_id", "para_idx", "start"]).drop_duplicates("quote_id", keep="first")
    for f in files:
        aid = aid_of.get(f)
        preds = firsts[firsts["article_id"] == aid] if aid else firsts.iloc[:0]
        predicted = [(tokens(r.text)[:20], r.speaker, r.speaker_mention) for r in preds.itertuples()]
        n["pred"] += len(predicted)
        statements: dict[str, list[dict]] = {}
        for g in gold_by_file[f]["quote"]:
            statements.setdefault(" ".join(tokens(g["content_start"])), []).append(g)
        keys = list(statements)
        candidates = []
        for gi, key in enumerate(keys):
            head = key.split()[:6]
            for pi, (ptoks, _, _) in enumerate(predicted):
                run = longest_run(head, ptoks)
                if run >= min(3, len(head)):
                    candidates.append((-run, gi, pi))
        match = greedy_pairs(candidates)
        for gi, key in enumerate(keys):
            group = statements[key]
            kind = "direct" if group[0].get("type") == "direct" else "indirect"
            n["gold"] += 1
            n[f"gold_{kind}"] += 1
            if gi not in match:
                misses.append(f"quote {f} {kind}: not found '{key[:50]}'")
                continue
            n["hit"] += 1
            n[f"hit_{kind}"] += 1
            named = [g for g in group if g.get("speaker_named", True)]
            if not named:
                continue
            n["spk_gold"] += 1
            _, speaker, mention = predicted[match[gi]]
            if any(same_name(speaker, g["speaker"]) or same_name(mention, g["speaker"]) for g in named):
                n["spk_hit"] += 1
            else:
                misses.append(f"speaker {f}: want {named[0]['speaker']!r} got {speaker!r} ({mention!r}) on '{key[:40]}'")
        n["pred_hit"] += len(match)
    return n


def _event_rows(events: pd.DataFrame) -> list[tuple]:
    rows = []
    for r in events.itertuples():
        for ref in (list(r.evidence) if r.evidence is not None else []):
            aid, _, idx = str(ref).rpartition(":")
            actors = list(r.actors) if r.actors is not None else []
            rows.append((aid, int(idx), pd.Timestamp(r.date_start), pd.Timestamp(r.date_end), str(r.event_type), actors))
    return rows


def _score_events(files, gold_by_file, events, paragraphs, aid_of, misses) -> dict[str, int]:
    n = defaultdict(int)
    para_tokens = {(r.article_id, int(r.para_idx)): tokens(r.text) for r in paragraphs.itertuples()}
    rows = _event_rows(events)
    for f in files:
        aid = aid_of.get(f)
        preds = [e for e in rows if e[0] == aid]
        n["pred"] += len(preds)
        gold = gold_by_file[f]["event"]
        candidates = []
        for gi, g in enumerate(gold):
            g0, g1 = pd.Timestamp(g["date_start"]), pd.Timestamp(g["date_end"]) + pd.Timedelta(days=1)
            needle = tokens(g["evidence_start"])[:4]
            for pi, e in enumerate(preds):
                if e[2] < g1 and g0 < e[3] and holds(para_tokens.get((aid, e[1]), []), needle):
                    candidates.append((abs((e[2] - g0).days) + abs((e[3] - g1).days), gi, pi))
        match = greedy_pairs(candidates)
        for gi, g in enumerate(gold):
            typed = g["event_type"] != "other"
            n["gold"] += 1
            n["gold_typed"] += typed
            if gi not in match:
                misses.append(f"event {f}: not found {g['date_text']!r} {g['event_type']} "
                              f"'{' '.join(tokens(g['evidence_start'])[:4])}'")
                continue
            e = preds[match[gi]]
            g0, g1 = pd.Timestamp(g["date_start"]), pd.Timestamp(g["date_end"]) + pd.Timedelta(days=1)
            n["hit"] += 1
            n["hit_typed"] += typed
            n["date_exact"] += int(e[2] == g0 and e[3] == g1)
            n["type_ok"] += int(e[4] == g["event_type"])
            for actor in g.get("actors", []):
                n["actors"] += 1
                found = any(same_name(actor, x) for x in e[5])
                n["actor_hit"] += int(found)
                if not found:
                    misses.append(f"actor {f}: want {actor!r} got {e[5]!r} on "
                                  f"'{' '.join(tokens(g['evidence_start'])[:4])}'")
        n["pred_hit"] += len(match)
    return n


def _score_sources(files, gold_by_file, attributions, aid_of, misses) -> dict[str, int]:
    n = defaultdict(int)
    att = attributions[(attributions["relation"].astype(str) != "inherited")
                       & (attributions["source_type"].astype(str) != "person")]
    for f in files:
        aid = aid_of.get(f)
        predicted: dict[str, set[str]] = {}
        for r in att[att["article_id"] == aid].itertuples():
            predicted.setdefault(str(r.source), set()).add(str(r.source_mention))
        found: set[str] = set()
        for name in dict.fromkeys(g["source"] for g in gold_by_file[f]["source"]):
            n["gold"] += 1
            hits = [p for p, mentions in predicted.items()
                    if same_name(name, p) or any(same_name(name, m) for m in mentions)]
            if hits:
                n["hit"] += 1
                found.update(hits)
            else:
                misses.append(f"source {f}: not found {name!r}")
        n["pred"] += len(predicted)
        n["pred_hit"] += len(found)
    return n


def score_tables(gold: list[dict], corpus) -> Score:
    """Score a loaded corpus (articles, paragraphs, quotes, events, attributions) against `gold`."""
    files = sorted({g["file"] for g in gold})
    aid_of = {Path(str(r.raw_path)).name: r.article_id for r in corpus.articles.itertuples()}
    gold_by_file: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for g in gold:
        gold_by_file[g["file"]][g["kind"]].append(g)
    misses: list[str] = []
    q = _score_quotes(files, gold_by_file, corpus.quotes, aid_of, misses)
    e = _score_events(files, gold_by_file, corpus.events, corpus.paragraphs, aid_of, misses)
    s = _score_sources(files, gold_by_file, corpus.attributions, aid_of, misses)
    metrics = {
        "quote_R": _ratio(q["hit"], q["gold"]), "direct_R": _ratio(q["hit_direct"], q["gold_direct"]),
        "indirect_R": _ratio(q["hit_indirect"], q["gold_indirect"]), "speaker": _ratio(q["spk_hit"], q["spk_gold"]),
        "quote_P": _ratio(q["pred_hit"], q["pred"]), "event_R": _ratio(e["hit"], e["gold"]),
        "typed_event_R": _ratio(e["hit_typed"], e["gold_typed"]), "event_date": _ratio(e["date_exact"], e["hit"]),
        "event_type": _ratio(e["type_ok"], e["hit"]), "actor_R": _ratio(e["actor_hit"], e["actors"]),
        "event_P": _ratio(e["pred_hit"], e["pred"]), "source_R": _ratio(s["hit"], s["gold"]),
        "source_P": _ratio(s["pred_hit"], s["pred"]),
    }
    counts = {"quotes": q["gold"], "direct": q["gold_direct"], "indirect": q["gold_indirect"],
              "pred_quotes": q["pred"], "events": e["gold"], "pred_events": e["pred"], "sources": s["gold"],
              "pred_sources": s["pred"], "articles": len(files)}
    return Score(metrics, counts, misses)


def evaluate(gold_path: str | Path, pages_dir: str | Path) -> Score:
    """Build the pages the gold names (in a temporary folder) and score the tables against the gold."""
    from .corpus import build, load

    gold = read_gold(gold_path)
    pages = Path(pages_dir)
    if not pages.is_dir():
        raise EvalInputError(f"pages folder not found: {pages}")
    files = sorted({g["file"] for g in gold})
    absent = [f for f in files if not (pages / f).is_file()]
    if absent:
        raise EvalInputError(f"{len(absent)} of the {len(files)} files the gold names are not in {pages} (e.g. {absent[0]})")
    tmp = Path(tempfile.mkdtemp(prefix="kompaskit-eval-"))
    try:
        raw = tmp / "raw"
        raw.mkdir()
        for f in files:
            shutil.copy(pages / f, raw / f)
        build(raw, tmp / "out", progress=False)
        corpus = load(tmp / "out")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return score_tables(gold, corpus)


def main(argv: list[str] | None = None) -> int:
    """`kompaskit eval-analysis GOLD.jsonl PAGES_DIR [--json OUT]`: misses, counts, metrics last; 2 on bad input."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in ("-h", "--help"):
        print("usage: kompaskit eval-analysis GOLD.jsonl PAGES_DIR [--json OUT]")
        return 0
    out_json = None
    if "--json" in args:
        i = args.index("--json")
        out_json = args[i + 1] if i + 1 < len(args) else None
        args = args[:i] + args[i + 2:]
    if len(args) != 2:
        print("usage: kompaskit eval-analysis GOLD.jsonl PAGES_DIR [--json OUT]", file=sys.stderr)
        return 2
    try:
        score = evaluate(args[0], args[1])
    except EvalInputError as exc:
        print(f"eval-analysis: {exc}", file=sys.stderr)
        return 2
    for line in score.misses:
        print("miss", line)
    print("counts:", " ".join(f"{k}={v}" for k, v in score.counts.items()))
    if out_json:
        Path(out_json).write_text(json.dumps({"metrics": score.metrics, "counts": score.counts,
                                              "misses": score.misses}, indent=1))
    print(score.last_line())
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
