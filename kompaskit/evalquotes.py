"""Score `kompaskit.quotes.extract_quotes` on a PFSA-ID split (CoNLL-style BILOU file).

Protocol (issue 3): the split is detokenised into one string, one sentence per line, with natural
spacing; quote marks open/close by alternation carried across sentences and reset per article
(an article starts at the ``CITY , KOMPAS —`` dateline); a sentence-final opening quote (the
corpus's splitter leaves a paragraph's opening mark there) moves to the start of the next line.
`extract_quotes` is called once on the whole text; predicted character spans map to tokens (a
token counts when more than half of it is covered). A prediction matches a gold STATEMENT when
the shared content tokens are >= 0.5 of the shorter and >= 0.3 of the longer span, one-to-one,
greedy. PFSA-ID annotates direct statements only, so predictions of kind ``indirect`` are left
out of the scored set (their number is reported as ``n_indirect``).

``evaluate(path) -> dict`` returns the numbers; ``main(argv) -> int`` prints them as a table.
"""
from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from .article import KompasParseError

NO_SPACE_BEFORE = frozenset(",.;:!?)]%")
NO_SPACE_AFTER = frozenset("([")
DOUBLE_MARKS = frozenset({'"', "“", "”", "„", "«", "»"})
SINGLE_MARKS = frozenset({"'", "‘", "’"})
JOINING = frozenset({"/", "-"})  # `24 / 3 / 2022` -> 24/3/2022, `Lai - Lai` -> Lai-Lai
CONTENT_RE = re.compile(r"\w", re.UNICODE)
WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|[’'](?=[^\W\d_]))+", re.UNICODE)  # Mu’ti is one name token
TITLES = frozenset({"presiden", "menteri", "kepala", "bapak", "ibu", "wakil", "pak", "bu"})
NAME_PREFIXES = frozenset({"muhammad", "mohammad", "mohamad", "muhamad", "abdul", "ahmad", "siti", "nur"})
CLITIC_RE = re.compile(r"nya$", re.IGNORECASE)
PRONOUNS = frozenset({"ia", "dia", "beliau", "nya", "-nya", "mereka", "saya", "aku", "kami"})


@dataclass
class Sentence:
    tokens: list[str]
    labels: list[str]


@dataclass
class Split:
    """A detokenised split: text, token char offsets, labels, article index per token."""

    text: str
    tokens: list[str] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    article: list[int] = field(default_factory=list)


def read_split(path: str | Path) -> list[Sentence]:
    """Sentences of a CoNLL-style file (token TAB label, blank line between sentences)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise KompasParseError(f"cannot read PFSA-ID split {path}: {exc}", stage="read") from exc
    if b"\x00" in raw[:4096]:
        raise KompasParseError(f"{path} is binary, not a PFSA-ID split", stage="read")
    text = raw.decode("utf-8", errors="replace")
    sentences: list[Sentence] = []
    toks: list[str] = []
    labs: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            if toks:
                sentences.append(Sentence(toks, labs))
                toks, labs = [], []
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            parts = line.rsplit(None, 1)
        if len(parts) < 2:
            continue
        toks.append(parts[0].strip())
        labs.append(parts[-1].strip())
    if toks:
        sentences.append(Sentence(toks, labs))
    if not sentences:
        raise KompasParseError(f"{path} holds no token/label lines", stage="parse")
    return sentences


def _is_dateline(tokens: list[str]) -> bool:
    """`CITY , KOMPAS —` at the start of a sentence opens a new article."""
    for i, tok in enumerate(tokens[:8]):
        if tok == "KOMPAS":
            return i >= 2 and tokens[i - 1] == "," and i + 1 < len(tokens) and tokens[i + 1] in "—–-"
    return False


def detokenize(sentences: list[Sentence]) -> Split:
    """Rebuild natural text, one sentence per line, keeping each token's char offsets."""
    # 1. decide open/close of every quote mark by alternation, reset per article
    roles: list[list[str]] = []
    art = -1
    arts: list[int] = []
    for sent in sentences:
        if art < 0 or _is_dateline(sent.tokens):
            art += 1
            open_double = open_single = False
        arts.append(art)
        r = []
        for tok in sent.tokens:
            if tok in DOUBLE_MARKS:
                r.append("close" if open_double else "open")
                open_double = not open_double
            elif tok in SINGLE_MARKS:
                role = "open" if tok == "‘" else "close" if tok == "’" else ("close" if open_single else "open")
                open_single = role == "open"
                r.append(role)
            else:
                r.append("")
        roles.append(r)
    # 2. move a sentence-final opening mark to the start of the next sentence
    lines: list[list[tuple[str, str, str]]] = [
        list(zip(s.tokens, s.labels, r)) for s, r in zip(sentences, roles)
    ]
    for i in range(len(lines) - 1):
        if lines[i] and lines[i][-1][2] == "open" and arts[i + 1] == arts[i]:
            lines[i + 1].insert(0, lines[i].pop())
    # 3. join with natural spacing
    out = Split(text="")
    pieces: list[str] = []
    pos = 0
    for li, line in enumerate(lines):
        if li:
            pieces.append("\n")
            pos += 1
        prev_tok, prev_role = None, ""
        for tok, lab, role in line:
            space = prev_tok is not None
            if space and (tok in NO_SPACE_BEFORE or role == "close" or tok in JOINING
                          or prev_tok in NO_SPACE_AFTER or prev_role == "open" or prev_tok in JOINING):
                space = False
            if space:
                pieces.append(" ")
                pos += 1
            out.tokens.append(tok)
            out.labels.append(lab)
            out.starts.append(pos)
            pieces.append(tok)
            pos += len(tok)
            out.ends.append(pos)
            out.article.append(arts[li])
            prev_tok, prev_role = tok, role
    out.text = "".join(pieces)
    return out


def spans(labels: list[str], kinds: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """BILOU spans of the given kinds as (first_token, last_token_exclusive, kind)."""
    result = []
    start = None
    cur = None
    for i, lab in enumerate(labels):
        tag, _, kind = lab.partition("-")
        if kind not in kinds:
            if start is not None:
                result.append((start, i, cur))
                start = None
            continue
        if tag in ("B", "U") or start is None or kind != cur:
            if start is not None:
                result.append((start, i, cur))
            start, cur = i, kind
        if tag in ("L", "U"):
            result.append((start, i + 1, cur))
            start = None
    if start is not None:
        result.append((start, len(labels), cur))
    return result


def _content(split: Split, a: int, b: int) -> frozenset[int]:
    return frozenset(i for i in range(a, b) if CONTENT_RE.search(split.tokens[i]))


def _pred_tokens(split: Split, start: int, end: int, tok_index) -> frozenset[int]:
    """Content tokens more than half covered by [start, end)."""
    import bisect

    lo = bisect.bisect_right(split.ends, start)
    hi = bisect.bisect_left(split.starts, end)
    out = set()
    for i in range(lo, min(hi, len(split.tokens))):
        s, e = split.starts[i], split.ends[i]
        cover = min(e, end) - max(s, start)
        if cover * 2 > (e - s) and CONTENT_RE.search(split.tokens[i]):
            out.add(i)
    return frozenset(out)


def _name_tokens(name: str) -> set[str]:
    words = {w.lower() for w in WORD_RE.findall(name or "")}
    return {w for w in words if sum(c.isalpha() for c in w) >= 3} - TITLES - NAME_PREFIXES


def gold_speaker(split: Split, stmt: tuple[int, int], cues: list[tuple[int, int, str]],
                 persons: list[tuple[int, int, str]]) -> str | None:
    """The PERSON/PERSONCOREF nearest the CUE within 3 tokens of the statement (coref resolved)."""
    a, b = stmt
    best = None
    for cs, ce, _ in cues:
        dist = cs - b if cs >= b else a - ce if ce <= a else 0
        if 0 <= dist <= 3 and (best is None or dist < best[0]):
            best = (dist, cs, ce)
    if best is None:
        return None
    _, cs, ce = best
    art = split.article[cs]
    if cues_kind(split, cs) == "CUECOREF" and CLITIC_RE.search(split.tokens[ce - 1]):
        # a clitic cue (`katanya`) is itself the pronoun: the article's last PERSON before it
        return _last_person(split, persons, cs, art)
    near = None
    for ps, pe, kind in persons:
        if split.article[ps] != art:
            continue
        d = ps - ce if ps >= ce else cs - pe if pe <= cs else 0
        if near is None or d < near[0]:
            near = (d, ps, pe, kind)
    if near is None:
        return None
    _, ps, pe, kind = near
    mention = " ".join(split.tokens[ps:pe])
    if kind == "PERSONCOREF" and (mention.lower() in PRONOUNS or not _name_tokens(mention)):
        # pronouns and title-only mentions: the article's last PERSON before this point
        return _last_person(split, persons, ps, art)
    return mention


def cues_kind(split: Split, i: int) -> str:
    return split.labels[i].partition("-")[2]


def _last_person(split: Split, persons: list[tuple[int, int, str]], before: int, art: int) -> str | None:
    for qs, qe, k in reversed(persons):
        if k == "PERSON" and qe <= before and split.article[qs] == art:
            return " ".join(split.tokens[qs:qe])
    return None


def speaker_matches(predicted: str | None, gold: str) -> bool:
    """Right when the two share a >= 3-letter token (titles, name prefixes ignored)."""
    return bool(_name_tokens(predicted or "") & _name_tokens(gold))


def evaluate(split_path: str | Path) -> dict:
    """Score `extract_quotes` on a PFSA-ID split; returns counts, P/R/F1, exact-span F1, speaker accuracy."""
    import time

    from .quotes import extract_quotes

    split = detokenize(read_split(split_path))
    gold = [(a, b) for a, b, _ in spans(split.labels, ("STATEMENT",))]
    cues = spans(split.labels, ("CUE", "CUECOREF"))
    persons = spans(split.labels, ("PERSON", "PERSONCOREF"))
    t0 = time.perf_counter()
    pred_df = extract_quotes(split.text)
    seconds = time.perf_counter() - t0
    n_indirect = int((pred_df["kind"] == "indirect").sum()) if len(pred_df) else 0
    scored = pred_df[pred_df["kind"] != "indirect"] if len(pred_df) else pred_df
    preds = []
    for start, end, speaker in zip(scored["start"], scored["end"], scored["speaker"]):
        toks = _pred_tokens(split, int(start), int(end), None)
        if toks:
            preds.append((toks, speaker))
    gold_sets = [_content(split, a, b) for a, b in gold]
    # candidate pairs, via a token -> gold index map
    owner: dict[int, list[int]] = {}
    for gi, gs in enumerate(gold_sets):
        for t in gs:
            owner.setdefault(t, []).append(gi)
    cands = []
    for pi, (ps, _) in enumerate(preds):
        counts: dict[int, int] = {}
        for t in ps:
            for gi in owner.get(t, ()):
                counts[gi] = counts.get(gi, 0) + 1
        for gi, shared in counts.items():
            gs = gold_sets[gi]
            short, long_ = sorted((len(ps), len(gs)))
            if shared >= 0.5 * short and shared >= 0.3 * long_:
                cands.append((shared / long_, shared, pi, gi))
    cands.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_p, used_g, pairs = set(), set(), []
    for _, _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pi, gi))
    n_pred, n_gold, n_match = len(preds), len(gold_sets), len(pairs)
    n_exact = sum(1 for pi, gi in pairs if preds[pi][0] == gold_sets[gi])
    n_spk = n_spk_ok = 0
    misses = []
    for pi, gi in pairs:
        g = gold_speaker(split, gold[gi], cues, persons)
        if g is None:
            continue
        n_spk += 1
        if speaker_matches(preds[pi][1], g):
            n_spk_ok += 1
        else:
            misses.append((gi, preds[pi][1], g))

    def prf(hit: int) -> tuple[float, float, float]:
        p = hit / n_pred if n_pred else 0.0
        r = hit / n_gold if n_gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    p, r, f = prf(n_match)
    ep, er, ef = prf(n_exact)
    return {
        "split": str(split_path),
        "n_articles": (split.article[-1] + 1) if split.article else 0,
        "n_gold": n_gold, "n_pred": n_pred, "n_matched": n_match, "n_exact": n_exact,
        "n_indirect": n_indirect,
        "precision": p, "recall": r, "f1": f,
        "exact_precision": ep, "exact_recall": er, "exact_f1": ef,
        "speaker_n": n_spk, "speaker_correct": n_spk_ok,
        "speaker_accuracy": n_spk_ok / n_spk if n_spk else 0.0,
        "seconds": seconds,
        "_split": split, "_gold": gold, "_preds": preds, "_pairs": pairs, "_speaker_misses": misses,
    }


