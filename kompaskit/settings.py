"""Where things are: the kit checkout a path lives in (no heavy imports)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def project_root(start: str | Path | None = None) -> Path | None:
    """The kit checkout containing `start` (default: the working directory): the nearest folder
    upwards with pyproject.toml and kompaskit/; None outside a checkout."""
    here = Path(start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "pyproject.toml").exists() and (cand / "kompaskit").is_dir():
            return cand
    return None


def output_dir(outdir: str | os.PathLike | None, env: str, subdir: str) -> Path:
    """Where exports go: `outdir`, else $`env`, else `subdir` of the kit checkout (of the working
    directory when outside one)."""
    if outdir is not None:
        return Path(outdir)
    if os.environ.get(env):
        return Path(os.environ[env])
    return (project_root() or Path.cwd()) / subdir


def output_paths(name: str, fallback: str, folder: Path, formats: tuple[str, ...]) -> list[Path]:
    """`folder`/<name>.<format> for each format, `folder` created; `name` made safe for a file
    name (anything but letters, digits and ``-_.`` becomes ``-``; `fallback` if nothing is left)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip("-.") or fallback
    folder.mkdir(parents=True, exist_ok=True)
    return [folder / f"{safe}.{fmt}" for fmt in formats]


def write_atomic(path: Path, write: Callable[[Path], object]) -> Path:
    """Call `write(tmp)` on a temporary file beside `path`, then rename it into place: a reader
    never sees half a file, and a failed write leaves no temporary file behind."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


PROCESSED_ENV = "KOMPASKIT_PROCESSED"
RAW_ENV = "KOMPASKIT_RAW"


def default_processed_dir() -> Path:
    """$KOMPASKIT_PROCESSED, else <project>/data/processed, else ./data/processed."""
    if os.environ.get(PROCESSED_ENV):
        return Path(os.environ[PROCESSED_ENV])
    return (project_root() or Path.cwd()) / "data" / "processed"


def default_raw_dir() -> Path:
    """$KOMPASKIT_RAW, else <project>/data/raw, else ./data/raw."""
    if os.environ.get(RAW_ENV):
        return Path(os.environ[RAW_ENV])
    return (project_root() or Path.cwd()) / "data" / "raw"
