"""The scan state relative expressions resolve against (the last dated mention seen), and the
day a clock time or "semalam" belongs to."""
from __future__ import annotations

from datetime import date, timedelta


class ScanState:
    """What relative-to-narrative expressions refer to: the last dated mention seen."""

    __slots__ = ("last", "texts", "last_text", "here")

    def __init__(self) -> None:
        self.last: tuple[date, date, str] | None = None
        self.texts = 0  # texts (paragraphs) scanned so far
        self.last_text = -9  # the text `last` was found in
        self.here: date | None = None  # the last day-dated mention of the current text

    def antecedent(self) -> tuple[date, date, str] | None:
        """The last dated mention if it is in this text or the one before (farther back, an
        anaphor like "saat itu" is left vague rather than pinned to a wrong date)."""
        return self.last if self.texts - self.last_text <= 2 else None


def day_of_reference(anchor: date | None, state: ScanState, flags: list[str],
                   nearby: bool = False) -> date | None:
    """The day a clock time or "semalam" belongs to: the last day-dated mention of the same
    text (with `nearby`, of the last two paragraphs too; flag ``relative-to-mention``), else
    the anchor."""
    if state.here is not None:
        flags.append("relative-to-mention")
        return state.here
    ref = state.antecedent() if nearby else None
    if ref is not None and ref[2] in ("day", "datetime") and ref[1] - ref[0] == timedelta(days=1):
        flags.append("relative-to-mention")
        return ref[0]
    return anchor
