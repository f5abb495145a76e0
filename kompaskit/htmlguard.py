"""Cheap pre-checks that keep pathological HTML from costing minutes inside the extraction
libraries (their time grows faster than the page: one element with 16k attributes, or 20k
``a<br>`` or ``<p>a</p>`` in a row, took seconds per 100 KB and minutes per MB).

``guard_html(html) -> html`` scans the markup with a few compiled regexes (no parse) and returns

* the page untouched when it looks like a web page (every real Kompas page does);
* a bounded copy when it has an element with more than ``MAX_ATTRIBUTES`` attributes (only its
  first ``KEPT_ATTRIBUTES`` are kept) or more than ``MANY_ELEMENTS`` tags (runs of at least
  ``TINY_RUN`` consecutive tags holding at most ``TINY_TEXT`` characters each are collapsed to
  their text);

and raises `KompasParseError` (one line, stage ``extract``) when even that copy has more than
``MAX_ELEMENTS`` tags or nests deeper than ``MAX_DEPTH``. ``html_shape(html)`` returns the counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .article import KompasParseError

MAX_ATTRIBUTES = 256  # on one element; real pages have at most a few dozen
KEPT_ATTRIBUTES = 32
MANY_ELEMENTS = 10_000  # above this the page is checked for runs of tiny elements
MAX_ELEMENTS = 40_000  # tags left after collapsing: more is no article page
MAX_DEPTH = 1_000  # open minus closed elements (void elements excluded)
TINY_RUN = 32
TINY_TEXT = 8
LONG_TAG = 2_000  # a tag this long may hold many attributes: only those are counted

_VOID = frozenset(b"area base br col embed hr img input link meta param source track wbr "
                  b"basefont frame keygen".split())
_RAW_TEXT = frozenset((b"script", b"style", b"textarea", b"title"))


@dataclass
class HtmlShape:
    """What the guard measured: tags (``<`` followed by a letter or ``/``), the largest
    attribute count on one element, the estimated nesting depth."""

    n_tags: int
    max_attributes: int
    depth: int


class _Patterns:
    """The guard's regexes for one string type (bytes or str)."""

    def __init__(self, to: type):
        def c(pattern: bytes, flags: int = 0) -> re.Pattern:
            return re.compile(pattern if to is bytes else pattern.decode("ascii"), flags)

        self.tag_start = c(rb"<[A-Za-z/!?]")
        self.long_tag = c(rb"<([A-Za-z][A-Za-z0-9:-]{0,40})(\s[^<>]{%d,})>" % LONG_TAG)
        self.attribute = c(rb"""[^\s=/>"']+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']*))?""")
        self.tiny_run = c(rb"(?:</?[A-Za-z][A-Za-z0-9]{0,9}(?:\s[^<>]{0,60})?/?>[^<]{0,%d}){%d,}"
                          % (TINY_TEXT, TINY_RUN))
        self.tag_parts = c(rb"<(/?)([A-Za-z][A-Za-z0-9:-]{0,40})(?:[^<>]*[^<>/])?(/?)>")  # greedy: 2x lazy's speed
        self.raw_text = _RAW_TEXT if to is bytes else frozenset(v.decode() for v in _RAW_TEXT)
        self.markup = c(rb"<[^<>]*>")
        self.space = c(rb"\s+")
        self.empty = to()
        self.blank = b" " if to is bytes else " "
        self.void = _VOID if to is bytes else frozenset(v.decode() for v in _VOID)


_BYTES = _Patterns(bytes)
_STR = _Patterns(str)


def _patterns(html: str | bytes) -> _Patterns:
    return _STR if isinstance(html, str) else _BYTES


def _max_attributes(html: str | bytes, pat: _Patterns) -> int:
    most = 0
    for m in pat.long_tag.finditer(html):
        most = max(most, sum(1 for _ in pat.attribute.finditer(m.group(2))))
    return most


def _depth(html: str | bytes, pat: _Patterns) -> int:
    """Open minus closed elements at their deepest (void and self-closed tags excluded, script and
    style contents skipped). Sloppy HTML (unclosed <p>, <li>) only overestimates it."""
    depth = deepest = 0
    skip_until = None  # inside <script>/<style>: markup-looking text is not markup
    for close, name, self_closed in pat.tag_parts.findall(html):
        name = name.lower()
        if skip_until is not None:
            if close and name == skip_until:
                skip_until = None
        elif close:
            depth = depth - 1 if depth else 0
        elif self_closed or name in pat.void:
            continue
        elif name in pat.raw_text:
            skip_until = name
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
    return deepest


def html_shape(html: str | bytes) -> HtmlShape:
    """Tag count, largest attribute count on one element and nesting depth of `html` (the depth
    is only computed when the page has at most ``MAX_ELEMENTS`` tags; else 0)."""
    pat = _patterns(html)
    n_tags = sum(1 for _ in pat.tag_start.finditer(html))
    depth = _depth(html, pat) if n_tags <= MAX_ELEMENTS else 0
    return HtmlShape(n_tags, _max_attributes(html, pat), depth)


def _trim_attributes(html, pat: _Patterns):
    def trim(m: re.Match):
        attrs = pat.attribute.findall(m.group(2))
        if len(attrs) <= MAX_ATTRIBUTES:
            return m.group(0)
        kept = pat.blank.join(attrs[:KEPT_ATTRIBUTES])
        lt, gt = ("<", ">") if isinstance(html, str) else (b"<", b">")
        return lt + m.group(1) + pat.blank + kept + gt

    return pat.long_tag.sub(trim, html)


def _collapse_tiny_runs(html, pat: _Patterns):
    def collapse(m: re.Match):
        text = pat.markup.sub(pat.blank, m.group(0))
        return pat.blank + pat.space.sub(pat.blank, text).strip() + pat.blank

    return pat.tiny_run.sub(collapse, html)


def guard_html(html: str | bytes) -> str | bytes:
    """`html` itself, or a bounded copy (see the module docstring); raises `KompasParseError`
    for a page that stays pathological. Same type out as in (str or bytes)."""
    pat = _patterns(html)
    n_tags = sum(1 for _ in pat.tag_start.finditer(html))
    if pat.long_tag.search(html) and _max_attributes(html, pat) > MAX_ATTRIBUTES:
        html = _trim_attributes(html, pat)
    if n_tags > MANY_ELEMENTS:
        html = _collapse_tiny_runs(html, pat)
        n_tags = sum(1 for _ in pat.tag_start.finditer(html))
        if n_tags > MAX_ELEMENTS:
            raise KompasParseError(f"HTML has {n_tags:,} tags (limit {MAX_ELEMENTS:,}): too dense to be "
                                   "an article page", stage="extract")
    depth = _depth(html, pat)
    if depth > MAX_DEPTH:
        raise KompasParseError(f"HTML nests {depth:,} elements deep (limit {MAX_DEPTH:,}): not an "
                               "article page", stage="extract")
    return html
