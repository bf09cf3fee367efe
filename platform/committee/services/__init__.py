"""Every write about the committee: filings submitted from the estate (`filing`), reviewed on
the platform (`review`), and the roster they seat (`roster`: seating, resignation)."""

from __future__ import annotations

from .filing import FilingInput, MemberInput, Receipt, filing_submit
from .review import filing_confirm, filing_reject
from .roster import seat_resign

__all__ = [
    "FilingInput",
    "MemberInput",
    "Receipt",
    "filing_confirm",
    "filing_reject",
    "filing_submit",
    "seat_resign",
]
