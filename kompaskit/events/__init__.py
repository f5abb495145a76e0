"""Events: dated sentences with a trigger, merged across articles, checked against a chronology.

- ``candidate_rows(article, mentions, attributions=None) -> list[dict]`` (the corpus build's
  per-article path; mentions/attributions as rows or DataFrames) and its DataFrame wrapper
  ``extract_events(article, mentions, attributions=None) -> DataFrame``: candidate events, one
  per sentence clause that carries a dated mention (from ``mentions_table``) and an event
  trigger (``data/event_triggers.csv``). Columns: the ``events`` table's (``event_id``,
  ``date_start``, ``date_end``, ``granularity``, ``event_type``, ``actors``, ``location``,
  ``summary``, ``evidence``, ``sources``, ``n_articles``, ``first_reported``, ``certainty``) plus
  ``article_id``, ``para_idx``, ``published``, ``trigger``, ``mention``, ``mention_flags``.
- ``merge_events(candidates) -> DataFrame``: the ``events`` table. Candidates of the same type
  whose date spans overlap and which share an actor become one event (ACLED-style); every
  evidence link is kept, ``granularity`` and dates come from the finest member.
- ``load_reference(path=None)`` and ``coverage(events, reference)``: which milestones of a
  reference chronology the corpus covers.

Lexicons are data: ``data/actors.csv`` (gazetteer: people, states, organisations, places with
aliases; a place may stand for a state as a metonym) and ``data/event_triggers.csv`` (regex
fragments per event type and certainty cue). Extend them by passing extra CSV paths to
`load_actors`/`load_triggers` or by setting ``KOMPASKIT_ACTORS`` / ``KOMPASKIT_EVENT_TRIGGERS``.
"""
from __future__ import annotations

from .chronology import (FOCUS_STATES, coverage, involving, involving_actor, load_reference,
                         reference_span)
from .extract import (candidate_rows, candidates_frame, certainty_of, extract_events,
                      is_actor_name, person_name)
from .lexicons import Gazetteer, Triggers, expand_actors, load_actors, load_triggers
from .merge import merge_events
from .model import (CANDIDATE_COLUMNS, CERTAINTY_RANK, COMPATIBLE_TYPES, COVERAGE_COLUMNS,
                    EVENT_COLUMNS, GRANULARITY_RANK, MERGE_FAMILY, REFERENCE_CSV, as_list)

__all__ = ["extract_events", "candidate_rows", "candidates_frame", "merge_events", "load_reference",
           "coverage", "load_actors", "load_triggers", "certainty_of", "EVENT_COLUMNS",
           "CANDIDATE_COLUMNS", "COVERAGE_COLUMNS", "GRANULARITY_RANK", "COMPATIBLE_TYPES",
           "MERGE_FAMILY", "CERTAINTY_RANK", "REFERENCE_CSV", "Gazetteer", "Triggers",
           "expand_actors", "reference_span", "as_list", "involving", "involving_actor",
           "FOCUS_STATES", "is_actor_name", "person_name"]
