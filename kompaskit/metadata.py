"""Kompas metadata primitives: timestamps, bylines, ``Sumber``, photo credits, datelines, weekdays.

Everything here works on one string (a line or a paragraph) and is shared by the plain-text
(`textformat`) and HTML (`htmlprocessing`) paths. Rules follow ``spec/kompas-formats.md``:

* timestamps: ``30 November 2024, 10:52 WIB``, ``13/09/2023, 06:23 WIB``,
  ``Selasa, 16 Februari 2016 | 14:38 WIB``, ``29 Oktober 2024 | 19.00 WIB``; WIB (+07) unless the
  text says WITA (+08) or WIT (+09);
* bylines: ``Penulis : A | Editor : B``, AMP ``Penulis : A-B Editor : C-D``, legacy ``EditorName``;
  video credit lines (``Narator:``, ``Produser:`` ...) go to a credits dict;
* sources: ``Sumber : A/B``, ``Sumber AFP``, ``,``-joined;
* photo credits: ``A/B via C`` -> ``[A, B, C]``;
* datelines: ``CITY, KOMPAS.TV -``, ``KOMPAS.com –``, ``Kompas.tv``/``KompasTV``, ``KOMPAS.id``,
  print-style ``KOMPAS``, kompas.com desks (``Jakarta, KompasOtomotif –``, ``KompasTekno``) and the
  other-outlet shapes (Antara, CNN Indonesia, Kontan, Republika, Liputan6, Tribun, Tempo,
  Okezone/Detik). This is the one dateline grammar of the kit: the HTML path uses it too.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from .dates import MONTHS, TIMEZONES, WEEKDAYS, WIB  # noqa: F401 (WIB: public name kept here)
from .outlets import site_from_dateline_outlet

# --- months, weekdays, time zones: the kit's one calendar (kompaskit.dates) -------------------
# a printed time without a zone word is WIB; parsed times keep the printed zone's fixed offset
PRINTED_WIB = TIMEZONES["WIB"]

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_TZ = r"(?P<tz>WITA|WIB|WIT)\b"
# `30 November 2024, 10:52 WIB`, `Selasa, 16 Februari 2016 | 14:38 WIB`, `29 Okt 2024 - 19.00 WIB`
_NAMED_TS = re.compile(
    rf"\b(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_ALT})\.?\s+(?P<y>\d{{4}})"
    rf"(?:\s*(?:[,|/\-–—]|pukul|jam|\s)\s*(?:pukul\s+)?(?P<H>\d{{1,2}})[:.](?P<M>\d{{2}})"
    rf"(?:[:.](?P<S>\d{{2}}))?\s*(?:{_TZ})?)?",
    re.IGNORECASE,
)
# `13/09/2023, 06:23 WIB`
_NUMERIC_TS = re.compile(
    rf"\b(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}})"
    rf"(?:\s*[,|\-]?\s*(?:pukul\s+)?(?P<H>\d{{1,2}})[:.](?P<M>\d{{2}})(?:[:.](?P<S>\d{{2}}))?\s*(?:{_TZ})?)?"
)
# ISO 8601 as found in HTML metadata
_ISO_TS = re.compile(
    r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?"
    r"(?:\.\d+)?\s*(?P<off>Z|[+-]\d{2}:?\d{2})?)?"
)


def _build(y: str, m: int, d: str, hh: str | None, mm: str | None, ss: str | None,
           tz: timezone) -> datetime | None:
    try:
        return datetime(int(y), m, int(d), int(hh or 0), int(mm or 0), int(ss or 0), tzinfo=tz)
    except ValueError:
        return None


def parse_timestamp(s: str | None) -> datetime | None:
    """First publication-style timestamp in ``s`` as a tz-aware datetime, else None.

    Accepts Indonesian (and English) month names or abbreviations, numeric ``dd/mm/yyyy`` dates,
    ``:`` or ``.`` between hours and minutes, an optional weekday or ``Kompas.tv -`` prefix, and
    WIB/WITA/WIT (WIB when no zone is printed). A date without a time gives midnight.
    """
    if not s:
        return None
    s = s[:2000]  # timestamps sit in short header lines; never scan a whole book
    best: tuple[int, datetime] | None = None
    for rx in (_NAMED_TS, _NUMERIC_TS):
        for m in rx.finditer(s):
            month = MONTHS.get(m["m"].lower()) if rx is _NAMED_TS else int(m["m"])
            if not month:
                continue
            tz = TIMEZONES[m["tz"].upper()] if m["tz"] else PRINTED_WIB
            dt = _build(m["y"], month, m["d"], m["H"], m["M"], m["S"], tz)
            if dt is not None:
                if best is None or m.start() < best[0]:
                    best = (m.start(), dt)
                break
    if best is not None:
        return best[1]
    m = _ISO_TS.search(s)
    if m:
        tz = PRINTED_WIB
        off = m["off"]
        if off == "Z":
            tz = timezone.utc
        elif off:
            sign = -1 if off[0] == "-" else 1
            digits = off[1:].replace(":", "")
            tz = timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))
        return _build(m["y"], int(m["m"]), m["d"], m["H"], m["M"], m["S"], tz)
    return None


def timestamp_span(s: str) -> tuple[int, int] | None:
    """(start, end) of the first date-with-time in ``s`` (used to tell timestamp lines apart)."""
    for rx in (_NAMED_TS, _NUMERIC_TS):
        m = rx.search(s)
        if m and m["H"] is not None:
            return m.start(), m.end()
    return None


# --- weekday check -----------------------------------------------------------------------------

_WEEKDAY_DATE = re.compile(
    r"\b(?P<wd>Senin|Selasa|Rabu|Kamis|Jum['’]?at|Sabtu|Minggu|Ahad)\s*,?\s*"
    r"\(\s*(?P<d>\d{1,2})\s*/\s*(?P<m>\d{1,2})\s*/\s*(?P<y>\d{2,4})\s*\)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class WeekdayCheck:
    """One ``Jumat (29/11/2024)`` mention: the printed weekday, the date, and whether they agree."""

    surface: str
    start: int
    weekday: str
    date: date
    matches: bool


def check_weekdays(text: str) -> list[WeekdayCheck]:
    """Every ``<weekday> (d/m/yyyy)`` mention in ``text`` with a verdict; impossible dates skipped."""
    out: list[WeekdayCheck] = []
    if "/" not in text or "(" not in text:  # cheap filter: most paragraphs have no such date
        return out
    for m in _WEEKDAY_DATE.finditer(text, 0, 100_000):  # a paragraph is never longer
        y = int(m["y"])
        if y < 100:
            y += 2000
        if y < 1900:  # typos such as (4/11/205): the weekday cannot be checked
            continue
        try:
            d = date(y, int(m["m"]), int(m["d"]))
        except ValueError:
            continue
        wd = m["wd"].lower().replace("’", "'")
        out.append(WeekdayCheck(m[0], m.start(), m["wd"], d, WEEKDAYS[wd] == d.weekday()))
    return out


def has_weekday_mismatch(paragraphs: list[str]) -> bool:
    """True when some ``<weekday> (d/m/yyyy)`` in the paragraphs names the wrong weekday."""
    return any(not c.matches for p in paragraphs for c in check_weekdays(p))


# --- names, bylines and credits ----------------------------------------------------------------

_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\bdan\b|\band\b)\s*")
_CONTRIBUTOR = re.compile(r"^(?:Kontributor|Koresponden)\b[^,]*$", re.IGNORECASE)


def clean_name(name: str) -> str:
    """One person's name: AMP hyphens (``Desy-Afrianti``) become spaces, stray punctuation goes."""
    name = " ".join(name.split()).strip(" \t|,;:.-–—•")
    if " " not in name and "-" in name:
        name = name.replace("-", " ")
    return name


