"""Synthetic Kompas corpora for the benchmarks: N plain-text snapshots made from real texts.

Each synthetic article is a text snapshot in one of the documented layouts (kompas.tv desktop,
about 3 in 4; kompas.com read view, about 1 in 4; see ``docs/kompas-formats.md``),
starting with its page URL on its own line. What varies, deterministically from ``seed``:

* the body: a random selection of the seed article's body paragraphs (order partly shuffled),
  mixed with a contiguous run of sentences from one PFSA-ID dev article (detokenised with
  ``kompaskit.evalquotes``; grouped into paragraphs so that quote marks stay balanced) when
  ``../shared/data/pfsa-id/dev.txt`` is present — otherwise seed paragraphs only;
* the title (actor + action + object from small pools), the publication timestamp (any minute in
  2023-01-01 .. 2025-12-31, WIB), in-text dates ``Jumat (29/11/2024)`` rewritten to the days
  before publication with the matching weekday, the byline and editor names, the dateline city,
  the ``Sumber`` line and ``Baca Juga`` titles;
* the URL: a distinct numeric id per article; about ``dup_rate`` of the articles are saved a
  second time under an amp/beta host (kompas.tv) or amp host (kompas.com), so the build has
  duplicates to merge.

Files go to ``<out>/<NNN>/<site>-<date>-<id>[-dup].txt``, 1,000 per sub-folder. ``N`` counts files,
duplicates included. ``mutate(folder, fraction)`` edits a deterministic fraction of them (for the
incremental-rebuild benchmark).

Usage::

    python benchmarks/synth.py OUT_DIR --n 1000 [--seed 7] [--dup-rate 0.02]
"""
from __future__ import annotations

import argparse
import bisect
import random
import re
import sys
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_PATH = ROOT / "data" / "raw" / "kompastv-2024-11-30-kim-jong-un-belousov.txt"
PFSA_DEV = ROOT.parent / "shared" / "data" / "pfsa-id" / "dev.txt"
PER_FOLDER = 1000
GENERATOR_VERSION = "1"  # bump when the output changes, so cached corpora are regenerated

TV_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, KOMPAS\.TV\s*[-–—]\s*")
PFSA_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]*,?\s*KOMPAS(?:\.com|\.TV)?\s*[-–—]\s*")
IN_TEXT_DATE = re.compile(r"\b(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*\((\d{1,2})/(\d{1,2})/(\d{4})\)")
QUOTE_MARK = re.compile(r"[\"“”]")

WEEKDAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
          "Oktober", "November", "Desember")
CITIES = ("PYONGYANG", "MOSKWA", "SEOUL", "KIEV", "KYIV", "WASHINGTON", "BEIJING", "TOKYO",
          "JAKARTA", "VLADIVOSTOK", "PYONYANG", "NEW YORK")
ACTORS = ("Kim Jong-un", "Vladimir Putin", "Andrei Belousov", "Sergei Shoigu", "Sergei Lavrov",
          "Choe Son-hui", "Yoon Suk-yeol", "Volodymyr Zelensky", "Kim Yo-jong", "Xi Jinping",
          "Menlu Sugiono", "Antonio Guterres")
ACTIONS = ("Tegaskan", "Sebut", "Bantah", "Umumkan", "Peringatkan", "Kecam", "Dukung", "Bahas",
           "Tanggapi", "Janjikan")
OBJECTS = ("Kerja Sama Militer Rusia-Korea Utara", "Pengiriman Pasukan ke Kursk",
           "Uji Coba Rudal Balistik", "Pakta Pertahanan Bersama", "Sanksi Dewan Keamanan PBB",
           "Bantuan Amunisi untuk Rusia", "Latihan Militer Gabungan", "Kunjungan ke Pyongyang",
           "Perundingan Damai Ukraina", "Peluncuran Satelit Mata-Mata")
FIRST_NAMES = ("Haryo", "Desy", "Rizky", "Ahmad", "Dewi", "Fadel", "Nadia", "Gading", "Tussie",
               "Vyara", "Danang", "Ikhsan", "Putri", "Bayu", "Aryo", "Laksono")
LAST_NAMES = ("Jati", "Afrianti", "Pratama", "Nugroho", "Lestari", "Prameswari", "Santoso",
              "Ayuningtyas", "Wibowo", "Hakim", "Purnamasari", "Setiawan", "Hartono")
SOURCES = ("Voice of America", "Associated Press", "Reuters", "AFP", "Yonhap", "KCNA",
           "The Strait Times/Business Insider", "TASS", "BBC", "Al Jazeera", "DW")
CREDITS = ("Korean Central News Agency/Korea News Service via AP", "AP Photo/Alexander Zemlianichenko",
           "Sputnik/Kremlin Pool Photo via AP", "Yonhap/Reuters", "KCNA via Reuters")


