"""Where things are: the kit checkout a path lives in (no heavy imports)."""
from __future__ import annotations

from pathlib import Path


def project_root(start: str | Path | None = None) -> Path | None:
    """The kit checkout containing `start` (default: the working directory): the nearest folder
    upwards with pyproject.toml and kompaskit/; None outside a checkout."""
    here = Path(start or Path.cwd()).resolve()
    for cand in (here, *here.parents):
        if (cand / "pyproject.toml").exists() and (cand / "kompaskit").is_dir():
            return cand
    return None
