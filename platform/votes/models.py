"""An estate's owners' votes: the vote, its frozen electorate, the ballots, the published result."""

from __future__ import annotations

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import F, Q

from deadlines.models import ClockFields

from .choices import (
    TOPIC_FINAL,
    BallotStatus,
    Channel,
    DecisionEntryKind,
    DecisionOwner,
    DecisionStatus,
    Matter,
    MatterKind,
    TopicStatus,
    VoteStatus,
)
from .policies import DEFAULT_NOTICE_DAYS

USER = settings.AUTH_USER_MODEL
# the columns of a vote that no longer change once it is announced
FIXED_TERMS = (
    "estate_id",
    "title",
    "body",
    "options",
    "matter",
    "kind",
    "secret",
    "changeable",
    "building_ids",
    "notice_days",
    "opens_at",
    "closes_at",
    "rule",
)


class Vote(models.Model):
    """A question put to the estate's owners (业主大会表决) by its confirmed committee.

    Drafted, announced (the notice period runs from then: voting may open `notice_days` later
    at the earliest), opened (the electorate is frozen that day), closed, then its result is
    published. `options` is the list of answers; `building_ids` the buildings whose owners
    decide (empty: the whole estate); `rule` the thresholds applied (policies.Rule: the legal
    minimum for the matter or stricter). Once announced, the question, options, scope and rule
    no longer change (PostgreSQL refuses it); a vote is never deleted."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    options = models.JSONField(default=list)
    matter = models.CharField(max_length=20, choices=Matter.choices)
    kind = models.CharField(max_length=10, choices=MatterKind.choices)
    secret = models.BooleanField(default=True)
    changeable = models.BooleanField(default=True)
    building_ids = models.JSONField(default=list)
    notice_days = models.PositiveSmallIntegerField(default=DEFAULT_NOTICE_DAYS)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    rule = models.JSONField()
    status = models.CharField(max_length=12, choices=VoteStatus.choices, default=VoteStatus.DRAFT)
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    announced_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    electorate_day = models.DateField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["estate", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="votes_window_forward"
            )
        ]
        triggers = [
            pgtrigger.Protect(name="votes_vote_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="votes_vote_terms_fixed",
                operation=pgtrigger.Update,
                condition=pgtrigger.Condition(
                    "OLD.status <> 'draft' AND ("
                    + " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in FIXED_TERMS)
                    + ")"
                ),
            ),
            pgtrigger.Protect(
                name="votes_vote_published_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status="published"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}: {self.title} ({self.status})"


class Elector(models.Model):
    """One head of a vote's headcount, frozen when voting opens: an owner of record (or the same
    co-owners, who cast one ballot) with their units in scope, or the developer with every unit
    nobody owns of record (key "developer"). `units`: [[unit id, building id, "area"]].
    Append-only."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="electors")
    key = models.CharField(max_length=200)
    person_ids = models.JSONField(default=list)
    names = models.CharField(max_length=300, blank=True)  # as recorded that day
    area = models.DecimalField(max_digits=14, decimal_places=2, default=Decimal("0"))
    units = models.JSONField(default=list)
    unit_labels = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["vote_id", "key"]
        constraints = [models.UniqueConstraint(fields=["vote", "key"], name="votes_elector_once")]
        indexes = [
            models.Index(fields=["vote", "key"]),
            # "which electors is this owner?" on every cast and read: person_ids @> [id]
            GinIndex(
                fields=["person_ids"], name="votes_elector_persons", opclasses=["jsonb_path_ops"]
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="votes_elector_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}:{self.key}"

    @property
    def developer(self) -> bool:
        return self.key == "developer"


class Ballot(models.Model):
    """A ballot of one elector. Online: cast by an owner, counted at once; a change is a new
    revision (the latest counts). Paper: entered by one committee member with the scan,
    counted once a different member confirms it (or rejected). One row per (vote, elector,
    revision): two casts racing for the same revision leave one (the other is a 409).
    Append-only: only an entered paper ballot changes (to counted or rejected), none is deleted.
    `receipt` proves inclusion to the voter; the published result lists its SHA-256 only."""

    vote = models.ForeignKey(Vote, on_delete=models.PROTECT, related_name="ballots")
    elector = models.ForeignKey(Elector, on_delete=models.PROTECT, related_name="ballots")
    revision = models.PositiveIntegerField()
    choice = models.PositiveSmallIntegerField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    status = models.CharField(max_length=10, choices=BallotStatus.choices)
    cast_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    cast_at = models.DateTimeField()
    confirmed_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    receipt = models.CharField(max_length=40, unique=True)
    scan = models.FileField(upload_to="votes/paper/%Y/%m/", blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["vote_id", "elector_id", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["vote", "elector", "revision"], name="votes_ballot_once"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_by__isnull=True) | ~Q(confirmed_by=F("cast_by")),
                name="votes_paper_two_members",
            ),
        ]
        indexes = [models.Index(fields=["vote", "status"])]
        triggers = [
            pgtrigger.Protect(name="votes_ballot_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="votes_ballot_final",
                operation=pgtrigger.Update,
                condition=~pgtrigger.Q(old__status="entered"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vote_id}:{self.elector_id}#{self.revision} {self.channel}"


class Result(models.Model):
    """A vote's published result: `export` holds every input (the electorate's areas, the
    counted ballots without names, the receipts' hashes, the rule) and the outcome, `digest`
    its SHA-256 (tools/verify_vote.py recomputes both offline). Append-only."""

    vote = models.OneToOneField(Vote, on_delete=models.PROTECT, related_name="result")
    export = models.JSONField()
    digest = models.CharField(max_length=64)
    passed = models.BooleanField()
    rule_text = models.CharField(max_length=500)
    # None: published by the platform when the committee let the 7 days pass
    published_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at"]
        triggers = [
            pgtrigger.Protect(
                name="votes_result_append_only", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self) -> str:
        return f"result of {self.vote_id}"


class Topic(models.Model):
    """A matter raised in the estate's deliberation hall (议事厅) by a resident or the committee.
    Others support it; with `policies.TOPIC_SUPPORT_DEFAULT` supports it goes on the committee's
    agenda. It ends with a public answer: adopted (optionally put to `vote`), answered, or
    declined with reasons; or it is merged into another topic, or hidden for abuse with a
    reason the author sees. Once ended it never changes (PostgreSQL refuses it); never deleted."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=100)
    body = models.TextField(blank=True)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=TopicStatus.choices, default=TopicStatus.OPEN)
    support_count = models.PositiveIntegerField(default=0)
    agenda_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(blank=True)  # the public answer, or why it was hidden
    answered_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged"
    )
    vote = models.ForeignKey(
        Vote, null=True, blank=True, on_delete=models.PROTECT, related_name="topics"
    )
    # A hot topic the committee accepted (recurring complaints, complaints.hot_topics) arrives
    # here on the agenda, linked to it and through it to its requests.
    hot_topic = models.OneToOneField(
        "complaints.HotTopic",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="hall_topic",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["estate", "status"])]
        triggers = [
            pgtrigger.Protect(name="votes_topic_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="votes_topic_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status__in=sorted(TOPIC_FINAL)),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}: {self.title} ({self.status})"


class TopicSupport(models.Model):
    """One account's support of a topic (once: a second one is refused). Append-only."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="supports")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["topic_id", "at"]
        constraints = [
            models.UniqueConstraint(fields=["topic", "user"], name="votes_topic_support_once")
        ]
        triggers = [
            pgtrigger.Protect(
                name="votes_topic_support_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} supports {self.topic_id}"


class Decision(models.Model):
    """A decision the estate adopted, tracked until it is carried out (事事有回音): from a
    published vote that passed or from a topic the committee adopted. Created by the estate's
    committee with an owner (the firm or the committee, and a named person) and a deadline (a
    clock on the deadline engine). Open → done: a firm-owned item is reported done by the firm
    and confirmed by the committee (or sent back); the committee closes its own items. Not the
    disclosure app's `Decision` (the owners' authorisation a ledger line or fund use cites):
    this is its follow-through, and may link such lines (`DecisionLink`). Done is final
    (PostgreSQL refuses a change); never deleted."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    vote = models.ForeignKey(
        Vote, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    topic = models.ForeignKey(
        Topic, null=True, blank=True, on_delete=models.PROTECT, related_name="decisions"
    )
    owner_side = models.CharField(max_length=10, choices=DecisionOwner.choices)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    status = models.CharField(
        max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.OPEN
    )
    created_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["status", "due_on", "-id"]
        indexes = [models.Index(fields=["estate", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(vote__isnull=False) | Q(topic__isnull=False),
                name="votes_decision_has_source",
            ),
            models.UniqueConstraint(
                fields=["vote"], condition=Q(vote__isnull=False), name="votes_decision_vote_once"
            ),
            models.UniqueConstraint(
                fields=["topic"],
                condition=Q(topic__isnull=False),
                name="votes_decision_topic_once",
            ),
        ]
        triggers = [
            pgtrigger.Protect(name="votes_decision_no_delete", operation=pgtrigger.Delete),
            pgtrigger.Protect(
                name="votes_decision_done_final",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__status="done"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}: {self.title} ({self.status})"


class DecisionEntry(models.Model):
    """One line of a decision's timeline: its creation, a progress update, the firm's report,
    the committee's sending back or confirmation, a linked ledger line. `side` is who wrote it
    (firm or committee), as it was at the time. Append-only: PostgreSQL refuses to change or
    delete one."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(max_length=10, choices=DecisionEntryKind.choices)
    side = models.CharField(max_length=10, choices=DecisionOwner.choices)
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["decision_id", "at", "id"]
        triggers = [
            pgtrigger.Protect(
                name="votes_decision_entry_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} {self.kind} {self.at}"


class DecisionLink(models.Model):
    """A ledger line (disclosure.LedgerLine) or a maintenance-fund movement
    (disclosure.FundMovement) of the same estate that carries the decision out. Exactly one of
    the two; each at most once per decision. Append-only."""

    decision = models.ForeignKey(Decision, on_delete=models.PROTECT, related_name="links")
    ledger_line = models.ForeignKey(
        "disclosure.LedgerLine", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    fund_movement = models.ForeignKey(
        "disclosure.FundMovement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    added_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["decision_id", "at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ledger_line__isnull=False, fund_movement__isnull=True)
                | Q(ledger_line__isnull=True, fund_movement__isnull=False),
                name="votes_decision_link_one",
            ),
            models.UniqueConstraint(
                fields=["decision", "ledger_line"], name="votes_decision_line_once"
            ),
            models.UniqueConstraint(
                fields=["decision", "fund_movement"], name="votes_decision_fund_once"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="votes_decision_link_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.decision_id} → {self.ledger_line_id or self.fund_movement_id}"


class DecisionClock(ClockFields):
    """The deadline of a tracked decision on the shared clock engine (`votes.decision`): the
    end of `due_on` in Asia/Shanghai. Paused while a firm's report waits for the committee,
    stopped when done. Yellow tells the owner; red (overdue) the owner and the committee."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="clocks")
    name = models.CharField(max_length=20, default="due")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["decision", "name"], name="votes_one_decision_clock")
        ]
        indexes = [models.Index(fields=["stopped_at", "paused_at", "yellow_at"])]

    def __str__(self) -> str:
        return f"decision clock {self.decision_id}"


class TopicPhoto(models.Model):
    """A photo its author attached when raising a topic (JPG/PNG/WEBP, checked by its bytes).
    Stored through the default storage like complaint photos (the firm's own prefix); served
    only through the topic's endpoint, behind the topic's visibility."""

    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="photos")
    file = models.FileField(upload_to="topics/%Y/%m/")
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.file.name or ""


class TopicHall(models.Model):
    """The committee's settings of its estate's deliberation hall: how many supports put a
    topic on the agenda. Set only by a committee member of the estate (never the firm, whose
    estate settings do not hold it); without a row, `policies.TOPIC_SUPPORT_DEFAULT`."""

    estate = models.OneToOneField("estates.Estate", on_delete=models.PROTECT, related_name="+")
    support_threshold = models.PositiveIntegerField()
    set_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(support_threshold__gte=1),
                name="votes_topic_hall_threshold_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.estate_id}: {self.support_threshold}"