@dataclass
class Sources:
    """The real texts a corpus is made from."""

    header_caption: str
    body: list[str]  # seed body paragraphs, dateline stripped, no Baca Juga / Sumber lines
    related: list[str]  # seed "Baca Juga" titles
    trailer: str  # seed furniture after the Sumber line
    pfsa: list[list[str]]  # per PFSA-ID article: paragraphs (sentences grouped, quotes balanced)


def load_sources(seed_path: Path = SEED_PATH, pfsa_path: Path | None = PFSA_DEV) -> Sources:
    """Split the seed snapshot into caption, body, related titles and trailer; read PFSA-ID dev."""
    text = seed_path.read_text(encoding="utf-8")
    paras = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    start = next(i for i, p in enumerate(paras) if TV_DATELINE.match(p))
    end = next(i for i, p in enumerate(paras) if p.startswith("Sumber :"))
    header = paras[start - 1].splitlines()
    caption = next((ln for ln in header if "(Sumber:" in ln), header[-1])
    body, related = [], []
    for p in paras[start:end]:
        if p.startswith("Baca Juga:"):
            related.append(p.split(":", 1)[1].strip())
        else:
            body.append(TV_DATELINE.sub("", p))
    trailer = "\n\n".join(paras[end + 1:])
    pfsa = read_pfsa(pfsa_path) if pfsa_path is not None and Path(pfsa_path).exists() else []
    return Sources(caption, body, related, trailer, pfsa)


def read_pfsa(path: Path) -> list[list[str]]:
    """PFSA-ID articles as paragraph lists: 1-3 sentences each, never splitting a quotation."""
    sys.path.insert(0, str(ROOT))
    from kompaskit.evalquotes import detokenize, read_split

    split = detokenize(read_split(path))
    articles: dict[int, list[str]] = {}
    pos = 0
    for line in split.text.split("\n"):
        i = bisect.bisect_left(split.starts, pos)
        pos += len(line) + 1
        if not line.strip() or i >= len(split.article):
            continue
        articles.setdefault(split.article[i], []).append(line.strip())
    rng = random.Random(0)
    out = []
    for sentences in articles.values():
        sentences[0] = PFSA_DATELINE.sub("", sentences[0])
        paras, cur, marks = [], [], 0
        for s in sentences:
            cur.append(s)
            marks += len(QUOTE_MARK.findall(s))
            if marks % 2 == 0 and len(cur) >= rng.randint(1, 3):
                paras.append(" ".join(cur))
                cur, marks = [], 0
        if cur:
            paras.append(" ".join(cur))
        out.append(paras)
    return out


# --------------------------------------------------------------------------- one article

def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _redate(par: str, published: datetime, rng: random.Random) -> str:
    """Rewrite `Weekday (d/m/yyyy)` to a day 0-3 days before publication, weekday matching."""
    def repl(_m: re.Match) -> str:
        d = published.date() - timedelta(days=rng.randint(0, 3))
        return f"{WEEKDAYS[d.weekday()]} ({d.day}/{d.month}/{d.year})"
    return IN_TEXT_DATE.sub(repl, par)


def _body(src: Sources, rng: random.Random, published: datetime) -> list[str]:
    k = rng.randint(4, min(10, len(src.body)))
    picked = sorted(rng.sample(range(len(src.body)), k))
    if rng.random() < 0.5:  # partly shuffle: swap two neighbours
        j = rng.randrange(len(picked) - 1)
        picked[j], picked[j + 1] = picked[j + 1], picked[j]
    paras = [src.body[i] for i in picked]
    if src.pfsa:
        art = rng.choice(src.pfsa)
        n = rng.randint(3, min(10, len(art)))
        at = rng.randrange(0, len(art) - n + 1)
        run = art[at:at + n]
        cut = rng.randint(1, len(paras) - 1)
        paras = paras[:cut] + run + paras[cut:]
    return [_redate(p, published, rng) for p in paras]