def split_names(s: str) -> list[str]:
    """``A, B dan C`` -> ``[A, B, C]``; a ``Kontributor <Place>,`` prefix is dropped."""
    parts = [p for p in _NAME_SPLIT.split(s) if p and p.strip()]
    names = [clean_name(p) for p in parts if not _CONTRIBUTOR.match(p.strip())]
    return [n for n in names if n]


# credit roles of video pages, most specific first; value: the credits key
CREDIT_ROLES: dict[str, str] = {
    "penulis naskah": "Penulis Naskah",
    "video editor": "Video Editor",
    "editor video": "Video Editor",
    "narator": "Narator",
    "narasi": "Narator",
    "produser eksekutif": "Produser Eksekutif",
    "produser": "Produser",
    "musik": "Musik",
    "kameramen": "Kameramen",
    "kamerawan": "Kameramen",
    "videografer": "Videografer",
    "jurnalis": "Jurnalis",
    "reporter": "Reporter",
    "host": "Host",
    "presenter": "Presenter",
    "grafis": "Grafis",
    "editor": "Editor",
    "penulis": "Penulis",
    "pewarta": "Penulis",  # Antara's word for the reporter who wrote the piece
    "redaktur": "Editor",
    "rep": "Penulis",  # Republika: `Rep: A/ Red: B`
    "red": "Editor",
}
_CREDIT_LINE = re.compile(
    r"^(?P<role>" + "|".join(re.escape(r) for r in CREDIT_ROLES) + r")\s*:\s*(?P<names>\S.{0,150})$",
    re.IGNORECASE,
)
_NAMEISH = re.compile(r"^[A-Z][\w.'’\- ]*$")


