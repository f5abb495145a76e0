"""Indonesian direct and indirect speech with speaker attribution.

``extract_quotes(text) -> DataFrame`` finds quotes in plain text (paragraphs separated by ``\\n``);
``quote_rows(article) -> list[dict]`` gives the build's ``quotes`` rows for an `Article` (plain
Python values; only ``Article.body`` paragraphs, i.e. ``paragraph_kinds == "body"``), and
``quotes_table(article) -> DataFrame`` the same as a DataFrame.

Columns of both: ``start``, ``end`` (offsets of the quoted content, quote marks excluded),
``text``, ``kind`` (direct | indirect | mixed), ``speaker`` (resolved full name, one name per
entity in an article), ``speaker_mention`` (as written), ``speaker_type`` (person | organisation |
unknown), ``cue`` (lemma), ``via`` (list of relaying outlets), ``confidence``, ``rule``.
``quotes_table`` adds ``quote_id``, ``article_id``, ``para_idx`` (offsets are then inside that paragraph).

The rules are general Indonesian news conventions: cue verbs after the quote (``…,” ujar X``),
before it (``X mengatakan (bahwa) …``, ``Menurut X, …``), speech tags inside a paraphrase
(``…, kata X, …``), back-references (``Hal itu disampaikan oleh X``), relays (``X mengutip Y
bahwa``, ``Dikutip dari AP, …``), clitic ``-nya``, pronouns and role nouns resolved to the most
recent compatible speaker. Lexicons live in ``kompaskit/data/quote_*.csv``.

Modules: `lexicon` (CSV lexicons, shared regexes), `speakers` (names, memory, resolution),
`direct` (quote marks), `indirect` (reported speech), `extract` (rows and tables).
"""
from __future__ import annotations

from .extract import extract_quotes, quote_rows, quotes_table, speaker_summary
from .lexicon import COLUMNS, DATA_DIR, TABLE_COLUMNS, Lexicon, canonical_speaker, cue_lookup, entity_key, lexicon
from .speakers import Memory, resolve, split_mention, trim_run

__all__ = ["COLUMNS", "DATA_DIR", "TABLE_COLUMNS", "Lexicon", "Memory", "canonical_speaker", "cue_lookup",
           "entity_key", "extract_quotes", "lexicon", "quote_rows", "quotes_table", "resolve",
           "speaker_summary", "split_mention", "trim_run"]
