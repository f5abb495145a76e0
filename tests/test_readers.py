"""Public readers: path-or-text, content sniffing, encodings, bad files, arbitrary input."""
from __future__ import annotations

import gzip
import hashlib
import io
import os
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kompaskit
from kompaskit import Article, KompasParseError
from kompaskit.readers import MAX_BYTES, check_text, decode_text, read, read_html, read_text, sniff

LEAD = (
    "SURABAYA, KOMPAS.com - Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kampung "
    "di tepi sungai pada Senin (8/4/2024)."
)
SENTENCE = "Warga menyambut jembatan itu karena perjalanan ke pasar kini jauh lebih singkat. "


def _fields(article: Article) -> dict:
    row = article.to_record()
    row["paragraphs"] = article.paragraphs
    return row


# ---------------------------------------------------------------------------- read_text
def test_seed_read_equals_read_text(seed_path: Path, seed_text: str) -> None:
    by_read = kompaskit.read(seed_path)
    assert len(by_read) == 1
    by_path = read_text(seed_path)
    assert _fields(by_read[0]) == _fields(by_path)
    assert by_path.raw_kind == "text" and by_path.raw_path == str(seed_path)
    assert by_path.raw_sha256 == hashlib.sha256(seed_path.read_bytes()).hexdigest()
    by_text = read_text(seed_text)
    assert by_text.raw_path is None
    assert by_text.paragraphs == by_path.paragraphs and by_text.title == by_path.title
    assert read_text(str(seed_path)).raw_path == str(seed_path)


def test_long_single_line_text_is_text_not_a_path() -> None:
    text = LEAD + " " + SENTENCE * 150
    assert len(text) > 10_000 and "\n" not in text
    article = read_text(text)  # must not try to open it ("File name too long")
    assert article.raw_path is None
    assert "jembatan itu karena perjalanan" in article.text
    assert article.raw_sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_short_string_naming_no_file_is_text() -> None:
    with pytest.raises(KompasParseError):
        read_text("berkas-yang-tidak-ada.txt")


def test_utf8_bom_and_cp1252_fallback(tmp_path: Path, seed_path: Path, seed_text: str) -> None:
    reference = read_text(seed_path)
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + seed_path.read_bytes())
    assert read_text(bom).paragraphs == reference.paragraphs
    assert "encoding-fallback" not in read_text(bom).flags
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(seed_text.encode("cp1252"))  # the seed's curly quotes exist in cp1252
    article = read(legacy)[0]
    assert "encoding-fallback" in article.flags
    assert article.paragraphs == reference.paragraphs
    assert article.raw_sha256 == hashlib.sha256(legacy.read_bytes()).hexdigest()


def test_read_text_bytes(seed_path: Path) -> None:
    article = read_text(seed_path.read_bytes())
    assert article.raw_path is None and article.paragraphs == read_text(seed_path).paragraphs


# ---------------------------------------------------------------------------- sniffing
def test_read_dispatches_on_content_not_extension(tmp_path: Path, seed_path: Path) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Jembatan Baru Diresmikan</title></head><body><article>"
        f"<p>{LEAD}</p>" + "".join(f"<p>{SENTENCE}</p>" for _ in range(4)) + "</article></body></html>"
    )
    disguised_html = tmp_path / "halaman.txt"
    disguised_html.write_text(page, encoding="utf-8")
    article = read(disguised_html)[0]
    assert article.raw_kind == "html" and article.dateline == "SURABAYA"
    assert article.title == "Jembatan Baru Diresmikan"
    disguised_text = tmp_path / "seed.html"
    disguised_text.write_bytes(seed_path.read_bytes())
    assert read(disguised_text)[0].raw_kind == "text"
    assert sniff(b"WARC/1.0\r\n") == "warc" and sniff(gzip.compress(b"WARC/1.1\r\nWARC-Type: warcinfo")) == "warc"


def test_read_html_from_a_file_sets_provenance(tmp_path: Path) -> None:
    page = f"<html><body><div class='read__content'><p>{LEAD}</p><p>{SENTENCE}</p></div></body></html>"
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    article = read_html(path)
    assert article.raw_path == str(path) and article.raw_kind == "html"
    assert article.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert article.paragraphs[0].startswith("Pemerintah kota meresmikan")


def _zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("artikel.txt", LEAD)
    return buffer.getvalue()


