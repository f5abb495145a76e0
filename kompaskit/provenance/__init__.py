"""Provenance: where every claim, quote and photo in an article comes from.

Three parts:

* the **source registry** (``kompaskit/data/sources.csv``, user-extendable): `sources_table`,
  `resolve_source`;
* **attribution hops** (`attribution_rows`, one dict per hop; `attribute`, the same as a
  DataFrame): the ``attributions`` table of ``../shared/spec/tables.md``;
* the **outlet graph** (`graph`): citing outlet -> cited source, weighted by claims.

Hop order ("hop 0 nearest to the reader")
-----------------------------------------
A chain is read from the Kompas page backwards. Hop 0 is the outlet Kompas names as its direct
source, hop 1 the source *that* outlet cites, and so on:

* ``Sumber : Voice of America`` -> VOA hop 0 (target ``article``, relation ``sumber``);
* ``..., ucap Kim Jong-un dikutip dari Voice of America`` with the quote's speaker -> VOA hop 0
  (``dikutip_dari``), Kim Jong-un hop 1 (``said``) (target ``quote``);
* ``dilaporkan Reuters mengutip KCNA`` -> Reuters hop 0 (``dilaporkan``), KCNA hop 1 (``mengutip``);
* photo credit ``Korean Central News Agency/Korea News Service via AP`` is printed origin first
  (``Article.photo_credit`` keeps that order): AP delivered the picture to Kompas, so AP is hop 0,
  Korea News Service hop 1 and KCNA hop 2. Sorting a chain by descending hop gives the flow from
  origin to reader: KCNA -> Korea News Service -> AP.

A paragraph's own cues form chains starting at hop 0 (the article footer is not repeated on them:
it is the article-level hop). Several sources named side by side (``Reuters dan AFP``) share a hop.
Body paragraphs without any cue inherit the footer (relation ``inherited``), or, when the article
has no footer, the Kompas outlet itself, so every body paragraph has at least one hop.
The extra column ``chain`` numbers the chains of one target, so hops can be linked into edges.

Attribution cues (``kompaskit/data/attribution_cues.csv``, user-extendable)
-------------------------------------------------------------------------
The words that introduce a source, and the word lists that delimit one, are data: one row per
cue, with columns

* ``cue``: a word or phrase, matched case-insensitively as whole words with any whitespace
  between them. In the ``pre``, ``post``, ``negator``, ``kepada`` and ``continuation`` positions
  ``[a|b]`` marks an optional choice and ``(a|b)`` a required one, e.g.
  ``[seperti|sebagaimana] [yang] dikutip [dari|oleh]`` (no nesting); the other positions take
  plain text.
* ``position``: what the cue does --
  ``pre``: cue then source (``menurut Reuters``, ``dilansir dari AP``);
  ``post``: source then verb (``Yonhap melaporkan``);
  ``negator`` and ``negation``: source, negator, verb (``KCNA tak menyebut``), relation
  ``not_reported``; a negation cue is one verb, also matched with one typo;
  ``kepada``: speech verb ... ``kepada`` outlet (``kata Peskov kepada TASS``), relation ``kepada``;
  ``continuation``: a further source in the same chain (``Reuters, mengutip KCNA``); relation
  ``via`` puts the new source one hop *nearer* the reader, any other relation one hop further;
  ``not_source``: phrases that are never a source (``wartawan`` in ``kepada wartawan``);
  ``pronoun``: pronouns and anaphors, never a source themselves (``menurut dia``);
  ``terminator``: words a source mention after a cue stops at (``Reuters pada Senin``), matched
  case-sensitively (a capitalised word may start a name); the first word of every continuation
  cue is one too;
  ``generic_head``: lower-case words that may open an unregistered source
  (``seorang pejabat AS``);
  ``media_word``: words that make an unregistered mention after ``kepada`` a medium.
* ``relation``: the ``relation`` written on the hop; required for pre, post and continuation.
* ``notes``: free text (examples), ignored by the code.

Add cues with your own CSV of the same columns, passed as ``attribute(..., cues_csv=path)`` or
listed in ``$KOMPASKIT_ATTRIBUTION_CUES`` (several paths separated by ``os.pathsep``). A row
with the same cue and position as a shipped one replaces it (to rename its relation); new rows
are tried after the shipped ones. `cues_table` shows the lexicon in use; call `reload_cues`
after editing a CSV in a running session.

Modules: `registry` (sources registry), `cues` (cue lexicon and grammar), `hops` (attribution rows),
`graph` (citation network).
"""
from __future__ import annotations

from .cues import CUE_COLUMNS, CUE_POSITIONS, CUES_CSV, CUES_ENV, cues_table, reload_cues
from .graph import edge_table, graph
from .hops import attribute, attribute_many, attribution_rows, paragraph_source_types
from .registry import (ATTRIBUTION_COLUMNS, MEDIA_TYPES, SITE_OUTLETS, SOURCE_COLUMNS, SOURCES_CSV, SOURCES_ENV,
                       UNKNOWN, reload_sources, resolve_source, sources_table, unknown_sources)

__all__ = ["cues_table", "edge_table", "reload_cues", "reload_sources", "sources_table", "resolve_source",
           "unknown_sources", "attribute", "attribution_rows", "attribute_many", "paragraph_source_types", "graph",
           "ATTRIBUTION_COLUMNS", "CUE_COLUMNS", "CUE_POSITIONS", "CUES_CSV", "CUES_ENV", "MEDIA_TYPES",
           "SITE_OUTLETS", "SOURCE_COLUMNS", "SOURCES_CSV", "SOURCES_ENV", "UNKNOWN"]
