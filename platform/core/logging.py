"""Logging: every record carries the firm's schema (`[firm=...]` on every line)."""

from __future__ import annotations

import logging


class FirmContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        from config.sentry import current_schema_name

        try:
            record.schema_name = current_schema_name()
        except Exception:  # logging must never fail, e.g. before settings are ready
            record.schema_name = "-"
        return True