def article_text(i: int, src: Sources, rng: random.Random) -> tuple[str, dict]:
    """One synthetic snapshot (text) and its facts (site, id, url, date, slug)."""
    start = datetime(2023, 1, 1)
    published = start + timedelta(minutes=rng.randrange(3 * 365 * 24 * 60))
    title = f"{rng.choice(ACTORS)} {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
    if rng.random() < 0.3:
        title += f", {rng.choice(ACTORS)} {rng.choice(ACTIONS).lower()} {rng.choice(OBJECTS)}"
    slug = _slug(title)
    city = rng.choice(CITIES)
    body = _body(src, rng, published)
    related = rng.sample(src.related, k=min(len(src.related), rng.randint(0, 2)))
    source = rng.choice(SOURCES)
    site = "kompas.com" if rng.random() < 0.25 else "kompas.tv"
    art_id = 100_000 + i * 7 + rng.randrange(7)  # distinct, increasing, not contiguous
    if site == "kompas.tv":
        url = f"https://www.kompas.tv/internasional/{art_id}/{slug}"
        stamp = f"Kompas.tv - {published.day} {MONTHS[published.month - 1]} {published.year}, {published:%H:%M} WIB"
        caption = re.sub(r"\(Sumber:.*\)\s*$", f"(Sumber: {rng.choice(CREDITS)})", src.header_caption)
        lines = [url, "Kompas TV internasional kompas dunia", "", title, "", stamp, slug, caption,
                 f"Penulis : {_name(rng)} | Editor : {_name(rng)}", ""]
        body[0] = f"{city}, KOMPAS.TV - {body[0]}"
        related_fmt = "Baca Juga: {}"
        tail = ["", "", f"Sumber : {source}", "", "", src.trailer]
    else:
        url = (f"https://www.kompas.com/global/read/{published:%Y/%m/%d}/"
               f"{published:%H%M}{art_id:07d}/{slug}")
        stamp = f"Kompas.com - {published:%d/%m/%Y, %H:%M} WIB"
        lines = [url, "Baca berita tanpa iklan. Gabung Kompas.com+", title, stamp, _name(rng),
                 "Penulis", f"Sumber {source.split('/')[0]}", ""]
        body[0] = f"{city}, KOMPAS.com - {body[0]}"
        related_fmt = "Baca juga: {}"
        tail = ["", "Terkini Lainnya"]
    for t in related:  # Baca Juga lines inside the body, never first
        body.insert(rng.randint(1, len(body)), related_fmt.format(t))
    text = "\n".join(lines) + "\n" + "\n\n".join(body) + "\n" + "\n".join(tail) + "\n"
    facts = {"site": site, "id": art_id, "url": url, "published": published, "slug": slug}
    return text, facts


def _dup_url(facts: dict, rng: random.Random) -> str:
    url = facts["url"]
    if facts["site"] == "kompas.tv":
        if rng.random() < 0.5:
            return url.replace("https://www.kompas.tv/", "https://www.kompas.tv/amp/") + "?page=all"
        return url.replace("www.kompas.tv", "beta.kompas.tv") + "?medium=synth&so=1"
    return url.replace("www.kompas.com", "amp.kompas.com")


# --------------------------------------------------------------------------- corpus

def generate(out: str | Path, n: int, seed: int = 7, dup_rate: float = 0.02,
             sources: Sources | None = None) -> list[Path]:
    """Write `n` snapshot files (duplicates included) under `out`; returns their paths, sorted.

    Same (`n`, `seed`, `dup_rate`, input texts) -> byte-identical files.
    """
    out = Path(out)
    src = sources or load_sources()
    rng = random.Random(seed)
    paths: list[Path] = []
    i = 0
    while len(paths) < n:
        text, facts = article_text(i, src, rng)
        stem = f"{facts['site'].replace('.', '')}-{facts['published']:%Y-%m-%d}-{facts['id']}"
        copies = [(stem, text)]
        if rng.random() < dup_rate and len(paths) + 1 < n:
            dup_url = _dup_url(facts, rng)
            copies.append((stem + "-dup", text.replace(facts["url"], dup_url, 1)))
        for name, body in copies:
            folder = out / f"{len(paths) // PER_FOLDER:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{name}.txt"
            path.write_text(body, encoding="utf-8")
            paths.append(path)
        i += 1
    return sorted(paths)


def mutate(folder: str | Path, fraction: float = 0.01, seed: int = 11) -> list[Path]:
    """Edit `fraction` of the snapshot files under `folder` (adds a sentence to the lead paragraph).

    Returns the edited paths. Each call changes the files again (their hash changes every time).
    """
    files = sorted(p for p in Path(folder).rglob("*.txt"))
    rng = random.Random(seed)
    k = max(1, round(len(files) * fraction)) if files else 0
    picked = sorted(rng.sample(files, k)) if k else []
    for p in picked:
        text = p.read_text(encoding="utf-8")
        stamp = datetime.now().strftime("%H:%M:%S.%f")
        m = re.search(r"KOMPAS\.(?:TV|com) - [^\n]*", text)
        at = m.end() if m else len(text)
        text = text[:at] + f" Berita ini diperbarui pukul {stamp}." + text[at:]
        p.write_text(text, encoding="utf-8")
    return picked


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out")
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--dup-rate", type=float, default=0.02)
    args = ap.parse_args(argv)
    paths = generate(args.out, args.n, seed=args.seed, dup_rate=args.dup_rate)
    print(f"wrote {len(paths)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
