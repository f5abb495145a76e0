"""Shared fixtures. Data from ../shared (beside the checkout) is optional: tests skip without it."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "data" / "raw" / "kompastv-2024-11-30-kim-jong-un-belousov.txt"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def seed_path() -> Path:
    """The seed article shipped in data/raw/ (part of the repository, never skipped)."""
    assert SEED.exists(), "the seed article must ship in data/raw/"
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_article(seed_path: Path):
    """The seed read through the kit's own text reader."""
    from kompaskit import read_text

    return read_text(seed_path)


@pytest.fixture(scope="session")
def synth():
    """The benchmark's synthetic-corpus generator module (benchmarks/synth.py)."""
    import sys
    from importlib.util import module_from_spec, spec_from_file_location

    path = ROOT / "benchmarks" / "synth.py"
    if not path.exists():
        pytest.skip("benchmarks/synth.py not in this checkout")
    spec = spec_from_file_location("kompaskit_test_synth", path)
    module = sys.modules.setdefault(spec.name, module_from_spec(spec))
    spec.loader.exec_module(module)  # registered first: its dataclasses look their module up
    return module


@pytest.fixture(scope="session")
def make_synthetic_articles(tmp_path_factory, synth):
    """Factory ``make(n, seed)``: `n` real-shaped articles from the benchmark generator
    (seed paragraphs, PFSA-ID dev text when present), read with read_text."""
    from kompaskit import read_text

    def make(n: int = 50, seed: int = 3) -> list:
        folder = tmp_path_factory.mktemp(f"synth-{seed}")
        return [read_text(p) for p in synth.generate(folder, n, seed=seed)]

    return make


def _shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"needs ../shared/{sub} beside the checkout (CI has it; a user's clone does not)")
    return path


@pytest.fixture(scope="session")
def html2016_dir() -> Path:
    return _shared("data/kompas-html-2016")


@pytest.fixture(scope="session")
def pfsa_dev() -> Path:
    return _shared("data/pfsa-id/dev.txt")


@pytest.fixture(scope="session")
def reference_csv() -> Path:
    return ROOT / "kompaskit" / "data" / "reference" / "russia-dprk-chronology.csv"
