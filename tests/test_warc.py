"""WARC captures: round trip through warcio's writer, capture provenance, broken and empty WARCs."""
from __future__ import annotations

import hashlib
import io
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import kompaskit
from kompaskit import KompasParseError
from kompaskit.readers import read_html, read_text, read_warc
from kompaskit.warc import iter_warc

PAGE_URL = "https://regional.kompas.com/read/2024/04/08/15300011/jembatan-baru-diresmikan"
WARC_DATE = "2024-04-08T09:15:30Z"
SYNTHETIC_PAGE = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<meta property='og:title' content='Jembatan Baru Diresmikan - Kompas.com'></head><body>"
    "<div class='read__time'>Kompas.com - 08/04/2024, 15:30 WIB</div>"
    "<div class='read__content'>"
    "<p>SURABAYA, KOMPAS.com - Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kampung "
    "di tepi sungai pada Senin (8/4/2024).</p>"
    "<p>Warga menyambut jembatan itu karena perjalanan ke pasar kini jauh lebih singkat.</p>"
    "<p>Baca juga: Sungai Meluap, Warga Mengungsi ke Balai Desa</p>"
    "<p>Wali kota berjanji merawat jembatan tersebut dan menambah lampu penerangan tahun depan.</p>"
    "</div></body></html>"
).encode("utf-8")


