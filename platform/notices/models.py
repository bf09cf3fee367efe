"""An estate's notices (公告), their retractions and who read them."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models

from .choices import MANUAL_KINDS, SYSTEM_KINDS, Kind, Side

USER = settings.AUTH_USER_MODEL


def _seat_held(*, estate: str, user: str) -> str:
    """SQL: `user` holds a seat with supervision powers on `estate` today, mirroring
    committee.selectors.confirmed_seats exactly: confirmed by a filing, within its term, not
    ended (a seat ended today is gone today); "today" is the local day (TIME_ZONE), as
    timezone.localdate() reads it."""
    today = f"(now() AT TIME ZONE '{settings.TIME_ZONE}')::date"
    return f"""EXISTS (
        SELECT 1 FROM estates_committeemembership m
        WHERE m.estate_id = {estate} AND m.user_id = {user}
          AND m.filing_id IS NOT NULL
          AND m.term_start <= {today} AND m.term_end >= {today}
          AND (m.ended_on IS NULL OR m.ended_on > {today}))"""  # noqa: S608 (constants only)


# A committee notice is written only by a sitting committee member (whatever the writer:
# the service, the ORM, raw SQL).
_COMMITTEE_AUTHOR_GUARD = f"""
    IF NEW.side = 'committee' AND NOT {_seat_held(estate="NEW.estate_id", user="NEW.author_id")}
    THEN
        RAISE EXCEPTION 'pgtrigger: only a sitting committee member publishes a committee notice';
    END IF;
    RETURN NEW;
"""

# A committee notice is taken down only by a sitting committee member of its estate; a system
# notice by nobody.
_RETRACTION_GUARD = f"""
    SELECT side, estate_id INTO n FROM notices_notice WHERE id = NEW.notice_id;
    IF n.side = 'system' THEN
        RAISE EXCEPTION 'pgtrigger: a system notice is never retracted';
    END IF;
    IF n.side = 'committee' AND NOT {_seat_held(estate="n.estate_id", user="NEW.by_id")} THEN
        RAISE EXCEPTION 'pgtrigger: only a sitting committee member retracts a committee notice';
    END IF;
    RETURN NEW;
"""  # noqa: S608 (constants only)


class Notice(models.Model):
    """A notice to an estate's residents, from the firm, from the committee or from the system.
    A firm notice may be edited by the firm side; a committee or system notice never changes
    (PostgreSQL refuses UPDATE of it); no notice is deleted: it is retracted (`Retraction`) and
    stays on record. A system notice has no author, a `source` ("disclosure.statement:12", one
    notice per source) and a `link` to it; its text is fixed at publication, in Chinese."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    side = models.CharField(max_length=10, choices=Side.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.GENERAL)
    title = models.CharField(max_length=100)
    body = models.TextField()
    pinned = models.BooleanField(default=False)
    expires_on = models.DateField(null=True, blank=True)  # last day it shows to residents
    author = models.ForeignKey(USER, null=True, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=80, blank=True, default="")
    link = models.CharField(max_length=200, blank=True, default="")
    published_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-pinned", "-published_at", "-id"]
        indexes = [models.Index(fields=["estate", "published_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source"], condition=~models.Q(source=""), name="notices_one_per_source"
            ),
            # people write manual kinds under their name; the system writes its kinds, with a
            # source and no author
            models.CheckConstraint(
                name="notices_who_writes_what",
                condition=(
                    ~models.Q(side=Side.SYSTEM)
                    & models.Q(author__isnull=False, source="", kind__in=MANUAL_KINDS)
                )
                | (
                    models.Q(side=Side.SYSTEM, author__isnull=True, kind__in=SYSTEM_KINDS)
                    & ~models.Q(source="")
                ),
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="notices_committee_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__side="committee") | pgtrigger.Q(old__side="system"),
            ),
            pgtrigger.Protect(name="notices_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Trigger(
                name="notices_committee_author_seated",
                when=pgtrigger.Before,
                operation=pgtrigger.Insert,
                func=_COMMITTEE_AUTHOR_GUARD,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.title}"


class Retraction(models.Model):
    """A notice taken down by the side that published it, with the reason. Append-only."""

    notice = models.OneToOneField(Notice, on_delete=models.PROTECT, related_name="retraction")
    by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()
    reason = models.CharField(max_length=500)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice"], name="notices_retract_once")]
        triggers = [
            pgtrigger.Protect(
                name="notices_retraction_final", operation=pgtrigger.Update | pgtrigger.Delete
            ),
            pgtrigger.Trigger(
                name="notices_retraction_by_side",
                when=pgtrigger.Before,
                declare=[("n", "RECORD")],
                operation=pgtrigger.Insert,
                func=_RETRACTION_GUARD,
            ),
        ]

    def __str__(self) -> str:
        return f"retraction of {self.notice_id}"


class Read(models.Model):
    """A read receipt: this person opened this notice (once)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notices_read_once")]

    def __str__(self) -> str:
        return f"{self.user_id} read {self.notice_id}"
