"""Figures meant for reports (issue 17), rendered from a 50-article synthetic corpus
(benchmarks/synth.py): every exported figure is distinct, at most a page wide, states n, keeps
its text on the canvas and its legend off the data; palettes stay distinguishable."""
from __future__ import annotations

import hashlib
import itertools

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgb  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from kompaskit import plots  # noqa: E402
from kompaskit.plots import provenance as pp  # noqa: E402
from kompaskit.plots import quotes as qp  # noqa: E402
from kompaskit.plots.style import PAGE_WIDTH, SOURCE_TYPE_COLOURS  # noqa: E402

MAX_WIDTH_IN = PAGE_WIDTH + 1.5  # the chain view may take a little more than the text width
MAX_HEIGHT_IN = 10.5
MAX_PNG_PX = (int(MAX_WIDTH_IN * 200) + 40, int(MAX_HEIGHT_IN * 200) + 40)  # exported at 200 dpi


@pytest.fixture(scope="module")
def synthetic_corpus(synth, tmp_path_factory):
    import kompaskit

    raw = tmp_path_factory.mktemp("synth-raw")
    synth.generate(raw, 50, seed=5)
    out = tmp_path_factory.mktemp("synth-processed")
    kompaskit.build(raw, out, progress=False)
    corpus = kompaskit.load(out)
    assert len(corpus.articles) >= 40 and len(corpus.quotes) and len(corpus.attributions)
    return corpus


def report_figures(corpus) -> dict[str, object]:
    """The figures notebooks 00-02 export, by export name, drawn as the notebooks draw them."""
    from kompaskit import provenance
    from kompaskit.widgets.quotes import filter_quotes

    hops = corpus.attributions
    article_id = hops["article_id"].value_counts().index[0]
    article = corpus.articles[corpus.articles["article_id"] == article_id].iloc[0]
    return {
        "00-articles-per-month": plots.plot_articles_per_month(corpus.articles),
        "01-provenance-chain": pp.plot_chain(hops, article_id, paragraphs=corpus.paragraphs, article=article),
        "01-provenance-source-types": pp.plot_source_type_shares(hops, corpus.articles),
        "01-provenance-outlet-graph": pp.plot_outlet_graph(provenance.graph(corpus)),
        "01-provenance-explorer-default": pp.plot_top_sources(hops),
        "02-quotes-top-speakers": qp.plot_top_speakers(corpus.quotes),
        "02-quotes-speaker-types": qp.plot_speaker_types(corpus.quotes, corpus.articles),
        "02-quotes-by-month": qp.plot_quotes_by_month(corpus.quotes, corpus.articles),
        "02-quotes-browser-default": qp.plot_quote_kinds(filter_quotes(corpus.quotes, corpus.articles)),
        "02-quotes-relay-chains": qp.plot_relay_chains(corpus.quotes),
    }


@pytest.fixture(scope="module")
def figures(synthetic_corpus):
    figs = report_figures(synthetic_corpus)
    yield figs
    for fig in figs.values():
        plt.close(fig)


def _texts(fig) -> list[Text]:
    """Visible non-empty texts, tick labels excluded (matplotlib keeps labels of ticks beyond the
    axis limits around, undrawn; `Figure.get_tightbbox` covers the drawn ones)."""
    ticks = {id(t) for ax in fig.axes for t in [*ax.get_xticklabels(), *ax.get_yticklabels()]}
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip() and id(t) not in ticks]


def test_every_figure_fits_a_page_and_keeps_text_on_the_canvas(figures):
    for name, fig in figures.items():
        w, h = fig.get_size_inches()
        assert 3.0 <= w <= MAX_WIDTH_IN and 1.5 <= h <= MAX_HEIGHT_IN, f"{name}: {w:.1f} x {h:.1f} in"
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        canvas = fig.bbox
        drawn = fig.get_tightbbox(renderer)  # inches: everything drawn, tick labels included
        assert drawn.x0 >= -0.02 and drawn.y0 >= -0.02 and drawn.x1 <= w + 0.02 and drawn.y1 <= h + 0.02, \
            f"{name}: drawn area {drawn.bounds} exceeds the {w:.2f} x {h:.2f} in canvas"
        for text in _texts(fig):
            box = text.get_window_extent(renderer)
            assert (box.x0 >= canvas.x0 - 2 and box.x1 <= canvas.x1 + 2 and box.y0 >= canvas.y0 - 2
                    and box.y1 <= canvas.y1 + 2), f"{name}: text {text.get_text()[:40]!r} overflows the canvas"


def test_every_figure_states_n(figures):
    for name, fig in figures.items():
        titles = " ".join(ax.get_title(loc=loc) for ax in fig.axes for loc in ("left", "center", "right"))
        assert "(n = " in titles, f"{name} does not say what n it rests on: {titles!r}"


