"""rawfiles: the raw folder listed and hashed with every file-level failure as an `errors` row.

Each test names what today's main did (issue 13, "Why"). Tests run as root in CI, where
chmod 000 does not stop reads: permission errors are simulated by patching the OS call.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from kompaskit import rawfiles
from kompaskit.readers import read
from kompaskit.rawfiles import (ERROR_COLUMNS, binary_text_reason, display_path, hash_raw_file,
                                list_raw_files, printable, scan_raw_folder, sha256_file)

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def raw(tmp_path: Path, seed_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    shutil.copy(seed_path, folder / "good.txt")
    return folder


def _names(rows: list[dict]) -> list[str]:
    return [Path(r["raw_path"]).name for r in rows]


def _is_error_row(row: dict) -> bool:
    return (set(row) == set(ERROR_COLUMNS) and "\n" not in row["message"]
            and row["message"].isprintable() and row["raw_path"].isprintable())


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX byte file names")
def test_undecodable_file_name_is_read_and_stored_printably(raw: Path, seed_path: Path) -> None:
    """main: a Latin-1 file name (b'caf\\xe9.txt') aborted the build with UnicodeEncodeError
    while writing the manifest. Here it is read, and named ``caf\\xe9.txt`` in the tables."""
    bad = os.path.join(os.fsencode(raw), b"caf\xe9.txt")
    with open(bad, "wb") as fh:
        fh.write(seed_path.read_bytes())
    scan = scan_raw_folder(raw)
    assert scan.errors == []
    names = [Path(m["raw_path"]).name for m in scan.manifest]
    assert names == ["caf\\xe9.txt", "good.txt"]
    table = pa.Table.from_pylist(scan.manifest)  # the step that raised on main
    pq.write_table(table, raw.parent / "manifest.parquet")
    assert pq.read_table(raw.parent / "manifest.parquet").column("raw_path").to_pylist()[0].endswith("caf\\xe9.txt")
    path, raw_path, sha = scan.tasks[0]
    assert os.fsencode(path) == bad  # the real (surrogate-escaped) path is what gets read
    assert read(path)[0].title == read(seed_path)[0].title


def test_unreadable_file_is_an_errors_row(raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main: an unreadable file (chmod 000, non-root) aborted the build with PermissionError in
    sha256_file. Simulated with a patched os.open (root reads chmod 000 files)."""
    (raw / "secret.txt").write_text("x")
    real_open = os.open

    def deny(path, *args, **kwargs):
        if os.fspath(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(rawfiles.os, "open", deny)
    scan = scan_raw_folder(raw)
    assert [Path(m["raw_path"]).name for m in scan.manifest] == ["good.txt"]
    (row,) = scan.errors
    assert _is_error_row(row) and row["error"] == "PermissionError" and row["stage"] == "read"
    assert row["message"] == "cannot read file secret.txt: permission denied"


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files")
def test_chmod_000_file_is_an_errors_row_for_real(raw: Path) -> None:
    """The same as above without patching, where the OS enforces it (non-root)."""
    secret = raw / "secret.txt"
    secret.write_text("x")
    secret.chmod(0)
    try:
        scan = scan_raw_folder(raw)
    finally:
        secret.chmod(0o600)
    assert [r["error"] for r in scan.errors] == ["PermissionError"]


def test_file_vanished_between_listing_and_hashing(raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main: a file deleted between listing and hashing aborted the build (FileNotFoundError)."""
    (raw / "gone.txt").write_text("soon gone")
    listed = rawfiles.list_raw_files

    def list_then_delete(folder, errors=None):
        files = listed(folder, errors)
        (raw / "gone.txt").unlink()
        return files

    monkeypatch.setattr(rawfiles, "list_raw_files", list_then_delete)
    scan = scan_raw_folder(raw)
    assert [Path(m["raw_path"]).name for m in scan.manifest] == ["good.txt"]
    (row,) = scan.errors
    assert _is_error_row(row) and row["error"] == "FileNotFoundError"
    assert "vanished" in row["message"] and row["raw_path"].endswith("gone.txt")
    state = hash_raw_file(raw / "gone.txt", "gone.txt")  # the never-raising hash, directly
    assert state.sha256 is None and state.error["error"] == "FileNotFoundError"


SCAN_FIFO = textwrap.dedent("""
    import sys
    from kompaskit.rawfiles import hash_raw_file, scan_raw_folder
    from kompaskit.readers import read
    from kompaskit.article import KompasParseError
    scan = scan_raw_folder(sys.argv[1])
    print([m["raw_path"].rsplit("/", 1)[-1] for m in scan.manifest])
    print([(r["error"], r["message"]) for r in scan.errors])
    print(hash_raw_file(sys.argv[1] + "/pipe.txt").error["error"])
    try:
        read(sys.argv[1] + "/pipe.txt")
    except KompasParseError as err:
        print("read:", err)
""")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this OS")
def test_fifo_is_never_opened_and_never_hangs(raw: Path) -> None:
    """main: a file swapped for a FIFO hung the build (sha256_file blocked in open); FIFOs found
    while listing were skipped without an errors row. Run in a subprocess under a timeout."""
    os.mkfifo(raw / "pipe.txt")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", SCAN_FIFO, str(raw)], capture_output=True, text=True,
                          timeout=60, env=env)
    assert done.returncode == 0, done.stderr
    manifest, errors, hashed, reading = done.stdout.splitlines()
    assert manifest == "['good.txt']"
    assert errors == "[('NotARegularFile', 'pipe.txt is a FIFO (named pipe), not a file: never opened')]"
    assert hashed == "NotARegularFile"
    assert reading == "read: pipe.txt is not a regular file"


def test_fifo_swapped_in_after_the_stat_is_refused_without_blocking(raw: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Defence in depth: if the path becomes a FIFO between stat and open, O_NONBLOCK keeps the
    open from waiting for a writer and the fstat check refuses it."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this OS")
    fifo = raw / "pipe.txt"
    os.mkfifo(fifo)
    regular = os.stat(raw / "good.txt")
    real_stat = os.stat
    monkeypatch.setattr(rawfiles.os, "stat", lambda p, *a, **k: regular if os.fspath(p) == str(fifo)
                        else real_stat(p, *a, **k))
    state = hash_raw_file(fifo, "pipe.txt")
    assert state.error["error"] == "NotARegularFile" and "FIFO" in state.error["message"]


def test_devices_and_sockets_are_errors_rows_never_opened(raw: Path) -> None:
    """main: devices and sockets were silently skipped (is_file() False), no errors row."""
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null")
    (raw / "null.txt").symlink_to("/dev/null")
    short = Path(tempfile.mkdtemp(prefix="kk"))  # AF_UNIX paths are limited to ~100 bytes
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(short / "s.sock"))
        (raw / "sock.txt").symlink_to(short / "s.sock")
        errors: list[dict] = []
        files = list_raw_files(raw, errors)
    finally:
        sock.close()
        shutil.rmtree(short)
    assert [f.name for f in files] == ["good.txt"]
    assert sorted((Path(r["raw_path"]).name, r["message"]) for r in errors) == [
        ("null.txt", "null.txt is a character device, not a file: never opened"),
        ("sock.txt", "sock.txt is a socket, not a file: never opened")]


def test_dangling_symlink_is_an_errors_row(raw: Path) -> None:
    """main: a dangling symlink was skipped without an errors row."""
    (raw / "dangling.txt").symlink_to(raw / "nowhere.txt")
    errors: list[dict] = []
    assert [f.name for f in list_raw_files(raw, errors)] == ["good.txt"]
    (row,) = errors
    assert _is_error_row(row) and row["error"] == "DanglingSymlink"
    assert row["message"].startswith("dangling symlink dangling.txt -> ") and "nowhere.txt" in row["message"]


def test_unreadable_subfolder_is_an_errors_row(raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """main: an unreadable subfolder was skipped silently by os.walk (no errors row). Simulated
    with a patched os.scandir (root lists chmod 000 folders)."""
    sub = raw / "locked"
    sub.mkdir()
    (sub / "inside.txt").write_text("x")
    real_scandir = os.scandir

    def deny(path="."):
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    errors: list[dict] = []
    assert [f.name for f in list_raw_files(raw, errors)] == ["good.txt"]
    (row,) = errors
    assert _is_error_row(row) and row["error"] == "PermissionError"
    assert row["message"] == "cannot read folder locked: permission denied"


def test_scan_reuses_recorded_hashes_and_lists_changed_files(raw: Path) -> None:
    first = scan_raw_folder(raw)
    known = {m["raw_path"]: m for m in first.manifest}
    again = scan_raw_folder(raw, known)
    assert again.tasks == [] and again.reused == set(known)
    (raw / "new.txt").write_text("baru")
    third = scan_raw_folder(raw, known)
    assert [Path(t[1]).name for t in third.tasks] == ["new.txt"]
    assert third.tasks[0][2] == sha256_file(raw / "new.txt")


def test_display_path_and_printable() -> None:
    assert printable("a\udce9b") == "a\\xe9b"
    assert printable("tab\there") == "tab\\x09here"
    assert display_path(ROOT / "data" / "raw" / "x.txt") == "data/raw/x.txt"
    assert display_path(ROOT / "no" / "such" / "dir" / "x.txt", {}) == "no/such/dir/x.txt"


def test_binary_text_reason_is_the_one_definition() -> None:
    from kompaskit.readers import check_text
    from kompaskit.article import KompasParseError

    assert binary_text_reason("kata biasa " * 10) is None
    assert binary_text_reason("a\x00b") == "contains NUL characters"
    assert binary_text_reason("ab\x01\x02\x03") == "control characters"
    assert binary_text_reason("x" * 400 + "\x01\x02\x03") is None  # 3 strays in 400 visible: text
    with pytest.raises(KompasParseError, match="control characters"):
        check_text("ab\x01\x02\x03", fallback=False)  # readers use the same rule
