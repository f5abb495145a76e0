"""The events tables' columns, ranks and type relations (shared by extraction, merging and
the reference chronology), and `as_list` (one definition of "a table cell as a list")."""
from __future__ import annotations

from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"
REFERENCE_CSV = DATA / "reference" / "russia-dprk-chronology.csv"
EVENT_COLUMNS = ["event_id", "date_start", "date_end", "granularity", "event_type", "actors",
                 "location", "summary", "evidence", "sources", "n_articles", "first_reported",
                 "certainty", "since", "quote_ids"]
CANDIDATE_COLUMNS = [*EVENT_COLUMNS, "article_id", "para_idx", "published", "trigger", "mention",
                     "mention_flags"]
COVERAGE_COLUMNS = ["milestone", "date", "granularity", "event_type", "actors", "location",
                    "summary", "status", "matched_events", "articles", "evidence", "n_articles"]

# finest first: the order used to pick the granularity of a merged event
GRANULARITY_RANK = {"datetime": 0, "day": 1, "week": 2, "month": 3, "quarter": 4, "year": 5,
                    "decade": 6, "vague": 7}
# event types a reference milestone accepts besides its own
COMPATIBLE_TYPES = {
    "meeting": {"meeting", "visit"}, "visit": {"visit", "meeting"},
    "agreement": {"agreement", "ratification"}, "ratification": {"ratification", "agreement"},
    "strike": {"strike", "casualty"}, "launch": {"launch", "exercise"},
}
# types that name one happening in different words (a summit reported as a visit)
MERGE_FAMILY = {"visit": "meeting"}
CERTAINTY_RANK = {"asserted": 0, "reported": 1, "hedged": 2}



def as_list(v: Any) -> list:
    """A list cell (list, array, tuple) as a list; a string as a one-item list; None/NaN as []."""
    if v is None or (isinstance(v, float) and v != v):
        return []
    if isinstance(v, str):
        return [v]
    return list(v)



__all__ = ["DATA", "REFERENCE_CSV", "EVENT_COLUMNS", "CANDIDATE_COLUMNS", "COVERAGE_COLUMNS",
           "GRANULARITY_RANK", "COMPATIBLE_TYPES", "MERGE_FAMILY", "CERTAINTY_RANK", "as_list"]