_BYLINE_INITIALS = frozenset({r[0].upper() for r in CREDIT_ROLES} | {"P", "E", "O"})


@dataclass
class Byline:
    """What one byline/credit line says. ``role`` is set for single-role lines."""

    authors: list[str]
    editor: str | None = None
    role: str | None = None  # e.g. "Narator" for credit lines, "Penulis"/"Editor" for plain ones
    names: list[str] | None = None


# `Penulis : A | Editor : B`, `Penulis : A-B Editor : C-D`, `Penulis A | EditorB`
_PENULIS_EDITOR = re.compile(
    r"^Penulis\s*:?\s*(?P<a>\S.*?)\s*\|?\s*Editor\s*:?\s*(?P<e>[A-Z].*?)\s*$"
)
_PENULIS_ONLY = re.compile(r"^(?:Penulis|Oleh)\s*(?::\s*|\s+|(?=[A-Z]))(?P<a>[A-Z].{0,120})$")
_EDITOR_ONLY = re.compile(r"^Editor\s*(?::\s*|\s+|(?=[A-Z]))(?P<e>[A-Z].{0,80})$")


def _looks_like_names(s: str) -> bool:
    """Short, capitalised, no sentence punctuation: a name list rather than prose."""
    s = s.strip()
    if not s or len(s) > 120 or s.endswith((".", "!", "?", ":")) and not s.endswith(" Jr."):
        return False
    words = s.split()
    if len(words) > 14:
        return False
    parts = [p for p in _NAME_SPLIT.split(s) if p.strip()]
    return all(_NAMEISH.match(p.strip()) and len(p.split()) <= 6 for p in parts)


