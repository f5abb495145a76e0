"""htmlguard: pathological HTML takes a bounded path (or one-line error); real pages untouched.

On main (issue 13, "Why"): HTML whose cost grows faster than its size hung the build -- one
element with many attributes (578 KB: 43.5 s), `<p>a</p>` repeated (800 KB: 38.5 s), and here
`a<br>` repeated (200 KB: over 10 s in benchmarks/html_worst_case.py) -- with no per-file budget.
"""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kompaskit import KompasParseError
from kompaskit.htmlguard import MAX_DEPTH, MAX_ELEMENTS, guard_html, html_shape
from kompaskit.readers import read, read_html
from kompaskit.workers import run_chunks

PAGES = Path(__file__).resolve().parents[2] / "shared" / "data" / "kompas-html-2016"
BODY = "<p>" + " ".join(["Pemerintah kota meresmikan jembatan baru di tepi sungai itu."] * 4) + "</p>"


def page(inner: str) -> bytes:
    return ("<html><head><title>Jembatan baru</title></head><body><div class='read__content'>"
            f"{BODY * 3}{inner}</div></body></html>").encode()


SHAPES = {
    "attributes": lambda n: page("<div " + " ".join(f'a{i}="x"' for i in range(n // 8)) + ">x</div>"),
    "tiny-paragraphs": lambda n: page("<p>a</p>" * (n // 8)),
    "line-breaks": lambda n: page("a<br>" * (n // 5)),
}


def _real_pages() -> list[Path]:
    pages = sorted(PAGES.glob("*.html")) if PAGES.is_dir() else []
    if not pages:
        pytest.skip(f"real Kompas pages not found: {PAGES} (../shared beside the checkout)")
    return pages


def test_real_kompas_pages_pass_untouched() -> None:
    for path in _real_pages():
        data = path.read_bytes()
        assert guard_html(data) is data, path.name  # the very same object: not even copied
        text = data.decode("utf-8", "replace")
        assert guard_html(text) is text
        shape = html_shape(data)
        assert shape.n_tags < MAX_ELEMENTS // 10 and shape.depth < MAX_DEPTH // 5


def test_real_pages_read_the_same_with_the_guard() -> None:
    from kompaskit.htmlprocessing import extract_html

    for path in _real_pages():
        guarded = read_html(path)
        bare = extract_html(path.read_bytes())
        assert guarded.paragraphs == bare.paragraphs and guarded.title == bare.title


def test_attribute_flood_keeps_the_element_and_drops_the_attributes() -> None:
    html = SHAPES["attributes"](300_000)
    out = guard_html(html)
    assert len(out) < 5_000 and html_shape(out).n_tags == html_shape(html).n_tags
    assert b'<div a0="x" a1="x"' in out and b'a32="x"' not in out
    assert read_html(html).paragraphs[0].startswith("Pemerintah kota")  # still read as an article


def test_tiny_element_runs_collapse_to_their_text() -> None:
    html = SHAPES["line-breaks"](200_000)
    out = guard_html(html)
    assert html_shape(out).n_tags < 50 and b"a a a a" in out
    html = SHAPES["tiny-paragraphs"](200_000)
    assert html_shape(guard_html(html)).n_tags < 50


def test_dense_markup_that_does_not_collapse_is_a_one_line_error() -> None:
    html = page("<p>kata kata kata</p>" * 30_000)  # 20 characters a paragraph: not tiny
    with pytest.raises(KompasParseError, match=r"^HTML has 60,\d{3} tags \(limit 40,000\): too dense") as err:
        read_html(html)
    assert err.value.stage == "extract" and "\n" not in str(err.value)


def test_deep_nesting_is_a_one_line_error() -> None:
    html = page('<div class="lapisan-dalam-yang-bernama-panjang">ab' * 1500 + "</div>" * 1500)
    with pytest.raises(KompasParseError, match=r"nests 1,50\d elements deep \(limit 1,000\)"):
        guard_html(html)


def test_self_closed_and_script_markup_do_not_count_as_nesting() -> None:
    icons = "<svg><path d='M0 0'/><circle r='1'/></svg>" * 2000
    script = "<script>var s = '" + "<div>" * 2000 + "';</script>"
    assert html_shape(page(icons + script)).depth < 10


def test_str_and_bytes_give_the_same_verdict() -> None:
    html = SHAPES["attributes"](100_000)
    assert guard_html(html.decode()) == guard_html(html).decode()


def read_status(path: str) -> str:
    """Worker task: read one file; 'ok', or the parse error's first words."""
    try:
        return f"ok {len(read(path)[0].paragraphs)} paragraphs"
    except KompasParseError as err:
        return f"error: {err}"


def _first(results: list) -> str:
    return results[0]


def _overrun(task, message: str) -> str:
    return "overrun: " + message


@pytest.mark.parametrize("shape,size", [("attributes", 580_000), ("tiny-paragraphs", 800_000),
                                        ("line-breaks", 200_000)])
def test_pathological_html_finishes_within_the_file_budget(tmp_path: Path, shape: str, size: int) -> None:
    """The issue's shapes (main: 43.5 s, 38.5 s, > 10 s, no budget) read as the build reads a
    file -- in a worker under the default 20 s budget -- and finish inside it."""
    path = tmp_path / f"{shape}.html"
    path.write_bytes(SHAPES[shape](size))
    t0 = time.monotonic()
    (status,) = run_chunks([[(str(path),)]], read_status, _first, _first, _overrun, jobs=1, file_timeout=20)
    assert not status.startswith("overrun"), status
    assert status.startswith("ok "), status
    assert time.monotonic() - t0 < 20

_MARKUP = st.lists(st.sampled_from(["<p>", "</p>", "<br>", "<div a=1 b='2'>", "</div>", "a", " ",
                                    "<script>", "</script>", "<", ">", "<!--", "\x00", "é"]),
                   max_size=400).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=3000), _MARKUP, _MARKUP.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_guard_never_raises_anything_but_a_one_line_parse_error(html) -> None:
    """Bad input (empty, binary, truncated markup, stray brackets): same type back, or one line."""
    try:
        out = guard_html(html)
    except KompasParseError as err:
        assert "\n" not in str(err)
        return
    assert type(out) is type(html)


def test_guard_on_empty_and_truncated_input() -> None:
    assert guard_html(b"") == b"" and guard_html("") == ""
    truncated = SHAPES["attributes"](50_000)[:30_000]  # cut inside the huge tag: no '>'
    assert guard_html(truncated) is truncated
