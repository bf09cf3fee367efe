"""Requests (complaints, repairs, suggestions), their timeline, clocks and close-out."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from core.history import audited
from core.models import TimeStampedModel
from deadlines.models import ClockFields
from estates.models import CommonArea, Estate, Person, Unit

from .choices import Category, Channel, ClockKind, Colour, HotTopicStatus, Kind, Status, Urgency


class RequestCounter(models.Model):
    """The next sequence number per estate, for readable request numbers (YG01-000123)."""

    estate = models.OneToOneField(Estate, on_delete=models.CASCADE, related_name="+")
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.estate_id}:{self.last}"


class ServiceRequest(TimeStampedModel):
    """One complaint, repair or suggestion, from intake to close-out."""

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="requests")
    number = models.CharField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    category = models.CharField(max_length=20, choices=Category.choices)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    common_area = models.ForeignKey(
        CommonArea, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    is_public = models.BooleanField(default=False)
    description = models.TextField()
    channel = models.CharField(max_length=20, choices=Channel.choices)
    # The resident it is for (may have no login: then `requester_person`), and who typed it.
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    requester_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    contact_name = models.CharField(max_length=100, blank=True)
    contact_phone = models.CharField(max_length=30, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    resume_to = models.CharField(max_length=20, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    group = models.ForeignKey(
        "DispatchGroup", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    deferred_until = models.DateField(null=True, blank=True)
    defer_reason = models.CharField(max_length=200, blank=True)
    reject_reason = models.CharField(max_length=500, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    rating = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    rating_tags = models.JSONField(default=list, blank=True)
    rating_comment = models.CharField(max_length=500, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    colour = models.CharField(max_length=10, choices=Colour.choices, default=Colour.GREEN)
    # the resident's preferred visit window (期望上门时间), repairs only; shown to the repairer
    preferred_visit_from = models.DateTimeField(null=True, blank=True)
    preferred_visit_to = models.DateTimeField(null=True, blank=True)
    # the assignee set out (已出发): a step of an accepted request, not a status, so no clock
    # starts or stops with it; cleared when the work changes hands or is put on hold
    departed_at = models.DateTimeField(null=True, blank=True)
    # The submitting client's idempotency key: a submit sent again with the same key (a retry
    # after an error or a lost answer, when the first one was saved) finds this request instead
    # of making a second one. Empty when the client sent none.
    client_key = models.CharField(max_length=64, blank=True, default="")

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["client_key"],
                condition=~models.Q(client_key=""),
                name="complaints_request_client_key",
            )
        ]
        indexes = [
            models.Index(fields=["estate", "status", "-created_at"]),
            models.Index(fields=["requester", "-created_at"]),
            models.Index(fields=["assignee", "status"]),
            models.Index(fields=["estate", "created_at"]),
            # the service desk's default view: open requests of one estate, newest first
            models.Index(
                fields=["estate", "-created_at", "-id"],
                condition=models.Q(
                    status__in=["submitted", "accepted", "in_progress", "deferred", "reopened"]
                ),
                name="request_open_by_estate",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class RequestEvent(models.Model):
    """A timeline row: who did what, when, from which channel."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=30)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    channel = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["request", "at"])]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


class RequestMessage(models.Model):
    """A message in a request's thread (留言) between its requester and the firm's staff who
    handle the estate, with photos. Never edited or deleted: the thread is part of the record."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_staff = models.BooleanField()  # the firm's side wrote it (else the requester)
    body = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["request", "created_at"])]

    def __str__(self) -> str:
        return f"{self.request_id} message {self.pk}"


class Attachment(models.Model):
    """A photo or short video on a request (before), an event (e.g. after the fix) or a message
    of its thread."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    event = models.ForeignKey(
        RequestEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="attachments"
    )
    message = models.ForeignKey(
        RequestMessage,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(upload_to="complaints/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.file.name or ""


class SlaClock(ClockFields):
    """One of a request's three clocks (response, plan, resolution), run by the deadlines
    engine. Due time = start + budget + time paused."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="clocks")
    kind = models.CharField(max_length=20, choices=ClockKind.choices)

    class Meta:
        ordering = ["request_id", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["request", "kind"], name="one_clock_per_kind")
        ]
        indexes = [models.Index(fields=["stopped_at", "paused_at", "yellow_at"])]

    def __str__(self) -> str:
        return f"{self.request_id}:{self.kind}"


class Escalation(models.Model):
    """A clock turned yellow or red (红黄绿三色督办): the record the manager answers with a plan
    and the committee sees. Unique per (request, clock, level); written by the escalation
    handler that the deadlines engine calls exactly once per crossing."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="escalations"
    )
    clock = models.CharField(max_length=20, choices=ClockKind.choices)
    level = models.CharField(max_length=10, choices=Colour.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    plan_due_at = models.DateTimeField(null=True, blank=True)  # yellow: manager's plan
    plan = models.TextField(blank=True)
    plan_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    plan_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["request", "clock", "level"], name="escalate_once")
        ]

    def __str__(self) -> str:
        return f"{self.request_id} {self.clock} {self.level}"


@audited(what="a dispatch group", exclude=["next_index"])
class DispatchGroup(models.Model):
    """A team (e.g. 维修组) that takes requests of some categories, round-robin."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="dispatch_groups")
    name = models.CharField(max_length=50)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+", blank=True)
    next_index = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["estate_id", "name"]
        constraints = [models.UniqueConstraint(fields=["estate", "name"], name="unique_group_name")]

    def __str__(self) -> str:
        return self.name


@audited(what="a dispatch rule")
class DispatchRule(models.Model):
    """Requests of `category` at `estate` go to `group`."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="dispatch_rules")
    category = models.CharField(max_length=20, choices=Category.choices)
    group = models.ForeignKey(DispatchGroup, on_delete=models.CASCADE, related_name="rules")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["estate", "category"], name="one_rule_per_category")
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}:{self.category}"


@audited(what="an SLA policy")
class SlaPolicy(models.Model):
    """Clock hours for an estate x category x urgency (blank = any); the most specific wins,
    then the estate's settings, then domain defaults."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="sla_policies")
    category = models.CharField(max_length=20, choices=Category.choices, blank=True)
    urgency = models.CharField(max_length=20, choices=Urgency.choices, blank=True)
    response_hours = models.DecimalField(max_digits=6, decimal_places=2)
    plan_hours = models.DecimalField(max_digits=6, decimal_places=2)
    resolution_hours = models.DecimalField(max_digits=6, decimal_places=2)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "category", "urgency"], name="one_policy_per_combination"
            )
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}:{self.category or '*'}:{self.urgency or '*'}"


class ReturnVisit(models.Model):
    """A return visit (回访) by staff after a poor rating."""

    request = models.ForeignKey(
        ServiceRequest, on_delete=models.CASCADE, related_name="return_visits"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    due_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"visit {self.request_id}"


class HotTopic(models.Model):
    """A suggested agenda topic for the owners' meeting: recurring complaints of one category
    sharing keywords. A committee member accepts or dismisses it; never the machine."""

    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="hot_topics")
    category = models.CharField(max_length=20, choices=Category.choices)
    keywords = models.JSONField(default=list)
    requests = models.ManyToManyField(ServiceRequest, related_name="+")
    status = models.CharField(
        max_length=20, choices=HotTopicStatus.choices, default=HotTopicStatus.SUGGESTED
    )
    signature = models.CharField(max_length=200)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "signature"], name="unique_topic_signature")
        ]

    def __str__(self) -> str:
        return f"{self.category}: {' '.join(self.keywords)}"