BAD_FILES = {
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\n",
    "binary.bin": bytes(range(256)) * 40,
    "random.txt": hashlib.sha512(b"acak").digest() * 200,
    "invalid-utf8.txt": b"\xc3\x28\xa0\xa1\xfe\xff\xe2\x82" * 300,
    "nul.txt": (LEAD + "\x00" + SENTENCE).encode("utf-8"),
    "archive.txt": _zip_bytes(),
    "no-body.html": b"<!DOCTYPE html><html><head><title>Kosong</title></head><body><nav>Menu</nav></body></html>",
    "not-an-article.txt": b"daftar belanja\ntelur\ngula\n",
    "broken.warc": b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 5000\r\n\r\nHTTP/1.1 200 OK\r\n",
    "broken.warc.gz": gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9000\r\n\r\n" + b"x" * 4000)[:300],
    "not-warc.gz": gzip.compress(b"sekadar teks biasa yang dikompresi"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_bad_files_raise_one_line_reason(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    before = path.read_bytes()
    with pytest.raises(KompasParseError) as err:
        read(path)
    message = str(err.value)
    assert message and "\n" not in message and len(message) < 300
    assert path.read_bytes() == before  # raw files are never modified


def test_oversized_single_line_file_is_refused_without_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        chunk = b"kata " * 200_000  # 1 MB, no newline
        for _ in range(50):
            handle.write(chunk)  # 50 MB of one line
    with pytest.raises(KompasParseError, match="too large"):
        read(path)
    with pytest.raises(KompasParseError, match="too large"):
        read_text(path)


def test_oversized_text_argument_is_refused() -> None:
    with pytest.raises(KompasParseError, match="too large"):
        read_text("a" * (MAX_BYTES + 1))


def test_read_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(KompasParseError):
        read(tmp_path / "tidak-ada.txt")
    with pytest.raises(KompasParseError):
        read(tmp_path)


def test_files_are_opened_read_only(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_path.read_bytes())
    os.chmod(path, 0o444)
    try:
        assert read(path)[0].n_paragraphs > 0
    finally:
        os.chmod(path, 0o644)


# ---------------------------------------------------------------------------- arbitrary input
_FRAGMENTS = st.sampled_from(
    ["Kompas.tv - 30 November 2024, 10:52 WIB", "PYONGYANG, KOMPAS.TV - ", "Penulis : A | Editor : B",
     "Baca Juga: Judul", "Sumber : Asso", "Kompas dunia | 20 Juni 2024, 08:50 WIB", "Sumber Reuters",
     "Salin Artikel", "BERITA LAINNYA", "\n", "\n\n", "(Sumber: AP Photo/X)", "Rabu (19/6/2024)",
     "https://www.kompas.tv/internasional/123/judul", "— Nama (@akun) August 22, 2025", "WIB", "\r\n", "\t"]
)
_TEXTS = st.one_of(
    st.text(max_size=2000),
    st.lists(st.one_of(_FRAGMENTS, st.text(max_size=40)), max_size=40).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXTS)
def test_read_text_arbitrary_text(text: str) -> None:
    try:
        article = read_text(text)
    except KompasParseError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(article, Article) and article.raw_kind == "text"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=3000), _TEXTS.map(lambda s: s.encode("utf-8", "surrogatepass"))))