def parse_byline(line: str) -> Byline | None:
    """Parse one byline / editor / video-credit line; None when the line is not one.

    ``Penulis : A | Editor : B`` -> authors [A], editor B. ``Penulis Naskah:`` counts as author,
    ``Video Editor:``, ``Narator:``, ``Produser:``, ``Musik:`` ... are credits (``role``/``names``).
    """
    line = " ".join(line.split())
    if not line or len(line) > 200 or line[0].upper() not in _BYLINE_INITIALS:
        return None
    m = _PENULIS_EDITOR.match(line)
    if m and _looks_like_names(m["a"]) and _looks_like_names(m["e"]):
        eds = split_names(m["e"])
        return Byline(split_names(m["a"]), eds[0] if eds else None)
    m = _CREDIT_LINE.match(line)
    if m:
        role = CREDIT_ROLES[m["role"].lower()]
        names = split_names(m["names"])
        if not names or not _looks_like_names(m["names"]):
            return None
        if role in ("Penulis", "Penulis Naskah"):
            return Byline(names, None, role, names)
        if role == "Editor":
            return Byline([], names[0], role, names)
        return Byline([], None, role, names)
    m = _PENULIS_ONLY.match(line)
    if m and _looks_like_names(m["a"]):
        return Byline(split_names(m["a"]), None, "Penulis", split_names(m["a"]))
    m = _EDITOR_ONLY.match(line)
    if m and _looks_like_names(m["e"]):
        eds = split_names(m["e"])
        return Byline([], eds[0] if eds else None, "Editor", eds)
    return None


# parts of a one-row credit line: `A | B`, or Republika's `Rep: A/ Red: B`
_PIPE = re.compile(r"\s*\|\s*|\s*/\s*(?=(?:Red|Redaktur|Editor)\s*:)")


def parse_bylines(line: str) -> list[Byline] | None:
    """Like :func:`parse_byline`, but also reads credit lines joined by ``|``
    (``Narator: A | Video Editor: B | Produser: C``); None unless every part is a credit."""
    got = parse_credit_line(line)
    return got[0] if got is not None and not got[1] else None


def parse_credit_line(line: str) -> tuple[list[Byline], list[str]] | None:
    """(bylines, sources) of a byline line whose ``|``-joined parts are each a byline/credit or a
    ``Sumber`` part (``Penulis : A | Editor : B | Sumber : Reuters``); None for anything else."""
    by = parse_byline(line)
    if by is not None:
        return [by], []
    if ("|" not in line and "/" not in line) or len(line) > 400:
        return None
    parts = [p for p in _PIPE.split(line) if p]
    if len(parts) < 2:
        return None
    bylines: list[Byline] = []
    sources: list[str] = []
    for part in parts:
        by = parse_byline(part)
        if by is not None:
            bylines.append(by)
            continue
        src = parse_source_line(part) if part.startswith(("Sumber", "SUMBER")) else None
        if src is None:
            return None
        sources += [x for x in src if x not in sources]
    return (bylines, sources) if bylines else None


def looks_like_names(s: str) -> bool:
    """Public form of the name-list test (used for read-view author lines)."""
    return _looks_like_names(s.rstrip(","))


# --- Sumber (article-level source) -------------------------------------------------------------

_SOURCE_LINE = re.compile(r"^(?:Sumber|SUMBER)\s*(?P<colon>:)?\s*(?P<s>\S.*)$")
_URLISH = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_SOURCE_SPLIT = re.compile(r"\s*(?:/|,|;|\||\s&\s|\bdan\b)\s*")
_SOURCE_ITEM = re.compile(r"^[A-Z0-9\"“'(][^\s]*(?:\s+\S+){0,6}$")


def split_sources(s: str) -> list[str]:
    """``Sumber : A/B`` or ``Sumber AFP`` or ``A, B`` -> ``[A, B]``; items kept as printed."""
    s = " ".join((s or "").split())
    m = _SOURCE_LINE.match(s)
    if m:
        s = m["s"]
    s = s.strip(" :|")
    return [p.strip(" .:|") for p in _SOURCE_SPLIT.split(s) if p.strip(" .:|")]


