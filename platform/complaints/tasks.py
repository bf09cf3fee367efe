"""Thin Celery tasks. The clocks and auto-close are swept by the deadlines engine
(`deadlines.tasks`, registrations in `complaints/deadlines.py`); hot topics run daily."""

from __future__ import annotations

from .hot_topics import refresh_hot_topics_all_firms, refresh_hot_topics_firm  # noqa: F401
