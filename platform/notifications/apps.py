"""notifications: the in-app inbox (with unread counts) and outbound channels.

A notification is a row per recipient with a `dedupe_key`: creating it twice is impossible,
so callers (the escalation sweep, status changes) get exactly-once in-app effects even when a
task runs twice. E-mail goes through Django's e-mail framework after commit; SMS and WeChat
are an interface (`channels.py`) with no provider wired."""

from __future__ import annotations

from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"