def parse_source_line(line: str) -> list[str] | None:
    """The sources of a ``Sumber`` footer/header line, or None when the line is prose.

    ``Sumber itu menambahkan, ...`` is prose (lower-case item); ``Sumber Reuters`` is a source.
    """
    if not line.startswith(("Sumber", "SUMBER")):
        return None
    line = " ".join(line.split())
    m = _SOURCE_LINE.match(line)
    if not m or len(line) > 160:
        return None
    if not m["colon"] and line.startswith("SUMBER"):
        return None  # an upper-case `SUMBER ENERGI` subhead; the footer form has a colon
    body = m["s"].strip()
    if m["colon"] and body.endswith(".") and len(body.split()) <= 8 and not body.endswith(".."):
        body = body[:-1].rstrip()  # `Sumber : Reuters.`: a closing full stop, not a sentence
    if _URLISH.match(body):  # `Sumber: https://...` names the page, not a news source
        return None
    if body.endswith((".", "!", "?")) and not re.search(r"\.(?:com|id|tv|net|org|co\.id)$", body, re.I):
        return None
    items = split_sources(body)
    if not items or len(items) > 8:
        return None
    if not all(_SOURCE_ITEM.match(i) for i in items):
        return None
    if not m["colon"] and len(body.split()) > 6:
        return None
    return items


# --- photo credits -----------------------------------------------------------------------------

_CREDIT_SPLIT = re.compile(r"\s*/\s*|\s+via\s+|\s+VIA\s+|\s+Via\s+")
_CREDIT_PREFIX = re.compile(r"^\(?\s*(?:Sumber|Foto|Dok(?:umentasi)?\.?|Kredit|Photo)\s*:\s*", re.I)


def parse_credit_chain(s: str) -> list[str]:
    """``Korean Central News Agency/Korea News Service via AP`` -> ``[KCNA..., KNS, AP]``.

    Splits on ``/`` and ``via`` in printed order (origin first); ``AP Photo/<Name>`` ->
    ``[AP Photo, <Name>]``, ``KOMPAS/<NAME>`` -> ``[KOMPAS, <NAME>]``.
    """
    s = " ".join((s or "").split())
    s = _CREDIT_PREFIX.sub("", s).strip(" ()")
    return [p.strip(" .,;()") for p in _CREDIT_SPLIT.split(s) if p.strip(" .,;()")]


# caption endings: `(Sumber: X)`, `(AFP/STR)`, `(KOMPAS.com/NAME)`, bare `KOMPAS/NAME`
_CAPTION_SUMBER = re.compile(r"\(\s*(?:Sumber|Foto|Dok\.?|Dokumentasi|Kredit)\s*:\s*(?P<c>[^()]+)\)\s*$", re.I)
_CAPTION_PAREN = re.compile(r"\((?P<c>[^()]*(?:/|\bvia\b|\bVIA\b)[^()]*|[A-Z][A-Z0-9 .&'-]{1,40})\)\s*$")
_CAPTION_KOMPAS = re.compile(
    r"(?P<c>\b(?:KOMPAS|Kompas)(?:\.com|\.id|\.tv|\.TV|TV)?/[A-Z][A-Z .'’-]*[A-Z])(?P<after>[a-z]\w*)?\s*$"
)


# bare agency credits at a caption's end: `AFP/JUNG YEON-JE`, `AFP PHOTO / ROSCOSMOS`, `AP Photo/Ahn Young-joon`
_CAPTION_AGENCY = re.compile(
    r"(?:^|\s)(?P<c>(?:AFP|AP|REUTERS|Reuters|ANTARA(?:\s?FOTO)?|EPA(?:-EFE)?|XINHUA|Xinhua|KCNA|YONHAP|Yonhap|"
    r"SPUTNIK|Sputnik|TASS|GETTY IMAGES|Getty Images|SHUTTERSTOCK|Shutterstock|HANDOUT|DOK\.?|Dok\.?)"
    r"(?:\s(?:PHOTO|Photo|FOTO|Foto))?\s?/\s?[A-Z][\w.'’\- ]{1,60}?(?:\s?/\s?[A-Z][\w.'’\- ]{1,40}?)*)(?<!\.)\s*$"  # a full stop ends prose, not a credit
)


