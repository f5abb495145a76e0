"""Undo the copy noise of plain-text snapshots before their header is read.

Input: the non-empty, space-normalised lines of a snapshot; output: the same lines with glued
header blocks split (AMP copies glue ``> >Title``, ``<title>Kompas dunia | <date>``,
``…WIBPYONGYANG, KOMPAS.TV -``, ``<caption>)Penulis :``; read views glue ``NameTim Redaksi``;
legacy kompas.com doubles its caption around the photo credit) and a dateline printed on its own
line joined to its lead. Bodies are never glued this way: only the header zone is repaired.
"""
from __future__ import annotations

import re

from .metadata import match_dateline, timestamp_span
from .outlets.kompas_com import undouble_caption

# `…08:50 WIBPYONGYANG, KOMPAS.TV - <lead>`: split after the time zone
_GLUED_TS = re.compile(r"^(?P<a>.{0,90}?\d{1,2}[:.]\d{2}\s*(?>WITA|WIB|WIT))(?P<b>[A-Z\"“(].*)$", re.S)
# `Desy-AfriantiPYONGYANG, KOMPAS.TV - <lead>`: a dateline glued to the previous text
_GLUED_DATELINE = re.compile(
    r"(?<=[a-z0-9).,\"”])(?=[A-Z][A-Z'’.\-]{2,}(?:\s[A-Z'’.\-]+){0,3},\s*KOM(?:PAS|APS))"
)
# `> >Korea Utara Kirim ...`: AMP breadcrumb arrows glued to the headline
_GLUED_ARROWS = re.compile(r"^(?P<a>(?:[>»›]\s*)+)(?P<b>[^\s>»›].*)$", re.S)
# AMP copies glue header blocks: `<title>Kompas dunia | <date>`, `<caption> (Sumber: X)Penulis : A`
_GLUED_HEADER = re.compile(
    r"(?<=[A-Za-z0-9).,\"”?!])(?=Penulis\s*:|Kompas(?:\.tv|\.com)?\s*(?:[a-z]+\s*\||[-–—,])\s*\d{1,2}[ /])"
)
# legacy `<caption> KOMPAS/NAMEPenulis Veronika Sari`: a byline glued to the end of the caption
_GLUED_PENULIS = re.compile(r"(?<=[A-Za-z0-9).,\"”?!])(?=Penulis\s*:?\s*[A-Z][\w.'’\- ,]{1,80}$)")
# read-view labels glued to the name above them: `Aditya Jaya IswaraTim Redaksi`
_GLUED_LABEL = re.compile(r"(?<=[a-z,.])(?=(?:Tim Redaksi|Penulis|Editor)$)")
# a dateline printed on its own line (`SEOUL, KOMPAS.com -`): joined to the lead below it
_BARE_DATELINE_END = re.compile(r"(?:-{1,2}|—|–|―|−)$")


def split_glued(line: str) -> list[str]:
    """Undo copy-paste gluing: time zone + dateline, name + dateline, caption + byline, doubled
    legacy captions, breadcrumb arrows + title, title + timestamp, name + read-view label."""
    out: list[str] = []
    m = _GLUED_ARROWS.match(line) if line[:1] in ">»›" else None
    if m:
        out.append(m["a"].strip())
        line = m["b"].strip()
    if ("Penulis" in line or "Kompas" in line) and len(line) < 2000:
        m = _GLUED_HEADER.search(line, 1) or _GLUED_PENULIS.search(line, 1)
        if m:
            _emit(out, line[: m.start()])
            line = line[m.start():].strip()
    m = _GLUED_LABEL.search(line, 1) if line.endswith(("Redaksi", "Penulis", "Editor")) else None
    if m:
        _emit(out, line[: m.start()])
        line = line[m.start():]
    m = _GLUED_TS.match(line) if "WI" in line else None
    if m and timestamp_span(m["a"]) is not None:
        out.append(m["a"].strip())
        line = m["b"].strip()
    m = _GLUED_DATELINE.search(line, 0, 400) if "KOM" in line[:400] else None
    if m and m.start() > 0:
        _emit(out, line[: m.start()])
        line = line[m.start():].strip()
    _emit(out, line)
    return [p for p in out if p]


def _emit(out: list[str], part: str) -> None:
    """Append ``part`` to ``out``, split in two when it is a doubled legacy caption. A credit
    glued between the two copies is kept as a ``(Sumber: <credit>)`` tail, the caption credit
    shape the header reader turns into ``photo_credit``."""
    caption, credit, rest = undouble_caption(part.strip())
    out.append(f"{caption} (Sumber: {credit})" if credit else caption)
    if rest:
        out.append(rest)


def prepare_header(lines: list[str], start: int, stop: int) -> tuple[list[str], int]:
    """Undo gluing in ``lines[start:stop]`` (the header zone: bodies are never glued this way) and
    join a dateline printed on its own line to its lead. Returns (lines, new end of the zone)."""
    head: list[str] = []
    for ln in lines[start:stop]:
        head.extend(split_glued(ln))
    end = start + len(head)
    lines = lines[:start] + head + lines[stop:]
    for i in range(start, min(end, len(lines) - 1)):
        ln = lines[i]
        if len(ln) <= 60 and _BARE_DATELINE_END.search(ln) and match_dateline(ln) is None:
            joined = f"{ln} {lines[i + 1]}"
            dl = match_dateline(joined)
            if dl is not None and dl.outlet and dl.rest == lines[i + 1]:
                lines[i: i + 2] = [joined]
                end -= 1
                break
    return lines, end