def test_legends_sit_outside_the_data(figures):
    legends = 0
    for name, fig in figures.items():
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        for ax in fig.axes:
            legend = ax.get_legend()
            if legend is None:
                continue
            legends += 1
            data_areas = [other.get_window_extent(renderer) for other in fig.axes if other.axison]
            box = legend.get_window_extent(renderer)
            assert not any(box.overlaps(area) for area in data_areas), f"{name}: legend on the data"
            canvas = fig.bbox
            assert box.x1 <= canvas.x1 + 2, f"{name}: legend cut off"
    assert legends >= 7


def test_exported_figures_are_distinct_and_bounded(figures, tmp_path):
    digests: dict[str, str] = {}
    for name, fig in figures.items():
        png, svg, pdf = plots.export(fig, name, outdir=tmp_path)
        from PIL import Image

        with Image.open(png) as im:
            assert im.size[0] <= MAX_PNG_PX[0] and im.size[1] <= MAX_PNG_PX[1], f"{name}: {im.size} px"
        digests[name] = hashlib.sha256(png.read_bytes()).hexdigest()
    same = [(a, b) for a, b in itertools.combinations(digests, 2) if digests[a] == digests[b]]
    assert same == [], f"byte-identical exports: {same}"


def test_svg_and_pdf_exports_are_byte_identical_across_runs(synthetic_corpus, tmp_path):
    from kompaskit import provenance

    runs = []
    for run in ("a", "b"):
        fig = pp.plot_outlet_graph(provenance.graph(synthetic_corpus))
        runs.append(plots.export(fig, "graph", outdir=tmp_path / run))
    for first, second in zip(runs[0][1:], runs[1][1:]):
        assert first.read_bytes() == second.read_bytes(), first.name


def test_outlet_graph_is_page_wide_with_whole_labels_and_the_rest_aggregated():
    """Issue 17: 7 articles gave a 4160 x 677 px graph with 'kantor berita pemerinta…' labels."""
    import networkx as nx

    from kompaskit.provenance import sources_table

    reg = sources_table()
    G = nx.DiGraph()
    for i, (name, typ) in enumerate(zip(reg["source"], reg["type"])):
        G.add_edge("Kompas TV" if i % 2 else "Kompas.com", name, weight=1 + i % 7)
        G.nodes[name]["type"] = typ
    long_name = "kantor berita pemerintah Korea Utara yang sangat panjang namanya"
    G.add_edge("Kompas TV", long_name, weight=50)
    G.nodes[long_name]["type"] = "state_media"
    G.nodes["Kompas TV"]["type"] = G.nodes["Kompas.com"]["type"] = "kompas"
    fig = pp.plot_outlet_graph(G, max_sources=20)
    assert fig.get_size_inches()[0] == PAGE_WIDTH
    labels = {t.get_gid()[5:]: t.get_text() for t in fig.axes[0].texts if (t.get_gid() or "").startswith("node:")}
    assert len(labels) == 21
    assert " ".join(labels[long_name].split()) == long_name, "labels are wrapped, never cut"
    assert not any("…" in text for text in labels.values())
    other = [n for n in labels if n.startswith("other sources")]
    assert other == [f"other sources ({G.number_of_nodes() - 20})"]
    plt.close(fig)


def test_by_site_and_by_month_share_tables_name_their_index(synthetic_corpus):
    by_site = pp.source_type_shares(synthetic_corpus.attributions, synthetic_corpus.articles, by="site")
    by_month = pp.source_type_shares(synthetic_corpus.attributions, synthetic_corpus.articles, by="month")
    assert by_site.index.name == "site" and set(by_site.index) <= set(synthetic_corpus.articles["site"])
    assert by_month.index.name == "month"
    assert by_site.columns.name == by_month.columns.name == "source_type"


# --------------------------------------------------------------------------- palettes

# Viénot, Brettel & Mollon (1999) dichromat simulation in linear RGB
_SIMULATE = {
    "protan": np.array([[0.11238, 0.88762, 0.0], [0.11238, 0.88762, 0.0], [0.00401, -0.00401, 1.0]]),
    "deutan": np.array([[0.29275, 0.70725, 0.0], [0.29275, 0.70725, 0.0], [-0.02234, 0.02234, 1.0]]),
}


def _linear(c: str) -> np.ndarray:
    rgb = np.array(to_rgb(c))
    return np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)


def _distance(a: np.ndarray, b: np.ndarray) -> float:
    a, b = np.clip(a, 0, 1), np.clip(b, 0, 1)
    return float(np.abs(a ** (1 / 2.2) - b ** (1 / 2.2)).sum())


