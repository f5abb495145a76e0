"""`kompaskit hydrate` against the local replay site and archive: live captures, 429 + Retry-After,
404 -> archived ``id_`` capture, redirect loop, oversized body, robots.txt deny, bad manifest rows,
Ctrl-C and resume, and a hydrated folder built into articles with their capture provenance."""
from __future__ import annotations

import csv
import io
import time
from datetime import datetime, timezone

import pandas as pd
import pytest
from replay_site import BIG, BLOCKED, KIM, KIM_ARCHIVED_AT, PUTIN, TENTARA, TV, ReplaySite, resolve_replay_hosts
from warcio.archiveiterator import ArchiveIterator

from kompaskit import cli
from kompaskit import hydrate as hydrate_mod
from kompaskit.manifest import MANIFEST_COLUMNS, ManifestError, read_manifest
from kompaskit.webclient import Limits

CAP = 200_000  # body cap in these tests (the BIG page is 300 kB)


@pytest.fixture()
def site(monkeypatch):
    resolve_replay_hosts(monkeypatch)
    with ReplaySite() as replay:
        yield replay


def _manifest(path, urls, extra_rows=()):
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(MANIFEST_COLUMNS)
        for url in urls:
            w.writerow([url, "", "", "", "", "test", ""])
        for row in extra_rows:
            w.writerow(row)
    return path


def _run(site, manifest, raw, **kw):
    log = io.StringIO()
    kw.setdefault("limits", Limits(max_bytes=CAP, backoff=0.05, total_timeout=20))
    rows = hydrate_mod.hydrate(manifest, raw, archive_endpoint=site.archive, delay=0,
                               progress=False, log=log, **kw)
    return rows, log.getvalue()


def _response_headers(path):
    with open(path, "rb") as fh:
        for rec in ArchiveIterator(fh):
            if rec.rec_type == "response":
                return dict(rec.rec_headers.headers), rec.content_stream().read()
    raise AssertionError("no response record")


def test_auto_hydration_live_archive_and_failures(site, tmp_path):
    urls = [f"{site.com}{PUTIN}", f"{site.tv}{TV}", f"{site.com}{KIM}", f"{site.com}{TENTARA}",
            f"{site.com}{BIG}"]
    start = time.monotonic()
    rows, log = _run(site, _manifest(tmp_path / "m.csv", urls), tmp_path / "raw")
    by_url = {r.url: r for r in rows}
    assert [by_url[u].status for u in urls] == ["captured", "captured", "from archive", "not found", "not found"]
    assert time.monotonic() - start >= 1.0, "Retry-After: 1 honoured"
    assert "HTTP 404" in by_url[urls[2]].reason and "redirects" in by_url[urls[3]].reason
    assert f"{CAP} byte limit" in by_url[urls[4]].reason
    assert site.hits[TV] == 2, "one 429, one retry"

    live_h, live_body = _response_headers(by_url[urls[0]].path)
    assert live_h["WARC-Target-URI"] == urls[0] and "WARC-Refers-To-Target-URI" not in live_h
    arch_h, arch_body = _response_headers(by_url[urls[2]].path)
    memento = f"{site.archive}/web/{KIM_ARCHIVED_AT}id_/{urls[2]}"
    assert arch_h["WARC-Target-URI"] == urls[2], "an archived capture describes the article URL"
    assert arch_h["WARC-Refers-To-Target-URI"] == memento == by_url[urls[2]].capture_url
    assert arch_h["WARC-Date"] == "2023-09-12T03:10:00Z" == by_url[urls[2]].captured_at
    assert b"kereta lapis baja" in arch_body, "the raw id_ page, as captured"

    summary = pd.read_csv(tmp_path / "hydrate-summary.csv", dtype=str, keep_default_na=False)
    assert list(summary["status"]) == ["captured", "captured", "from archive", "not found", "not found"]
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == sorted(
        p.name for p in (tmp_path / "raw").glob("*.warc.gz")), "no temp files"
    assert len(list((tmp_path / "raw").iterdir())) == 3
    assert log.count("\n") == 2, "one line per failed row"


