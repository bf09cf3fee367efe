"""audit: the firm's audit log (who changed what).

Writing the trail is mostly not this app's job: the tracked models of accounts, estates and
complaints carry `core.history.audited` (django-pghistory triggers into append-only event
tables). This app says who did it (`context`: the acting user and roles, the request id and the
source, request or task, copied into every event) and reads the trail (`selectors`): one
timeline merging the event tables and the firm's support-access requests (tenants.SupportGrant),
with the changed fields before and after, people's phones and ID numbers masked, for the firm's
admins (whole firm) and an auditor (the estates of their grant, within its dates). It does track
what no app declares (`models`: the members of a dispatch group, a many-to-many through table),
keeps pghistory's context table append-only and indexes the event tables for the list
(`migrations`)."""

from __future__ import annotations

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "audit"
    verbose_name = "Audit log"

    def ready(self) -> None:
        from .context import connect_task_signals

        connect_task_signals()
