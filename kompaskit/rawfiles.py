"""The raw folder as a list of files: naming, listing, hashing, and every file-level failure as an
``errors`` row (never an exception, never a silent skip).

One definition of the raw-input limits lives here (import them, don't copy them):

* ``MAX_FILE_BYTES`` -- text or HTML (a file, a gzip member, a WARC payload) over this is no article;
* ``binary_text_reason(text)`` -- why decoded text looks binary (NUL or control characters), or None.

Public API (inputs -> outputs):

* ``list_raw_files(raw_dir, errors=None) -> list[Path]`` -- regular files under `raw_dir`, sorted;
  FIFOs, devices, sockets, dangling symlinks and unreadable folders become rows in `errors`;
* ``display_path(path, dirs=None) -> str`` -- the printable name a raw file has in the tables;
* ``hash_raw_file(path, raw_path) -> RawFileState`` -- stat + sha256 from one read-only handle,
  or an ``error`` row (vanished, unreadable, swapped for a FIFO, not a regular file);
* ``scan_raw_folder(raw_dir, known=None) -> RawScan`` -- the above for a whole folder: files to
  (re)read as ``(path, raw_path, sha)`` tasks, manifest rows, and error rows.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .settings import project_root

MAX_FILE_BYTES = 20 * 1024 * 1024  # text or HTML over this is refused before parsing
SKIP_NAMES = frozenset({".gitkeep", ".DS_Store", "Thumbs.db"})
HASH_BUFSIZE = 1 << 20
ERROR_COLUMNS = ("raw_path", "stage", "error", "message", "raw_sha256")

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # in text: tab, newlines, form feed allowed
_NAME_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # in a name: none
_SPECIAL_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"),
                  (stat.S_ISDIR, "a folder"))


# --------------------------------------------------------------------------- shared definitions

def binary_text_reason(text: str, sample_chars: int = 65536) -> str | None:
    """Why decoded `text` is not readable text ("contains NUL characters" / "control characters"),
    or None. Stray control characters are judged against the visible (non-space) characters of
    the first `sample_chars`: more than max(2, visible // 100) of them is binary."""
    sample = text[:sample_chars]
    if "\x00" in sample:
        return "contains NUL characters"
    n_control = len(_CONTROL.findall(sample))
    if n_control <= 2:
        return None
    visible = len("".join(sample.split()))  # str.split() breaks exactly on str.isspace()
    if n_control > max(2, visible // 100):
        return "control characters"
    return None


def printable(name: str) -> str:
    """`name` with undecodable bytes (surrogate escapes from the file system) shown as ``\\xNN``
    and control characters escaped: safe for Parquet, CSV and a terminal."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        name = os.fsencode(name).decode("utf-8", "backslashreplace")
    if _NAME_CONTROL.search(name):
        name = _NAME_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", name)
    return name


def error_row(raw_path: str, message: str, *, error: str = "RawFileError", stage: str = "read",
              sha: str = "") -> dict[str, Any]:
    """One ``errors`` table row (columns ``ERROR_COLUMNS``); `message` made one printable line."""
    message = " ".join(printable(str(message)).split()) or error
    if len(message) > 300:
        message = message[:297] + "..."
    return {"raw_path": printable(raw_path), "stage": stage, "error": error, "message": message,
            "raw_sha256": sha}


def _os_error_row(raw_path: str, err: OSError, what: str) -> dict[str, Any]:
    if err.errno == errno.ENOENT:
        why = "vanished before it could be read (deleted or renamed during the build)"
    elif err.errno in (errno.EACCES, errno.EPERM):
        why = "permission denied"
    else:
        why = err.strerror or type(err).__name__
    return error_row(raw_path, f"cannot read {what} {Path(raw_path).name}: {why}", error=type(err).__name__)


# --------------------------------------------------------------------------- naming

def display_path(path: Path, dirs: dict[Path, tuple[Path, Path | None]] | None = None, *,
                 follow_symlink: bool = True) -> str:
    """How a raw file is named in the tables: relative to the kit checkout it lives in
    (``data/raw/x.txt``), else absolute; undecodable bytes shown as ``\\xNN`` (see `printable`).

    `dirs` caches each folder's resolved path and checkout across calls (100k files: resolving
    every path took 8 s of a 12 s rebuild). A symlinked file is named by its target unless
    `follow_symlink` is False (errors rows name the link). Never raises for a vanished or odd file."""
    dirs = {} if dirs is None and not follow_symlink else dirs
    try:
        if dirs is None or (follow_symlink and path.is_symlink()):
            resolved = path.resolve()
            root = project_root(resolved.parent)
        else:
            if path.parent not in dirs:
                parent = path.parent.resolve()
                dirs[path.parent] = (parent, project_root(parent))
            parent, root = dirs[path.parent]
            resolved = parent / path.name
        name = resolved.relative_to(root).as_posix() if root is not None else resolved.as_posix()
    except (OSError, RuntimeError, ValueError):  # a loop, a vanished folder: keep the given name
        name = Path(os.path.abspath(path)).as_posix()
    return printable(name)


# --------------------------------------------------------------------------- listing

def _special_kind(mode: int) -> str | None:
    for test, what in _SPECIAL_KINDS:
        if test(mode):
            return what
    return None if stat.S_ISREG(mode) else "not a regular file"


def list_raw_files(raw_dir: str | os.PathLike, errors: list[dict[str, Any]] | None = None) -> list[Path]:
    """Every regular file under `raw_dir`, sorted (by path parts), skipping hidden files and
    folders and OS litter. Symlinked files are read; symlinked folders are not entered.

    Everything else becomes an ``errors`` row appended to `errors` (when given): FIFOs, devices
    and sockets (only stat-ed, never opened), dangling or looping symlinks, folders that cannot be
    listed. File names that are not valid UTF-8 are listed (as surrogate-escaped paths: they read
    fine); `display_path` gives their printable name."""
    rows = errors if errors is not None else []
    files: list[Path] = []
    dirs: dict[Path, tuple[Path, Path | None]] = {}

    def walk_error(err: OSError) -> None:
        where = Path(err.filename) if err.filename else Path(raw_dir)
        rows.append(_os_error_row(display_path(where, dirs), err, "folder"))

    for folder, subdirs, names in os.walk(raw_dir, onerror=walk_error):
        subdirs[:] = [d for d in subdirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name in SKIP_NAMES:
                continue
            p = Path(folder, name)
            try:
                st = os.stat(p)  # follows a symlink: what would be read
            except OSError as err:
                if os.path.islink(p):
                    rows.append(error_row(display_path(p, dirs, follow_symlink=False), f"dangling symlink {printable(name)} -> "
                                          f"{printable(_readlink(p))} ({err.strerror or err})",
                                          error="DanglingSymlink"))
                else:
                    rows.append(_os_error_row(display_path(p, dirs, follow_symlink=False), err, "file"))
                continue
            kind = _special_kind(st.st_mode)
            if kind is None:
                files.append(p)
            elif not stat.S_ISDIR(st.st_mode):  # a symlink to a folder is skipped (not entered)
                rows.append(error_row(display_path(p, dirs, follow_symlink=False), f"{printable(name)} is {kind}, not a "
                                      "file: never opened", error="NotARegularFile"))
    return sorted(files, key=lambda p: p.parts)


def _readlink(path: Path) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return "?"


# --------------------------------------------------------------------------- hashing

@dataclass
class RawFileState:
    """One raw file as found: its size, mtime and sha256, or the ``errors`` row saying why not."""

    size: int = 0
    mtime_ns: int = 0
    sha256: str | None = None
    error: dict[str, Any] | None = None


class NotARegularFile(OSError):
    """A raw path that is a FIFO, device, socket or folder: it is never read."""


def open_regular_file(path: str | os.PathLike) -> tuple[int, os.stat_result]:
    """A read-only descriptor of `path` and its fstat; raises OSError, or `NotARegularFile`
    when `path` is (or was swapped for) a FIFO, device or socket. O_NONBLOCK: opening a FIFO
    never waits for a writer, and the fstat check then refuses it before any read."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    st = os.stat(path)
    kind = _special_kind(st.st_mode)
    if kind is not None:
        raise NotARegularFile(f"{printable(Path(path).name)} is {kind}, not a file: never opened")
    fd = os.open(path, flags)
    try:
        st = os.fstat(fd)
        kind = _special_kind(st.st_mode)
        if kind is not None:  # swapped between stat and open
            raise NotARegularFile(f"{printable(Path(path).name)} is {kind}, not a file")
    except BaseException:
        os.close(fd)
        raise
    return fd, st


def sha256_fd(fd: int, bufsize: int = HASH_BUFSIZE) -> str:
    """sha256 hex digest of everything readable from descriptor `fd` (not closed)."""
    h = hashlib.sha256()
    while chunk := os.read(fd, bufsize):
        h.update(chunk)
    return h.hexdigest()


def hash_raw_file(path: str | os.PathLike, raw_path: str | None = None) -> RawFileState:
    """Stat and sha256 of one raw file from a single read-only descriptor. Never raises for a
    per-file problem (vanished, permission denied, FIFO/device/socket, I/O error): the state's
    ``error`` is then an ``errors`` row named `raw_path` (default: the printable path)."""
    name = raw_path if raw_path is not None else printable(os.fspath(path))
    try:
        fd, st = open_regular_file(path)
    except NotARegularFile as err:
        return RawFileState(error=error_row(name, str(err), error="NotARegularFile"))
    except OSError as err:
        return RawFileState(error=_os_error_row(name, err, "file"))
    try:
        sha = sha256_fd(fd)
    except OSError as err:
        return RawFileState(error=_os_error_row(name, err, "file"))
    finally:
        os.close(fd)
    return RawFileState(size=st.st_size, mtime_ns=st.st_mtime_ns, sha256=sha)


def sha256_file(path: str | os.PathLike, bufsize: int = HASH_BUFSIZE) -> str:
    """sha256 hex digest of a regular file (read-only). Raises OSError (`NotARegularFile` for a
    FIFO/device/socket: never blocks); `hash_raw_file` is the never-raising form."""
    fd, _ = open_regular_file(path)
    try:
        return sha256_fd(fd, bufsize)
    finally:
        os.close(fd)


# --------------------------------------------------------------------------- whole folder

@dataclass
class RawScan:
    """What a build needs from the raw folder: ``tasks`` [(path, raw_path, sha)] to (re)read,
    ``manifest`` rows (raw_path, size, mtime_ns, raw_sha256) of every readable file, ``reused``
    raw_paths whose recorded hash still holds, and ``errors`` rows (columns ``ERROR_COLUMNS``)."""

    tasks: list[tuple[str, str, str]] = field(default_factory=list)
    manifest: list[dict[str, Any]] = field(default_factory=list)
    reused: set[str] = field(default_factory=set)
    errors: list[dict[str, Any]] = field(default_factory=list)


def scan_raw_folder(raw_dir: str | os.PathLike, known: Mapping[str, Any] | None = None) -> RawScan:
    """List and hash `raw_dir` (see `list_raw_files`, `hash_raw_file`). `known`: raw_path ->
    previous manifest row (attributes or keys ``size``, ``mtime_ns``, ``raw_sha256``); a file
    with unchanged size and mtime keeps its recorded hash and is not read again. Never raises
    for a per-file problem; raises FileNotFoundError only when `raw_dir` is not a folder."""
    if not os.path.isdir(raw_dir):
        raise FileNotFoundError(f"raw folder not found: {printable(os.fspath(raw_dir))}")
    scan = RawScan()
    known = known or {}
    dirs: dict[Path, tuple[Path, Path | None]] = {}
    for p in list_raw_files(raw_dir, scan.errors):
        raw_path = display_path(p, dirs)
        prev = known.get(raw_path)
        state = None
        if prev is not None:
            try:
                st = os.stat(p)
            except OSError as err:
                scan.errors.append(_os_error_row(raw_path, err, "file"))
                continue
            if (_field(prev, "size") == st.st_size and _field(prev, "mtime_ns") == st.st_mtime_ns
                    and stat.S_ISREG(st.st_mode)):
                state = RawFileState(st.st_size, st.st_mtime_ns, _field(prev, "raw_sha256"))
        if state is None:
            state = hash_raw_file(p, raw_path)
        if state.error is not None:
            scan.errors.append(state.error)
            continue
        scan.manifest.append({"raw_path": raw_path, "size": state.size, "mtime_ns": state.mtime_ns,
                              "raw_sha256": state.sha256})
        if prev is not None and _field(prev, "raw_sha256") == state.sha256:
            scan.reused.add(raw_path)
        else:
            scan.tasks.append((os.fspath(p), raw_path, state.sha256))
    return scan


def _field(row: Any, name: str) -> Any:
    return row[name] if isinstance(row, Mapping) else getattr(row, name, None)