def split_caption_credit(caption: str) -> tuple[str, list[str]]:
    """Caption text -> (caption, credit chain) when the caption ends in a credit, else (caption, [])."""
    caption = caption.strip()
    tail = caption[-300:]
    for rx in (_CAPTION_SUMBER, _CAPTION_PAREN):
        m = rx.search(tail)
        if m:
            return caption, parse_credit_chain(m["c"])
    m = _CAPTION_KOMPAS.search(tail)
    if m:
        c = m["c"]
        if m["after"]:  # `ICHWANPenulis`: the glued next word took the name's last capital
            c = c[:-1]
        return caption, parse_credit_chain(c)
    m = _CAPTION_AGENCY.search(tail)
    if m:
        return caption, parse_credit_chain(m["c"])
    return caption, []


def labelled_caption_credit(paragraph: str) -> tuple[str, list[str]] | None:
    """(caption without its credit, credit chain) when a paragraph ends in a *labelled* photo
    credit, ``(Sumber: A/B via C)`` or ``(Foto: ...)`` -- the shape of an inline photo caption
    inside a kompas.tv body -- else None. Bare parentheses (``(AFP)``) are left to prose."""
    m = _CAPTION_SUMBER.search(paragraph[-300:])
    if m is None:
        return None
    chain = parse_credit_chain(m["c"])
    caption = paragraph[: len(paragraph) - len(paragraph[-300:]) + m.start()].strip()
    return (caption, chain) if chain else None


def has_caption_credit(line: str) -> bool:
    """True when the line ends like a photo caption (a credit in parentheses or KOMPAS/<NAME>)."""
    line = line[-300:]  # the credit sits at the end; never scan a huge line
    return bool(
        _CAPTION_SUMBER.search(line) or _CAPTION_PAREN.search(line) or _CAPTION_KOMPAS.search(line)
        or ("/" in line and _CAPTION_AGENCY.search(line))
    )


# --- datelines ---------------------------------------------------------------------------------

_SEP = r"\s*(?:-{1,2}|—|–|―|−)\s*"
# Kompas outlets as datelines print them: KOMPAS.TV / Kompas.tv / KompasTV / KOMPAS.com / KOMPAS.id /
# print-style KOMPAS, the 2015-2017 kompas.com desks (KompasTekno, KompasOtomotif, KompasBola ...)
# and the KOMAPSTV misspelling
_KOMPAS_DESK = r"Kompas(?!TV\b)[A-Z][a-z]{2,15}(?:\.com)?"
_KOMPAS_OUTLET = (
    r"(?:KOMPAS|Kompas)(?:\s?\.\s?(?:TV|tv|Tv|com|COM|Com|id|ID))?(?![A-Za-z])|KOMPAS\s?TV|Kompas\s?TV|"
    rf"KompasTV|KOMAPS\.?TV|KOMPASTV|{_KOMPAS_DESK}"
)
_DOMAIN_OUTLET = r"[A-Za-z][A-Za-z0-9]*(?:\.(?:com|COM|co|CO|id|ID|net|NET|tv|TV|news|NEWS)){1,2}"
_NAMED_OUTLET = (
    r"CNN\s+Indonesia|CNBC\s+Indonesia|BBC\s+News\s+Indonesia|BBC\s+Indonesia|VOA\s+Indonesia|"
    r"ANTARA|Antara|antaranews|detikcom|detikNews|detikFinance|Okezone|okezone|iNews|Sindonews|"
    r"TEMPO|Tempo|VIVA|Viva|Suara|Bisnis|Metro\s?TV|tvOne|Republika|REPUBLIKA|Kontan|KONTAN"
)
_OUTLET = rf"(?:{_KOMPAS_OUTLET}|{_DOMAIN_OUTLET}|{_NAMED_OUTLET}|[A-Z]{{2,}}(?:\s[A-Z]{{2,}})?)"
_CITY = r"[A-Z][A-Za-zÀ-ÿ'’.\-]*(?:\s+[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’.\-]*){0,3}"

