"""plots.export: PNG at 200 dpi, deterministic SVG and PDF; the overview figure."""
from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd

from kompaskit import plots


def _figure():
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2, 3], [3, 1, 2], label="garis")
    ax.set_title("Uji")
    ax.legend()
    return fig


def test_export_writes_three_formats_deterministically(tmp_path):
    a = plots.export(_figure(), "uji", outdir=tmp_path / "a")
    b = plots.export(_figure(), "uji", outdir=tmp_path / "b")
    assert [p.suffix for p in a] == [".png", ".svg", ".pdf"]
    for pa_, pb in zip(a[1:], b[1:]):
        assert pa_.read_bytes() == pb.read_bytes(), pa_.name
    assert b"CreationDate" not in a[2].read_bytes()
    assert b"<dc:date>" not in a[1].read_bytes()
    from PIL import Image

    with Image.open(a[0]) as im:
        dpi = im.info.get("dpi")
    assert dpi is not None and round(dpi[0]) == 200


def test_export_sanitises_names_and_honours_env(tmp_path, monkeypatch):
    monkeypatch.setenv("KOMPASKIT_FIGURES", str(tmp_path))
    paths = plots.export(_figure(), "../../etc/evil name")
    assert all(p.parent == tmp_path for p in paths)


def test_articles_per_month_by_site():
    arts = pd.DataFrame({
        "published": pd.to_datetime(["2024-11-30 10:52", "2024-09-02 08:00", "2024-11-01 09:00"])
        .tz_localize("Asia/Jakarta"),
        "site": ["kompas.tv", "kompas.com", "kompas.tv"],
    })
    fig = plots.plot_articles_per_month(arts)
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_xticklabels()]
    assert labels == ["2024-09", "2024-10", "2024-11"]
    heights = sorted(round(p.get_height()) for p in ax.patches)
    assert heights == [0, 0, 0, 0, 1, 2]  # 3 months x 2 sites, empty months kept at 0


def test_articles_per_month_empty_says_why():
    fig = plots.plot_articles_per_month(pd.DataFrame({"published": [], "site": []}))
    assert "No dated articles" in fig.axes[0].texts[0].get_text()