def _warc(records: list[tuple[str, str, bytes, str | None, int]], gzip: bool = True) -> bytes:
    """A WARC holding (url, record type, payload, content type, HTTP status) records."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, rec_type, payload, content_type, status in records:
        headers = None
        if rec_type == "response":
            fields = [("Content-Type", content_type)] if content_type else []
            headers = StatusAndHeaders(f"{status} X", fields, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            url, rec_type, payload=io.BytesIO(payload), http_headers=headers,
            warc_headers_dict={"WARC-Date": WARC_DATE},
        )
        writer.write_record(record)
    return buffer.getvalue()


def _capture(url: str, page: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200):
    return [(url, "request", b"GET / HTTP/1.1\r\nHost: kompas.com\r\n\r\n", None, 0),
            (url, "response", page, content_type, status)]


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_round_trip_matches_read_html(tmp_path: Path, html2016_dir: Path, gzip: bool) -> None:
    page_path = html2016_dir / "kompas-singlepage4.html"
    url = "http://bola.kompas.com/read/2016/02/23/16374618/samsul.arif.tak.beban.lawan.persib"
    warc_path = tmp_path / ("capture.warc.gz" if gzip else "capture.warc")
    warc_path.write_bytes(_warc(_capture(url, page_path.read_bytes()), gzip=gzip))
    direct = read_html(page_path)
    articles = list(read_warc(warc_path))
    assert len(articles) == 1
    captured = articles[0]
    assert captured.title == direct.title
    assert captured.published == direct.published
    assert captured.paragraphs == direct.paragraphs
    assert captured.dateline == direct.dateline and captured.authors == direct.authors
    assert captured.captured_at == datetime(2024, 4, 8, 9, 15, 30, tzinfo=timezone.utc)
    assert captured.captured_at.utcoffset().total_seconds() == 0
    assert captured.capture_url == url
    assert captured.http_status == 200
    assert captured.raw_kind == "warc" and captured.raw_path == str(warc_path)
    assert captured.raw_sha256 == hashlib.sha256(warc_path.read_bytes()).hexdigest()
    assert [a.paragraphs for a in kompaskit.read(warc_path)] == [direct.paragraphs]


def test_synthetic_capture_without_shared_data(tmp_path: Path) -> None:
    path = tmp_path / "kompas.bin"  # the extension says nothing: read() sniffs the content
    path.write_bytes(_warc(_capture(PAGE_URL, SYNTHETIC_PAGE)))
    [article] = kompaskit.read(path)
    assert article.raw_kind == "warc"
    assert article.title == "Jembatan Baru Diresmikan"
    assert article.published == datetime.fromisoformat("2024-04-08T15:30:00+07:00")
    assert article.dateline == "SURABAYA"
    assert article.related == ["Sungai Meluap, Warga Mengungsi ke Balai Desa"]
    assert article.n_paragraphs == 3
    assert article.site == "kompas.com" and article.capture_url == PAGE_URL


def test_several_pages_and_skipped_records(tmp_path: Path) -> None:
    records = (
        _capture(PAGE_URL, SYNTHETIC_PAGE)
        + [("https://www.kompas.com/logo.png", "response", b"\x89PNG\r\n\x1a\n", "image/png", 200)]
        + [("https://www.kompas.com/hilang", "response", b"<html><body>Tidak ada</body></html>", "text/html", 404)]
        + _capture(PAGE_URL.replace("15300011", "15300022"), SYNTHETIC_PAGE.replace(b"jembatan baru", b"jembatan kayu"))
    )
    articles = list(iter_warc(_warc(records)))
    assert [a.http_status for a in articles] == [200, 200]
    assert "jembatan kayu" in articles[1].text and "jembatan baru" in articles[0].text
    assert articles[0].raw_path is None and articles[0].raw_sha256


def test_text_plain_response_reads_like_read_text(seed_path: Path) -> None:
    url = "https://www.kompas.tv/internasional/555555/kim-jong-un-tegaskan-rusia"
    [article] = list(iter_warc(_warc(_capture(url, seed_path.read_bytes(), "text/plain; charset=utf-8"))))
    direct = read_text(seed_path)
    assert article.paragraphs == direct.paragraphs and article.title == direct.title
    assert article.raw_kind == "warc" and article.capture_url == url


@pytest.mark.parametrize(
    "records",
    [
        [("https://www.kompas.com/hilang", "response", b"<html><body>Halaman tidak ditemukan</body></html>",
          "text/html", 404)],
        [("https://www.kompas.com/logo.png", "response", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", 200)],
        [("https://www.kompas.com/", "request", b"GET / HTTP/1.1\r\n\r\n", None, 0)],
        [("https://www.kompas.com/kosong", "response", b"<html><head><title>x</title></head><body></body></html>",
          "text/html", 200)],
    ],
    ids=["http-404", "image", "request-only", "no-body"],
)
def test_warc_without_articles_says_why(records) -> None:
    with pytest.raises(KompasParseError, match="no article response records") as err:
        list(iter_warc(_warc(records)))
    assert "\n" not in str(err.value)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"bukan arsip web sama sekali\n",
        b"WARC/1.0\r\nWARC-Type: response\r\n",
        b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03broken",
    ],
    ids=["empty", "not-warc", "header-only", "bad-gzip"],
)
def test_broken_input_raises(data: bytes) -> None:
    with pytest.raises(KompasParseError) as err:
        list(iter_warc(data))
    assert str(err.value) and "\n" not in str(err.value)


@pytest.mark.parametrize("gzip", [True, False])
def test_truncated_warc_raises(gzip: bool) -> None:
    data = _warc(_capture(PAGE_URL, SYNTHETIC_PAGE * 20), gzip=gzip)
    with pytest.raises(KompasParseError, match="broken WARC|truncated|not a"):
        list(iter_warc(data[: len(data) * 2 // 3]))


def test_chunked_gzip_encoded_response_is_decoded() -> None:
    import gzip as gz

    body = gz.compress(SYNTHETIC_PAGE)
    chunked = b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html"), ("Content-Encoding", "gzip"), ("Transfer-Encoding", "chunked")],
        protocol="HTTP/1.1",
    )
    writer.write_record(writer.create_warc_record(PAGE_URL, "response", payload=io.BytesIO(chunked),
                                                  http_headers=headers))
    [article] = list(iter_warc(buffer.getvalue()))
    assert article.title == "Jembatan Baru Diresmikan" and article.n_paragraphs == 3


def test_binary_text_plain_payload_is_skipped() -> None:
    records = [("https://www.kompas.com/berkas", "response", bytes(range(256)) * 10, "text/plain", 200)]
    with pytest.raises(KompasParseError, match="no article response records"):
        list(iter_warc(_warc(records)))