_DATELINES = [
    # REPUBLIKA.CO.ID, MOSKOW --   /   Liputan6.com, Moskow -
    re.compile(rf"^(?P<outlet>{_DOMAIN_OUTLET}),\s*(?P<city>{_CITY}?){_SEP}(?P<rest>\S.*)$", re.S),
    # KONTAN.CO.ID - SEOUL. <lead>
    re.compile(
        rf"^(?P<outlet>{_DOMAIN_OUTLET}|{_KOMPAS_OUTLET}){_SEP}"
        rf"(?P<city>[A-Z]{{3,}}(?:[ '\-][A-Z]+)*)\.\s+(?P<rest>[A-Z\"“‘'].*)$",
        re.S,
    ),
    # PYONGYANG, KOMPAS.TV -   /   Jakarta, CNN Indonesia --   /   JAKARTA, KOMPAS —
    re.compile(rf"^(?P<city>{_CITY}?),\s*(?P<outlet>{_OUTLET}){_SEP}(?P<rest>\S.*)$", re.S),
    # Istanbul (ANTARA) -
    # (the outlet must look like one: `Putin (kiri) - ...` in a caption is not a dateline)
    re.compile(
        rf"^(?P<city>{_CITY}?)\s*\((?P<outlet>[A-Z][A-Z0-9.]+(?:\s[A-Z][A-Za-z]+)?|{_NAMED_OUTLET}|"
        rf"{_DOMAIN_OUTLET})\){_SEP}(?P<rest>\S.*)$",
        re.S,
    ),
    # KOMPAS.com -   /   TRIBUNNEWS.COM -
    re.compile(rf"^(?P<outlet>{_KOMPAS_OUTLET}|{_DOMAIN_OUTLET}|{_NAMED_OUTLET}){_SEP}(?P<rest>\S.*)$", re.S),
    # JAKARTA - <lead> (Okezone) / Jakarta - <lead> (Detik): a city alone, spaced dash
    re.compile(
        r"^(?P<city>[A-Z]{3,}(?:[ '\-][A-Z]{2,}){0,2}|[A-Z][a-z]{2,}(?: [A-Z][a-z]{2,})?)"
        r"\s+(?:-{1,2}|—|–)\s+(?P<rest>[A-Z\"“‘'].*)$",
        re.S,
    ),
]


@dataclass(frozen=True)
class Dateline:
    """A matched dateline: city (upper case, as printed) or None, the outlet, and the rest."""

    city: str | None
    outlet: str
    rest: str

    @property
    def site(self) -> str:
        """kompas.tv | kompas.com | kompas.id | other, from the outlet token."""
        return outlet_site(self.outlet)


def outlet_site(outlet: str) -> str:
    """Site of a dateline outlet token (``KOMPAS.TV`` -> kompas.tv, ``KOMPAS`` -> kompas.id), asked
    of the outlet adapters."""
    return site_from_dateline_outlet(outlet)


def match_dateline(par: str) -> Dateline | None:
    """The dateline at the start of ``par``, or None."""
    if not par:
        return None
    head = par.lstrip()[:200]
    tail = par.lstrip()[200:]
    for rx in _DATELINES:
        m = rx.match(head)
        if m:
            city = m.groupdict().get("city")
            if city:
                city = city.strip(" .,").upper() or None
            return Dateline(city, m["outlet"] if "outlet" in m.groupdict() and m["outlet"] else "",
                            (m["rest"] + tail).strip())
    return None


def strip_dateline(par: str) -> tuple[str | None, str]:
    """``PYONGYANG, KOMPAS.TV - Lead`` -> ``("PYONGYANG", "Lead")``; no dateline -> (None, par).

    Kompas desks count (``Jakarta, KompasOtomotif – Lead`` -> ``("JAKARTA", "Lead")``), as do the
    other outlets' forms (``Istanbul (ANTARA) -``, ``KONTAN.CO.ID - SEOUL.``, ``TEMPO.CO, Jakarta -``).

    The city is kept as printed but upper-cased (``Pyonyang`` -> ``PYONYANG``); outlet-only
    datelines (``KOMPAS.com - Lead``) give (None, "Lead").
    """
    d = match_dateline(par)
    if d is None:
        return None, par
    return d.city, d.rest
