"""Where things are: the kit checkout a path lives in (no heavy imports)."""
from __future__ import annotations

import os
from pathlib import Path


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


def safe_filename(name: str, fallback: str) -> str:
    """`name` with anything but letters, digits, ``-_.`` replaced by ``-`` (`fallback` if empty)."""
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip("-.") or fallback
