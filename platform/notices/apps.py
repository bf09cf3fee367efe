"""notices: an estate's notices (公告) from the firm and from the owners' committee, with read
receipts, pinning and an expiry. A committee notice is the committee's own word: no firm role
can edit, hide or delete it, and PostgreSQL refuses any UPDATE or DELETE of it."""

from __future__ import annotations

from django.apps import AppConfig


class NoticesConfig(AppConfig):
    name = "notices"
    verbose_name = "Notices"
