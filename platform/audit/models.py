"""Audited rows that belong to no app's own model: the members of a dispatch group.

`complaints.DispatchGroup.members` is a many-to-many field; its rows live in Django's
auto-created through table, which no app declares. pghistory tracks such a table through a
proxy of it (its documented way for many-to-many fields), with the same `core.history.audited`
as every other audited model: an insert is a member added, a delete a member removed (the
table has no updates), each with who did it, append-only. The proxy lives here, beside the log
that reads it, so complaints keeps its models as they are."""

from __future__ import annotations

from complaints.models import DispatchGroup
from core.history import audited


@audited(what="a dispatch group's member")
class DispatchGroupMember(DispatchGroup.members.through):  # type: ignore[name-defined,misc]
    """A user in a dispatch group (round-robin): the through row of DispatchGroup.members."""

    class Meta:
        proxy = True
        app_label = "audit"
