"""Kompas body cleanup shared by the plain-text and HTML paths.

:func:`clean_body` takes the paragraphs of an article body (text lines of a snapshot, or
paragraphs extracted from HTML by trafilatura/newspaper) and separates:

* body paragraphs (kind ``body``) and embedded social posts (kind ``embed``);
* related links: ``Baca Juga: <title>`` / ``Baca juga:`` + bullet lines / ``BACA JUGA`` /
  ``Berita Terkait`` blocks / ``Artikel terkait: <url>`` -> ``related`` (never body);
* trailing page furniture (``BERITA LAINNYA``, ``FOLLOW US``, ``Terkini Lainnya`` ...): the body
  ends there;
* in-body adverts (a promo line followed by ``Kompas.id``), inline photo captions after
  ``Lihat Foto``, share counts, hashtag lines, pagination (``Halaman: 1 2 3``, ``Halaman
  selanjutnya``), listen widgets (``Dengarkan``, player clock), republication notes
  (``Artikel ini telah tayang di ...``);
* footer metadata found in the body: ``Sumber :`` sources, ``Penulis``/``Editor`` lines and video
  credits (``Narator:``, ``Produser:`` ..., also several joined by ``|``).

The dateline is not stripped here (see :func:`kompaskit.metadata.strip_dateline`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .metadata import (
    has_caption_credit,
    labelled_caption_credit,
    parse_byline,
    parse_credit_line,
    parse_source_line,
)

# a line that ends the article body: everything after it is page furniture
_TRAILER = re.compile(
    r"^(?:BERITA LAINNYA|FOLLOW US|TERBARU|VIDEO TERPOPULER|TERPOPULER|POPULER|Close Ads(?:\s*x)?|"
    r"Terkini Lainnya|Video Terkait|Oke|Berita Terkini|Berita Lainnya|Artikel Lainnya|"
    r"Rekomendasi untuk Anda|Tags?(?:\s*:.*)?|Topik(?: Terkait)?(?:\s*:.*)?|Lihat Semua|"
    r"Gabung ke Channel WhatsApp.*|Simak breaking news.*|Bagikan artikel ini.*|"
    r"Copyright\b.*|©.*)$",
    re.IGNORECASE,
)
# promo lines that may sit anywhere (sticky bars, newsletter boxes): dropped, the body goes on
_PROMO = re.compile(
    r"^(?:Baca berita tanpa iklan|Gabung Kompas\.com\+|Dapatkan update berita pilihan|"
    r"Dapatkan informasi, inspirasi dan insight|Download aplikasi|Unduh aplikasi|Ikuti kami di|"
    r"Sudah punya akun|Daftarkan email)",
    re.IGNORECASE,
)
# related-link lines; group `t` is the linked title (empty -> a list follows)
_RELATED = re.compile(
    r"^(?:Baca|Simak|Lihat|Tonton)\s+(?:juga|Juga|JUGA)\b\s*:?\s*(?P<t>.*)$|^BACA\s+JUGA\b\s*:?\s*(?P<t2>.*)$",
)
_RELATED_BLOCK = re.compile(r"^(?:Berita Terkait|BERITA TERKAIT|Artikel Terkait|Baca Selanjutnya)\s*:?$")
_ARTIKEL_TERKAIT = re.compile(r"^Artikel\s+terkait\s*:\s*(?P<u>\S.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[•\-*–·▪●◦►>]|\d{1,2}[.)])\s+(?P<t>\S.*)$")
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
# `#putin #korut` or a tag with spaces (`#kim jong un`): short, no sentence punctuation
_HASHTAGS = re.compile(r"^#[\w-]+(?:[ ,]+#?[\w-]+){0,12}$")
_DIGITS = re.compile(r"^[\d.,\s]+$")
_SKIP_LINE = re.compile(
    r"^(?:Lihat Foto|ADVERTISEMENT|Advertisement|Iklan|SCROLL TO CONTINUE WITH CONTENT|"
    r"Scroll untuk melanjutkan.*|Dengarkan(?: berita)?|Salin Artikel|Salin Link|Kompas\.com\+|"
    r"\||>|> >|»|Tim Redaksi|Penulis|Editor|Video Pilihan|Video Rekomendasi|Loading\.*|Play|"
    # pagination (`Halaman: 1 2 3`, `Halaman selanjutnya`), listen widgets and their player clock
    r"Halaman\s*:?(?:\s*\d{1,2})*(?:\s*(?:Selanjutnya|Berikutnya|Sebelumnya))?|"
    r"Halaman\s+(?:selanjutnya|berikutnya|sebelumnya|all|semua)|Selanjutnya|Sebelumnya|"
    r"Tampilkan semua|Dengarkan(?:\s+(?:berita|artikel|audio)(?:\s+ini)?)?|Putar audio|\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?|"
    r"Komentar|Bagikan\s*:?|Share\s*:?|Facebook|Twitter|X|WhatsApp|Telegram|Line|LinkedIn|Email|"
    r"E-mail|Copy Link|Salin tautan|"
    r"\([a-z]{2,5}(?:/[a-z]{2,5}){0,3}\))$",  # editors' initials closing a story: `(tim/dna)`, `(rhs)`
    re.IGNORECASE,
)
_AD_MARK = re.compile(r"^Kompas\.id$", re.IGNORECASE)
# republication notes (`Artikel ini telah tayang di Kompas.com dengan judul "..."`): not body
_REPUBLISHED = re.compile(
    r"^(?:Artikel|Berita|Tulisan) ini (?:telah|sudah|pernah) (?:tayang|terbit|dimuat|dipublikasikan)\b",
    re.IGNORECASE,
)
_PIC_LINK = re.compile(r"pic\.twitter\.com/\w+|https?://t\.co/\w+|(?:twitter|x)\.com/\w+/status/\d+", re.I)
_EMBED_SIGNATURE = re.compile(
    r"^[—–-]\s*.{1,80}\(@\w{1,30}\)\s+(?:[A-Z][a-z]+\s+\d{1,2},\s+\d{4}|\d{1,2}\s+\w+\s+\d{4})\s*$"
)
_INSTAGRAM = re.compile(r"^(?:View this post on Instagram|Lihat postingan ini di Instagram|"
                        r"A post shared by .*|Sebuah kiriman dibagikan oleh .*)$", re.IGNORECASE)
_TABLE_PIPES = re.compile(r"\s*\|\s*")


def _has_pic_link(p: str) -> bool:
    return len(p) < 3000 and "/" in p and _PIC_LINK.search(p) is not None


@dataclass
class CleanBody:
    """Result of :func:`clean_body`. ``kinds[i]`` is ``body`` or ``embed`` for ``paragraphs[i]``."""

    paragraphs: list[str] = field(default_factory=list)
    kinds: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)  # `Sumber :` footer values, as printed
    authors: list[str] = field(default_factory=list)  # Penulis lines found in the body/footer
    editor: str | None = None
    credits: dict[str, list[str]] = field(default_factory=dict)  # video credits by role
    urls: list[str] = field(default_factory=list)  # bare URL lines (e.g. copy view's canonical URL)
    captions: list[tuple[str, list[str]]] = field(default_factory=list)  # inline photos: (caption, chain)
    ended_by_furniture: bool = False  # a trailing furniture block closed the body
    source_is_last: bool = False  # the `Sumber` line was the last line given (possible cut)
    ends_mid_sentence: bool = False  # the last line given is body text without a sentence end


_END_CHARS = frozenset(".!?…\"”’')]")


def _ends_sentence(p: str) -> bool:
    return p.rstrip()[-1:] in _END_CHARS if p.strip() else False


def is_sentence(p: str) -> bool:
    """Prose-looking paragraph: ends like a sentence or is long."""
    return _ends_sentence(p) or len(p[:1000].split()) >= 25


def is_title_like(p: str) -> bool:
    """Short, no sentence ending: a headline in a related-links list."""
    return len(p) < 1000 and 0 < len(p.split()) <= 25 and not _ends_sentence(p.rstrip().rstrip("?"))


def is_headline(p: str) -> bool:
    """Title Case headline (Kompas capitalises headline words): ``Rusia Bantah Kirim Rudal``."""
    words = [w for w in p[:1000].split() if w[:1].isalpha()]
    if len(words) < 3 or not is_title_like(p):
        return False
    return sum(w[:1].isupper() for w in words) >= 0.6 * len(words)


def is_skip_line(p: str) -> bool:
    """Short page furniture that is dropped wherever it appears (share buttons, labels, ads)."""
    return len(p) <= 60 and bool(_SKIP_LINE.match(p) or _DIGITS.match(p))


def is_trailer(p: str) -> bool:
    """True for a line that starts a trailing furniture block."""
    return bool(_TRAILER.match(p.strip()))


def clean_body(paragraphs: list[str]) -> CleanBody:
    """Split article-body paragraphs into body/embed paragraphs, related titles and furniture.

    Input: paragraphs in reading order (text lines or HTML-extracted paragraphs; blank items are
    ignored). Output: :class:`CleanBody`. Never raises on odd input.
    """
    out = CleanBody()
    paras = [" ".join(p.split()) if len(p) < 100_000 else p.strip()  # huge lines: skip the cost
             for p in paragraphs if isinstance(p, str)]
    # HTML tables flattened by extractors: `| Penulis | : Aditya Maulana |` -> `Penulis : Aditya Maulana`
    paras = [_TABLE_PIPES.sub(" ", p).strip() if p.startswith("|") and len(p) > 1 else p for p in paras]
    paras = [p for p in paras if p]
    n = len(paras)
    i = 0
    list_mode = False  # after an empty `Baca juga:` / `Berita Terkait`: title lines are related
    last_content = -1
    source_at = -1
    while i < n:
        p = paras[i]
        if _TRAILER.match(p):
            out.ended_by_furniture = True
            _scan_trailer(paras[i + 1:], out)
            break
        c = p[0]
        m = _RELATED.match(p) if c in "BSLTb" else None
        if m:
            title = (m["t"] if m["t"] is not None else m["t2"] or "").strip()
            if title:
                out.related.append(title.lstrip("•-* ").strip())
                list_mode = False
            else:
                list_mode = True
            i += 1
            continue
        if c in "BAb" and _RELATED_BLOCK.match(p):
            list_mode = True
            i += 1
            continue
        m = _ARTIKEL_TERKAIT.match(p) if c in "Aa" else None
        if m:
            out.related.append(m["u"].strip())
            i += 1
            continue
        b = _BULLET.match(p)
        if list_mode:
            if b:
                out.related.append(b["t"].strip())
                i += 1
                continue
            if is_title_like(p) and not _URL_LINE.match(p):
                out.related.append(p)
                i += 1
                continue
            list_mode = False
        if b and is_headline(b["t"]):
            out.related.append(b["t"].strip())  # copy view turns related links into bullets
            i += 1
            continue
        if c in "hHwW" and _URL_LINE.match(p):
            out.urls.append(p)
            i += 1
            continue
        if ((c in "BGDUISbgduis" and len(p) <= 300 and _PROMO.match(p))
                or (c == "#" and _HASHTAGS.match(p))
                or (len(p) <= 60 and (_DIGITS.match(p) or _SKIP_LINE.match(p)))):
            if p.lower() == "lihat foto" and i + 1 < n and (
                    has_caption_credit(paras[i + 1]) or not is_sentence(paras[i + 1])):
                i += 1  # an inline photo's caption follows `Lihat Foto`
            i += 1
            continue
        if c in "ABTabt" and len(p) <= 600 and _REPUBLISHED.match(p):
            i += 1
            continue
        if i + 1 < n and len(paras[i + 1]) == 9 and _AD_MARK.match(paras[i + 1]):
            i += 2  # promo line + `Kompas.id`: an in-body advert
            continue
        if len(p) == 9 and _AD_MARK.match(p):
            i += 1
            continue
        src = parse_source_line(p)
        if src is not None:
            out.source.extend(s for s in src if s not in out.source)
            source_at = i
            i += 1
            continue
        if len(p) <= 200 and p[:1].isupper():
            got = parse_credit_line(p)
            if got is not None:
                for by in got[0]:
                    _add_byline(out, by)
                out.source.extend(x for x in got[1] if x not in out.source)
                i += 1
                continue
        if (c in "—–-" and _EMBED_SIGNATURE.match(p)) or (c in "VLASvlas" and _INSTAGRAM.match(p)):
            out.paragraphs.append(p)
            out.kinds.append("embed")
            # the post text just before the signature belongs to the embed
            j = len(out.kinds) - 2
            if j >= 0 and out.kinds[j] == "body" and (_has_pic_link(out.paragraphs[j]) or
                                                       _EMBED_SIGNATURE.match(p)):
                out.kinds[j] = "embed"
            last_content = i
            i += 1
            continue
        inline = labelled_caption_credit(p) if p.endswith(")") else None
        if inline is not None and out.paragraphs:
            out.captions.append(inline)  # an inline photo's caption: provenance, not body text
            i += 1
            continue
        out.paragraphs.append(p)
        out.kinds.append("embed" if _has_pic_link(p) and len(p.split()) < 80 else "body")
        last_content = i
        i += 1
    out.source_is_last = source_at >= 0 and source_at == n - 1
    body = [p for p, k in zip(out.paragraphs, out.kinds) if k == "body"]
    # a text snapshot that stops mid-sentence was cut; HTML extractors often drop the final
    # punctuation-less furniture themselves, so the caller decides whether this means `truncated`
    out.ends_mid_sentence = bool(body) and not out.ended_by_furniture and last_content == n - 1 \
        and not is_sentence(body[-1])
    return out


def _add_byline(out: CleanBody, by) -> None:
    if by.role and by.role not in ("Penulis", "Editor"):
        out.credits.setdefault(by.role, []).extend(by.names or [])
    if by.role == "Penulis Naskah":
        out.credits.setdefault(by.role, [])
    for a in by.authors:
        if a not in out.authors:
            out.authors.append(a)
    if by.editor and out.editor is None:
        out.editor = by.editor


def _scan_trailer(rest: list[str], out: CleanBody) -> None:
    """Furniture after the body may still carry the footer's editor/credits (colon forms only)."""
    for p in rest[:80]:
        if ":" in p and len(p) <= 120 and p[:1].isupper() and not out.editor:
            by = parse_byline(p)
            if by is not None and by.role in ("Editor", "Video Editor", "Narator", "Produser",
                                               "Musik", "Penulis Naskah"):
                _add_byline(out, by)