def test_read_arbitrary_bytes(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "arbitrary.dat"
    path.write_bytes(data)
    try:
        articles = read(path)
    except KompasParseError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert articles and all(isinstance(a, Article) and a.raw_sha256 for a in articles)
    assert path.read_bytes() == data


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_read_text_arbitrary_bytes(data: bytes) -> None:
    try:
        article = read_text(data)
    except KompasParseError as err:
        assert str(err) and "\n" not in str(err)
    else:
        assert isinstance(article, Article)


# ---------------------------------------------------------------------------- fast paths (issue 7)
def test_read_accepts_a_precomputed_sha256(tmp_path: Path, seed_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_bytes(seed_path.read_bytes())
    hashed = read(path)[0]
    assert hashed.raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    given_sha = "ab" * 32  # the caller's hash is trusted as is, not recomputed
    trusted = read(path, sha256=given_sha)[0]
    assert trusted.raw_sha256 == given_sha
    without_sha = {k: v for k, v in _fields(hashed).items() if k != "raw_sha256"}
    assert {k: v for k, v in _fields(trusted).items() if k != "raw_sha256"} == without_sha


def test_read_html_file_accepts_a_precomputed_sha256(tmp_path: Path) -> None:
    path = tmp_path / "halaman.bin"
    path.write_text(
        "<!DOCTYPE html><html><head><title>Jembatan baru</title></head><body><article>"
        f"<h1>Jembatan baru diresmikan</h1><p>{LEAD}</p><p>{SENTENCE * 3}</p></article></body></html>",
        encoding="utf-8",
    )
    assert read(path, sha256="cd" * 32)[0].raw_sha256 == "cd" * 32
    assert read(path)[0].raw_sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("blank", ["   \n\t\n", "\u00a0\u3000\n\u2003 ", "\u2028\u2029\u0085"])
def test_unicode_whitespace_only_text_is_empty(blank: str) -> None:
    with pytest.raises(KompasParseError, match="empty"):
        check_text(blank, fallback=False)
    with pytest.raises(KompasParseError, match="empty"):
        decode_text(blank.encode("utf-8"))


def test_control_characters_are_judged_against_visible_text() -> None:
    # three stray control characters in a short text: binary-looking
    with pytest.raises(KompasParseError, match="control characters"):
        check_text("ab\x01cd\x02ef\x03", fallback=False)
    # the same three inside ~1,000 visible characters (limit 1 per 100 visible): plain text
    long_text = LEAD + "\x01" + SENTENCE * 10 + "\x02" + SENTENCE + "\x03"
    assert check_text(long_text, fallback=False) == long_text
    # twenty of them in the same text is more than one per hundred visible characters
    noisy = "\x01".join([SENTENCE] * 21)
    assert sum(not c.isspace() for c in noisy) // 100 < 20
    with pytest.raises(KompasParseError, match="control characters"):
        check_text(noisy, fallback=False)
    # whitespace does not count as visible: padding a short noisy text with spaces does not help
    with pytest.raises(KompasParseError, match="control characters"):
        check_text("ab\x01cd\x02ef\x03" + " " * 5000 + "\u3000" * 500, fallback=False)


def test_fallback_decoding_refuses_mostly_non_ascii() -> None:
    garbled = bytes(range(0xA0, 0x100)) * 20  # not UTF-8; as cp1252 it is all accented letters
    with pytest.raises(KompasParseError, match="undecodable"):
        decode_text(garbled)
    legacy = ("Presiden menyampaikan pidato di Gedung Sate \u2013 kata pejabat itu. " * 5).encode("cp1252")
    text, flags = decode_text(legacy)
    assert flags == ["encoding-fallback"] and "\u2013" in text


def test_gzipped_snapshot_and_page_read_like_the_originals(tmp_path: Path, seed_path: Path) -> None:
    plain = read(seed_path)[0]
    packed = tmp_path / "seed.txt.gz"
    packed.write_bytes(gzip.compress(seed_path.read_bytes()))
    article = read(packed)[0]
    assert article.raw_kind == "text" and article.title == plain.title
    assert article.paragraphs == plain.paragraphs and article.published == plain.published
    assert article.raw_sha256 == hashlib.sha256(packed.read_bytes()).hexdigest()  # the stored file
    page = f"<html><body><div class='read__content'><p>{LEAD}</p><p>{SENTENCE}</p></div></body></html>"
    html_gz = tmp_path / "page.html.gz"
    html_gz.write_bytes(gzip.compress(page.encode("utf-8")))
    assert read(html_gz)[0].raw_kind == "html" and read(html_gz)[0].dateline == "SURABAYA"


@pytest.mark.parametrize("data, reason", [
    (gzip.compress(hashlib.sha512(b"x").hexdigest().encode() * 200)[:-40], "truncated gzip"),
    (gzip.compress(b"a" * (MAX_BYTES + 10)), "too large"),
    (gzip.compress(gzip.compress(b"teks")), "inside a gzip"),
    (b"\x1f\x8b\x08\x00" + b"\xff" * 64, "broken gzip"),
])
def test_bad_gzip_files_give_one_line_reasons(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "x.gz"
    path.write_bytes(data)
    with pytest.raises(KompasParseError, match=reason) as err:
        read(path)
    assert "\n" not in str(err.value)
