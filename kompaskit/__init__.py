"""kompaskit: a Jupyter research kit for how Kompas reports international affairs.

Public API (imported lazily so ``import kompaskit`` stays fast)::

    kompaskit.read(path)              -> list[Article]   (dispatches on content)
    kompaskit.read_text(path_or_text) -> Article
    kompaskit.read_html(html)         -> Article
    kompaskit.read_warc(path)         -> Iterator[Article]
    kompaskit.build(raw_dir, out_dir) -> BuildReport
    kompaskit.load(out_dir)           -> Corpus (.articles, .paragraphs, .quotes, ...)
    kompaskit.export_table(df, name)  -> [Path]  (reports/tables/<name>.csv; lists joined by "; ")
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

from .article import Article, KompasParseError

__version__ = "0.1.0"

_LAZY = {
    "read": "kompaskit.readers",
    "read_text": "kompaskit.readers",
    "read_html": "kompaskit.readers",
    "read_warc": "kompaskit.readers",
    "build": "kompaskit.builder",
    "load": "kompaskit.loader",
    "Corpus": "kompaskit.loader",
    "export_table": "kompaskit.export",
    "KompasError": "kompaskit.errors",
    "TablesNotBuiltError": "kompaskit.errors",
}

__all__ = ["Article", "KompasParseError", "__version__", *_LAZY]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'kompaskit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