def test_live_only_reports_not_found_and_robots_refusal(site, tmp_path):
    urls = [f"{site.com}{KIM}", f"{site.com}{BLOCKED}", f"{site.com}{PUTIN}"]
    rows, _ = _run(site, _manifest(tmp_path / "m.csv", urls), tmp_path / "raw", via="live")
    assert [r.status for r in rows] == ["not found", "refused", "captured"]
    assert rows[1].reason == "disallowed by robots.txt"
    assert site.ok_hits[BLOCKED] == 0, "a disallowed page is never requested"
    assert not any(k.startswith("/web/") for k in site.hits), "live only: the archive is not asked"


def test_archive_only_never_touches_the_live_site(site, tmp_path):
    urls = [f"{site.com}{KIM}", f"{site.com}{PUTIN}"]
    rows, _ = _run(site, _manifest(tmp_path / "m.csv", urls), tmp_path / "raw", via="archive")
    assert [r.status for r in rows] == ["from archive", "not found"]
    assert site.hits[KIM] == 0 and site.hits[PUTIN] == 0


def test_bad_manifest_rows_reported_row_by_row(site, tmp_path):
    good = f"{site.com}{PUTIN}"
    manifest = _manifest(tmp_path / "m.csv", [good, "", "https://www.bbc.com/news/world-asia-123",
                                              good.replace("061500370/putin", "061500370/PUTIN"),
                                              "https://www.kompas.com/global"])
    frame, problems = read_manifest(manifest)
    assert len(frame) == 1
    assert [(p.line, p.reason.split(" (")[0]) for p in problems] == [
        (3, "blank URL"), (4, "not a kompas.com / kompas.tv URL"),
        (5, "duplicate article key kompas.com:20240619061500370"), (6, "not an article URL")]
    assert "first on line 2" in problems[2].reason
    rows, log = _run(site, manifest, tmp_path / "raw")
    assert [r.status for r in rows].count("refused") == 4 and [r.status for r in rows].count("captured") == 1
    assert log.count("refused manifest line") == 4


