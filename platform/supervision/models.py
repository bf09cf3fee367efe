"""Owner supervision (业主监督): checklists, inspection rounds, findings, rectifications.

Everything a supervisor writes (templates, schedules, rounds, answers, photos, addenda,
verifications, rejections) is written by a confirmed committee member through the services;
every row says who wrote it and when. PostgreSQL refuses UPDATE and DELETE of what is final:
template versions and their items, submitted rounds and their answers and photos, addenda,
publications and every rectification event (pgtrigger.Protect)."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models

from deadlines.models import ClockFields

from .choices import (
    EventKind,
    Frequency,
    PhotoStage,
    RectificationStatus,
    Result,
    RoundStatus,
    ServiceLine,
)

APPEND_ONLY = pgtrigger.Update | pgtrigger.Delete
USER = settings.AUTH_USER_MODEL


class Template(models.Model):
    """A committee's checklist for one service line of its estate; its content lives in
    immutable versions (the latest is current)."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    service_line = models.CharField(max_length=20, choices=ServiceLine.choices)
    name = models.CharField(max_length=100)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["estate_id", "service_line", "id"]
        triggers = [
            pgtrigger.Protect(name="supervision_template_no_delete", operation=pgtrigger.Delete)
        ]

    def __str__(self) -> str:
        return self.name


class TemplateVersion(models.Model):
    """One version of a template: never changed; an edit is a new version and a round keeps
    the version it used."""

    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    name = models.CharField(max_length=100)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["template_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="supervision_version_once")
        ]
        triggers = [
            pgtrigger.Protect(name="supervision_version_append_only", operation=APPEND_ONLY)
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.number}"


class TemplateItem(models.Model):
    """One checklist item of a version: what is checked, the standard, photo, weight."""

    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="items")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=100)
    standard = models.CharField(max_length=500)
    photo_required = models.BooleanField(default=False)
    weight = models.PositiveSmallIntegerField(default=1)

    class Meta:
        ordering = ["version_id", "position", "id"]
        triggers = [pgtrigger.Protect(name="supervision_item_append_only", operation=APPEND_ONLY)]

    def __str__(self) -> str:
        return self.title


class Schedule(models.Model):
    """When the supervision group inspects with which template, and where; reminders go to the
    estate's supervisors on each due day."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    template = models.ForeignKey(Template, on_delete=models.PROTECT, related_name="schedules")
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    areas = models.JSONField(default=list)
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["estate_id", "starts_on", "id"]

    def __str__(self) -> str:
        return f"{self.frequency} {self.template_id}"


class ScheduleReminder(models.Model):
    """A reminder sent for one due day of a schedule (so each is sent once)."""

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="reminders")
    due_on = models.DateField()
    at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["schedule", "due_on"], name="supervision_remind_once")
        ]

    def __str__(self) -> str:
        return f"{self.schedule_id} {self.due_on}"


class Round(models.Model):
    """An inspection round (巡查) on site. Read-only for everyone once submitted (PostgreSQL
    refuses it); corrections are addenda."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    version = models.ForeignKey(TemplateVersion, on_delete=models.PROTECT, related_name="+")
    service_line = models.CharField(max_length=20, choices=ServiceLine.choices)
    schedule = models.ForeignKey(
        Schedule, null=True, blank=True, on_delete=models.PROTECT, related_name="rounds"
    )
    area = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    key = models.CharField(max_length=64, unique=True)  # the device's idempotency key
    started_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    held_on = models.DateField(null=True, blank=True)  # local day of submission

    class Meta:
        ordering = ["-started_at", "-id"]
        indexes = [models.Index(fields=["estate", "status", "held_on"])]
        triggers = [
            pgtrigger.Protect(
                name="supervision_round_submitted_final",
                operation=APPEND_ONLY,
                condition=pgtrigger.Q(old__status="submitted"),
            )
        ]

    def __str__(self) -> str:
        return f"round {self.pk} @ {self.estate_id}"