DEV_ENV = "KOMPASKIT_PFSA_DEV"
WHERE_TO_GET = (
    "PFSA-ID dev split not found. Put the corpus's dev.txt at ../shared/data/pfsa-id/dev.txt beside "
    "the repository (or set $KOMPASKIT_PFSA_DEV to its path). PFSA-ID (Indonesian public-figure "
    "statement attribution, CC BY-NC-SA) is distributed by its authors; only use its dev split for "
    "development and keep the test split for independent evaluation.")


def find_dev_split(start: str | Path | None = None) -> Path | None:
    """The PFSA-ID dev split: $KOMPASKIT_PFSA_DEV, else ../shared/data/pfsa-id/dev.txt beside the
    repository root found from `start` (default: the working directory) upwards; None if absent."""
    import os

    env = os.environ.get(DEV_ENV)
    if env:
        return Path(env) if Path(env).is_file() else None
    from .settings import project_root

    root = project_root(start)
    if root is None:
        return None
    path = root.parent / "shared" / "data" / "pfsa-id" / "dev.txt"
    return path if path.is_file() else None


def summary_table(result: dict):
    """The headline numbers of `evaluate` as a small DataFrame (`metric`, `value`)."""
    import pandas as pd

    keys = ["n_articles", "n_gold", "n_pred", "n_indirect", "n_matched", "precision", "recall", "f1",
            "exact_precision", "exact_recall", "exact_f1", "speaker_accuracy", "speaker_n", "seconds"]
    return pd.DataFrame({"metric": keys, "value": [result[k] for k in keys]})