@pytest.mark.parametrize("palette", [qp.KIND_COLOURS, qp.TYPE_COLOURS], ids=["quote-kinds", "speaker-types"])
def test_quote_palettes_are_colour_safe_and_visible_on_white(palette):
    """The `organisation` swatch once vanished against its own bar; every colour of a palette
    must differ from the others for protan and deutan viewers too, and from the white page."""
    white = _linear("#ffffff")
    colours = {k: _linear(c) for k, c in palette.items()}
    for (ka, a), (kb, b) in itertools.combinations(colours.items(), 2):
        for name, m in _SIMULATE.items():
            assert _distance(m @ a, m @ b) > 0.25, f"{ka} vs {kb} look alike ({name})"
    for k, c in colours.items():
        assert _distance(c, white) > 0.4, f"{k} fades into the page"


def test_source_type_colours_are_all_different():
    assert len(set(SOURCE_TYPE_COLOURS.values())) == len(SOURCE_TYPE_COLOURS)


def test_stacked_bars_have_edges_and_legend_swatches_match_bars(figures):
    fig = figures["02-quotes-speaker-types"]
    ax = fig.axes[0]
    bar_colours = {matplotlib.colors.to_hex(p.get_facecolor()) for p in ax.patches}
    swatch_colours = {matplotlib.colors.to_hex(h.get_facecolor()) for h in ax.get_legend().legend_handles}
    assert swatch_colours == bar_colours
    assert all(p.get_linewidth() > 0 and p.get_edgecolor()[3] > 0 for p in ax.patches), \
        "bars are edged so stacked segments separate"
    assert all(h.get_edgecolor()[3] > 0 for h in ax.get_legend().legend_handles), "swatches are edged"


# --------------------------------------------------------------------------- one publication month

def test_an_article_at_5am_wib_on_1_december_is_in_december_in_every_view_and_filter():
    """Issue 12: 2024-12-01 05:00 WIB (2024-11-30 22:00 UTC) fell in 2024-11 in the UTC views and
    dropped out of the provenance explorer when the slider was narrowed to a range holding it."""
    from kompaskit.plots.overview import month_counts
    from kompaskit.widgets import date_range_slider, month_periods
    from kompaskit.widgets.provenance import filter_hops, prepare
    from kompaskit.widgets.quotes import filter_quotes, prepare_quotes

    aware = pd.Timestamp("2024-12-01 05:00", tz="Asia/Jakarta")
    naive_utc = pd.Timestamp("2024-11-30 22:00")  # the same instant, tz-naive = UTC
    december = pd.Period("2024-12", "M")
    for published in (aware, naive_utc):
        articles = pd.DataFrame({"article_id": ["a1", "a2"], "site": ["kompas.tv", "kompas.tv"],
                                 "published": pd.Series([published, pd.Timestamp("2024-10-15 12:00",
                                                                                tz="Asia/Jakarta")
                                                         if published.tz else pd.Timestamp("2024-10-15 05:00")])})
        assert list(month_counts(articles["published"], articles["site"]).index) == ["2024-10", "2024-11", "2024-12"]
        assert month_counts(articles["published"], articles["site"]).loc["2024-12"].sum() == 1
        assert month_counts(articles["published"], articles["site"]).loc["2024-11"].sum() == 0
        assert month_periods(articles["published"]).tolist()[0] == december
        slider = date_range_slider(articles["published"])
        assert slider.options[-1] == ("2024-12", december)

        attributions = pd.DataFrame({
            "article_id": ["a1", "a2"], "target": ["paragraph", "paragraph"], "target_id": ["a1:0", "a2:0"],
            "para_idx": [0, 0], "hop": [0, 0], "chain": [0, 0], "source": ["KCNA", "Reuters"],
            "source_type": ["state_media", "wire"], "relation": ["according_to", "according_to"]})
        shares = pp.source_type_shares(attributions, articles, by="month")
        assert shares.loc["2024-12", "state_media"] == 1.0
        hops = prepare(attributions, articles)
        assert hops.loc[hops["article_id"] == "a1", "_month"].tolist() == [december]
        kept = filter_hops(hops, months=(december, december), full_range=False)
        assert kept["article_id"].tolist() == ["a1"]

        quotes = pd.DataFrame({"quote_id": ["q1"], "article_id": ["a1"], "para_idx": [0], "text": ["Kami siap"],
                               "kind": ["direct"], "speaker": ["Kim Jong-un"], "speaker_type": ["person"],
                               "via": [[]]})
        assert prepare_quotes(quotes, articles)["_month"].tolist() == [december]
        assert len(filter_quotes(quotes, articles, months=(december, december))) == 1
        assert len(filter_quotes(quotes, articles, months=(pd.Period("2024-11", "M"),) * 2)) == 0
        by_month = qp.plot_quotes_by_month(quotes, articles)
        assert [t.get_text() for t in by_month.axes[0].get_xticklabels()] == ["2024-12"]
        plt.close(by_month)