class Answer(models.Model):
    """The finding for one item of a round: pass / fail / not applicable, note, area. Changes
    while the round is open; locked (and then refused by PostgreSQL) when it is submitted."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="answers")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    estate_id = models.BigIntegerField()  # copied from the round: the KPIs read answers alone
    service_line = models.CharField(max_length=20, choices=ServiceLine.choices)
    result = models.CharField(max_length=4, choices=Result.choices)
    note = models.CharField(max_length=1000, blank=True)
    area = models.CharField(max_length=100, blank=True)
    answered_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField()
    locked = models.BooleanField(default=False)
    held_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["round_id", "item__position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["round", "item"], name="supervision_answer_once")
        ]
        indexes = [models.Index(fields=["estate_id", "held_on", "service_line", "result"])]
        triggers = [
            pgtrigger.Protect(
                name="supervision_answer_final",
                operation=APPEND_ONLY,
                condition=pgtrigger.Q(old__locked=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.round_id}/{self.item_id} {self.result}"


class ClientWrite(models.Model):
    """An idempotency key a device sent with an answer: a resend finds it and changes nothing."""

    key = models.CharField(max_length=64, unique=True)
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="+")
    answer = models.ForeignKey(Answer, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    def __str__(self) -> str:
        return self.key


class RoundPhoto(models.Model):
    """A photo taken for one item of a round (camera input), sent with its own key."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="photos")
    item = models.ForeignKey(TemplateItem, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(upload_to="supervision/rounds/%Y/%m/")
    content_type = models.CharField(max_length=50)
    key = models.CharField(max_length=64, unique=True)
    taken_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    taken_at = models.DateTimeField()
    locked = models.BooleanField(default=False)

    class Meta:
        ordering = ["round_id", "id"]
        triggers = [
            pgtrigger.Protect(
                name="supervision_photo_final",
                operation=APPEND_ONLY,
                condition=pgtrigger.Q(old__locked=True),
            )
        ]

    def __str__(self) -> str:
        return f"photo {self.pk} of round {self.round_id}"


class Addendum(models.Model):
    """A correction or remark added to a submitted round by a supervisor (append-only)."""

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="addenda")
    text = models.CharField(max_length=2000)
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["round_id", "id"]
        triggers = [
            pgtrigger.Protect(name="supervision_addendum_append_only", operation=APPEND_ONLY)
        ]

    def __str__(self) -> str:
        return f"addendum {self.pk} of round {self.round_id}"


class Publication(models.Model):
    """A submitted round's report published to the estate's residents (append-only)."""

    round = models.OneToOneField(Round, on_delete=models.PROTECT, related_name="publication")
    published_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    published_at = models.DateTimeField()

    class Meta:
        triggers = [pgtrigger.Protect(name="supervision_publication_final", operation=APPEND_ONLY)]

    def __str__(self) -> str:
        return f"publication of round {self.round_id}"


class Rectification(models.Model):
    """The firm's duty to fix one failed item (整改). Its history is the append-only event
    table; `status`, `assignee` and `verified_at` are the state derived from those events,
    kept here for the board (only the services write them, with the event)."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="rectifications")
    answer = models.OneToOneField(Answer, on_delete=models.PROTECT, related_name="rectification")
    service_line = models.CharField(max_length=20, choices=ServiceLine.choices)
    title = models.CharField(max_length=100)
    area = models.CharField(max_length=100, blank=True)
    status = models.CharField(
        max_length=10, choices=RectificationStatus.choices, default=RectificationStatus.OPEN
    )
    assignee = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField()
    opened_on = models.DateField()
    due_at = models.DateTimeField()
    yellow_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_on_time = models.BooleanField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [
            models.Index(fields=["estate", "status", "due_at"]),
            models.Index(fields=["estate", "opened_on"]),
        ]
        triggers = [
            pgtrigger.Protect(
                name="supervision_rectification_no_delete", operation=pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.status})"


class RectificationEvent(models.Model):
    """One step of a rectification: opened, the firm's answer (plan + photos), the committee's
    verification or rejection (with its reason), a reassignment. Append-only."""

    rectification = models.ForeignKey(
        Rectification, on_delete=models.PROTECT, related_name="events"
    )
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    text = models.CharField(max_length=2000, blank=True)
    assignee = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    key = models.CharField(max_length=64, unique=True, null=True, blank=True)
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["rectification_id", "written_at", "id"]
        triggers = [pgtrigger.Protect(name="supervision_event_append_only", operation=APPEND_ONLY)]

    def __str__(self) -> str:
        return f"{self.rectification_id} {self.kind}"


class EvidencePhoto(models.Model):
    """A before/after photo of the firm's answer (append-only)."""

    event = models.ForeignKey(RectificationEvent, on_delete=models.PROTECT, related_name="photos")
    stage = models.CharField(max_length=10, choices=PhotoStage.choices)
    file = models.FileField(upload_to="supervision/rectifications/%Y/%m/")
    content_type = models.CharField(max_length=50)
    written_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["event_id", "id"]
        triggers = [
            pgtrigger.Protect(name="supervision_evidence_append_only", operation=APPEND_ONLY)
        ]

    def __str__(self) -> str:
        return f"{self.stage} photo of event {self.event_id}"


class RectificationClock(ClockFields):
    """The firm's deadline to fix a failed inspection item (default 7 days per estate)."""

    rectification = models.ForeignKey(
        Rectification, on_delete=models.CASCADE, related_name="clocks"
    )
    name = models.CharField(max_length=20, default="fix")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rectification", "name"], name="supervision_one_fix_clock"
            )
        ]
        indexes = [models.Index(fields=["stopped_at", "paused_at", "yellow_at"])]

    def __str__(self) -> str:
        return f"{self.rectification_id}:{self.name}"