def format_table(result: dict) -> str:
    """The numbers of `evaluate` as a plain-text table."""
    rows = [
        ("articles", f"{result['n_articles']}"),
        ("gold statements", f"{result['n_gold']}"),
        ("predicted (direct/mixed)", f"{result['n_pred']}"),
        ("predicted indirect (not scored)", f"{result['n_indirect']}"),
        ("matched", f"{result['n_matched']}"),
        ("precision", f"{result['precision']:.3f}"),
        ("recall", f"{result['recall']:.3f}"),
        ("F1", f"{result['f1']:.3f}"),
        ("exact-span precision", f"{result['exact_precision']:.3f}"),
        ("exact-span recall", f"{result['exact_recall']:.3f}"),
        ("exact-span F1", f"{result['exact_f1']:.3f}"),
        ("speaker accuracy", f"{result['speaker_accuracy']:.3f} ({result['speaker_correct']}/{result['speaker_n']})"),
        ("extract_quotes seconds", f"{result['seconds']:.2f}"),
    ]
    width = max(len(k) for k, _ in rows)
    return "\n".join(f"{k:<{width}}  {v}" for k, v in rows)


def main(argv: list[str] | None = None) -> int:
    """`kompaskit eval-quotes SPLIT_FILE`: print the PFSA-ID scores; 0 on success, 2 on bad input."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) != 1 or args[0] in ("-h", "--help"):
        print("usage: kompaskit eval-quotes SPLIT_FILE   (e.g. ../shared/data/pfsa-id/dev.txt)")
        return 0 if args and args[0] in ("-h", "--help") else 2
    try:
        result = evaluate(args[0])
    except KompasParseError as exc:
        print(f"eval-quotes: {exc}", file=sys.stderr)
        return 2
    print(format_table(result))
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