@pytest.mark.parametrize("content", [b"", b"\x00\x01binary", b"title,date\nx,y\n"])
def test_unreadable_manifest_is_one_line(tmp_path, content, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(content)
    with pytest.raises(ManifestError):
        read_manifest(bad)
    assert cli.main(["hydrate", str(bad), "--to", str(tmp_path / "raw"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kompaskit hydrate:")


def test_interrupted_hydration_resumes_without_fetching_twice(site, tmp_path, monkeypatch):
    urls = [f"{site.com}{PUTIN}", f"{site.tv}{TV}", f"{site.com}{KIM}"]
    manifest = _manifest(tmp_path / "m.csv", urls)
    real_row = hydrate_mod.hydrate_row
    calls = []

    def interrupt_on_third(*args, **kwargs):
        calls.append(args[0])
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real_row(*args, **kwargs)

    monkeypatch.setattr(hydrate_mod, "hydrate_row", interrupt_on_third)
    with pytest.raises(KeyboardInterrupt):
        _run(site, manifest, tmp_path / "raw")
    partial = pd.read_csv(tmp_path / "hydrate-summary.csv", dtype=str)
    assert list(partial["status"]) == ["captured", "captured"], "the summary of what was done"
    assert len(list((tmp_path / "raw").glob("*.warc.gz"))) == 2
    monkeypatch.setattr(hydrate_mod, "hydrate_row", real_row)
    rows, _ = _run(site, manifest, tmp_path / "raw")
    assert [r.status for r in rows] == ["already captured", "already captured", "from archive"]
    assert site.ok_hits[PUTIN] == 1 and site.ok_hits[TV] == 1, "nothing fetched twice"
    assert len(list((tmp_path / "raw").glob("*.warc.gz"))) == 3
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == sorted(
        p.name for p in (tmp_path / "raw").glob("*.warc.gz")), "no half-written files"


def test_cli_ctrl_c_is_one_line_and_exit_130(site, tmp_path, monkeypatch, capsys):
    manifest = _manifest(tmp_path / "m.csv", [f"{site.com}{PUTIN}"])

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(hydrate_mod, "hydrate_row", interrupt)
    assert cli.main(["hydrate", str(manifest), "--to", str(tmp_path / "raw"), "--quiet",
                     "--archive-endpoint", site.archive, "--delay", "0"]) == 130
    assert "run again to resume" in capsys.readouterr().err


def test_hydrated_folder_builds_with_capture_provenance(site, tmp_path, capsys):
    from kompaskit.corpus import build, load

    urls = [f"{site.com}{PUTIN}", f"{site.com}{KIM}", f"{site.tv}{TV}"]
    manifest = _manifest(tmp_path / "m.csv", urls)
    code = cli.main(["hydrate", str(manifest), "--to", str(tmp_path / "raw"), "--quiet",
                     "--archive-endpoint", site.archive, "--delay", "0",
                     "--summary", str(tmp_path / "summary.csv")])
    assert code == 0
    assert "2 captured, 1 from archive" in capsys.readouterr().err
    build(tmp_path / "raw", tmp_path / "out", progress=False)
    arts = load(tmp_path / "out").articles.set_index("article_id")
    assert set(arts.index) == {"kompas.com:20240619061500370", "kompas.com:20230912081000270",
                               "kompas.tv:515210"}
    live = arts.loc["kompas.com:20240619061500370"]
    assert live["capture_url"] == urls[0] and pd.isna(live["archive_url"])
    assert abs(live["captured_at"] - pd.Timestamp(datetime.now(timezone.utc))) < pd.Timedelta("10min")
    archived = arts.loc["kompas.com:20230912081000270"]
    assert archived["capture_url"] == urls[1]
    assert archived["archive_url"] == f"{site.archive}/web/{KIM_ARCHIVED_AT}id_/{urls[1]}"
    assert archived["captured_at"] == pd.Timestamp("2023-09-12T03:10:00Z")
    assert archived["url"] == "https://www.kompas.com/global/read/2023/09/12/081000270/kim-jong-un-naik-kereta-ke-vladivostok"
    assert arts.loc["kompas.tv:515210", "http_status"] == 200


def test_polite_delay_per_host_and_identifying_user_agent(site, tmp_path):
    urls = [f"{site.com}{PUTIN}", f"{site.com}{BLOCKED.replace('2022/02/24', '2024/02/24')}"]
    log = io.StringIO()
    hydrate_mod.hydrate(_manifest(tmp_path / "m.csv", urls), tmp_path / "raw", via="live", delay=0.4,
                        progress=False, log=log, limits=Limits(backoff=0.05))
    live = [(t, p, ua) for t, p, ua in site.requests if not p.startswith("/web/")]
    assert [p for _, p, _ in live][0] == "/robots.txt", "robots.txt first"
    gaps = [b[0] - a[0] for a, b in zip(live, live[1:])]
    assert len(live) == 3 and min(gaps) >= 0.38, gaps
    assert all(ua.startswith("kompaskit/") for _, _, ua in live)


def test_discover_then_hydrate_end_to_end(site, tmp_path):
    from kompaskit import discover

    manifest = tmp_path / "found.csv"
    assert cli.main(["discover", "--out", str(manifest), "--listing", f"{site.com}/tag/korea-utara",
                     "--pages", "2", "--match", "korea-utara,kim-jong,putin", "--delay", "0"]) == 0
    frame, problems = read_manifest(manifest)
    assert problems == [] and len(frame) == 4  # putin, tentara, kim, tv (the recipe is filtered out)
    rows, _ = _run(site, manifest, tmp_path / "raw")
    status = {r.article_key: r.status for r in rows}
    assert status == {"kompas.com:20240619061500370": "captured", "kompas.tv:515210": "captured",
                      "kompas.com:20230912081000270": "from archive",
                      "kompas.com:20241018120500170": "not found"}
    assert discover.matches({"url": f"{site.com}{KIM}", "title": ""}, ["kim-jong"])
