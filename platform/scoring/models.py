"""Surveys, ballots (what was answered) apart from participations (who answered), weights
signed by both sides, and published scores (append-only). See apps.py for the whole picture."""

from __future__ import annotations

import pgtrigger
from django.conf import settings
from django.db import models

from deadlines.models import ClockFields

from .choices import AlertKind, Channel, Side, SurveyStatus, Voice


class FirmSecret(models.Model):
    """The firm's own key for the HMAC that names a ballot (one row; each firm has its own
    schema, so its own key). Never served by the API."""

    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"secret {self.pk}"


class Survey(models.Model):
    """A satisfaction survey of one estate for one period, drafted by the firm from the
    template; the committee opens and closes it."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.CASCADE, related_name="+")
    title = models.CharField(max_length=100)
    period_start = models.DateField()
    period_end = models.DateField()
    status = models.CharField(
        max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    last_reminder_at = models.DateTimeField(null=True, blank=True)
    reminders_sent = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period_start", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "period_start"], name="scoring_survey_one_per_period"
            )
        ]

    def __str__(self) -> str:
        return self.title


class Ballot(models.Model):
    """What one household answered: one per unit and survey. `voter` is
    HMAC-SHA256(firm secret, "survey:unit"), so this table names neither the unit nor the
    person; `building_id` is kept for the per-building aggregates (never shown below 5)."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="ballots")
    voter = models.CharField(max_length=64)
    building_id = models.BigIntegerField()
    voice = models.CharField(max_length=10, choices=Voice.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    overall = models.PositiveSmallIntegerField()
    cleaning = models.PositiveSmallIntegerField()
    security = models.PositiveSmallIntegerField()
    greening = models.PositiveSmallIntegerField()
    repairs = models.PositiveSmallIntegerField()
    service = models.PositiveSmallIntegerField()
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "voter"], name="scoring_ballot_one_per_unit")
        ]
        indexes = [models.Index(fields=["survey", "building_id"])]

    def __str__(self) -> str:
        return f"ballot {self.pk}"


class Participation(models.Model):
    """Who answered for which unit (an account online, or the committee member who entered a
    paper form): for one voice per unit, response rates and reminders. Holds no answer."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="participations")
    unit = models.ForeignKey("estates.Unit", on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    voice = models.CharField(max_length=10, choices=Voice.choices)
    channel = models.CharField(max_length=10, choices=Channel.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "unit", "user", "channel"],
                name="scoring_participation_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.survey_id}:{self.unit_id}"


class WeightAgreement(models.Model):
    """A weight set for one estate, proposed by one side; in force once both signed (the
    latest agreed one). Until then the platform default (method.DEFAULT_WEIGHTS) applies."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.CASCADE, related_name="+")
    weights = models.JSONField()
    proposed_by_side = models.CharField(max_length=10, choices=Side.choices)
    firm_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    firm_signed_at = models.DateTimeField(null=True, blank=True)
    committee_signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    committee_signed_at = models.DateTimeField(null=True, blank=True)
    agreed_at = models.DateTimeField(null=True, blank=True)
    superseded = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"weights {self.estate_id}"


class EstateScore(models.Model):
    """A published estate score: the method version, the weights and where they came from, and
    every input with the counts behind it. Append-only: PostgreSQL refuses UPDATE and DELETE."""

    estate = models.ForeignKey(
        "estates.Estate", on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    survey = models.OneToOneField(
        Survey, on_delete=models.DO_NOTHING, db_constraint=False, related_name="score"
    )
    period_start = models.DateField()
    period_end = models.DateField()
    method_version = models.CharField(max_length=10)
    weights = models.JSONField()
    weights_source = models.CharField(max_length=10)  # "agreed" | "default"
    weights_agreement_id = models.BigIntegerField(null=True, blank=True)
    supervision_included = models.BooleanField()
    inputs = models.JSONField()
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True)
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-period_end", "-id"]
        indexes = [models.Index(fields=["estate", "period_end"])]
        triggers = [
            pgtrigger.Protect(
                name="scoring_estate_score_append_only",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self) -> str:
        return f"{self.estate_id} {self.period_start}: {self.score}"


class ScoreAlert(models.Model):
    """A threshold crossed: an improvement-plan task for the firm (visible to the committee,
    `due_on` its deadline) or a re-tendering flag for the committee. Unique per estate, kind
    and the score or year that raised it, so each fires once.

    An improvement plan is done in two steps, as a rectification is: the firm, which does the
    work, reports it done with what it did (`reported_*`, which stops the deadline); the
    estate's committee, which judges the firm, confirms it (`done_*`) or sends it back."""

    estate = models.ForeignKey("estates.Estate", on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    key = models.CharField(max_length=40)  # the score id, or the year
    figures = models.JSONField()
    created_at = models.DateTimeField()
    due_on = models.DateField(null=True, blank=True)
    reported_at = models.DateTimeField(null=True, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    report_note = models.TextField(blank=True, default="")
    returned_note = models.TextField(blank=True, default="")
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["estate", "kind", "key"], name="scoring_alert_once")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.estate_id}"


class PlanClock(ClockFields):
    """The firm's deadline for an improvement plan, on the shared clock engine
    (`scoring.plan`, default 30 days): yellow and red notify the firm and the committee."""

    alert = models.ForeignKey(ScoreAlert, on_delete=models.CASCADE, related_name="clocks")
    name = models.CharField(max_length=20, default="plan")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["alert", "name"], name="scoring_one_plan_clock")
        ]
        indexes = [models.Index(fields=["stopped_at", "paused_at", "yellow_at"])]

    def __str__(self) -> str:
        return f"plan clock {self.alert_id}"
