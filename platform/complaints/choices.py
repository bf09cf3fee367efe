from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    REPAIR = "repair", _("Repair")
    SUGGESTION = "suggestion", _("Suggestion")


class Category(models.TextChoices):
    REPAIR = "repair", _("Repair")
    CLEANING = "cleaning", _("Cleaning")
    SECURITY = "security", _("Security")
    GREENING = "greening", _("Greening")
    PARKING = "parking", _("Parking")
    NOISE = "noise", _("Noise")
    FEES = "fees", _("Fees")
    OTHER = "other", _("Other")


class Urgency(models.TextChoices):
    EMERGENCY = "emergency", _("Emergency")
    NORMAL = "normal", _("Normal")


class Channel(models.TextChoices):
    APP = "app", _("App")
    WEB = "web", _("Web")
    PHONE = "phone", _("Phone")
    FRONT_DESK = "front_desk", _("Front desk")
    WALK_IN = "walk_in", _("Walk-in")
    PAPER = "paper", _("Paper")
    WECHAT = "wechat", _("WeChat")
    SYSTEM = "system", _("System")  # the machine's own steps: dispatch, auto-close, escalation


class HotTopicStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


# The channels people use; "system" is the machine's own and never accepted as input.
PEOPLE_CHANNELS = [(value, label) for value, label in Channel.choices if value != Channel.SYSTEM]


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    IN_PROGRESS = "in_progress", _("In progress")
    DEFERRED = "deferred", _("Deferred")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    REOPENED = "reopened", _("Reopened")


class ClockKind(models.TextChoices):
    RESPONSE = "response", _("Response")
    PLAN = "plan", _("Plan")
    RESOLUTION = "resolution", _("Resolution")


class ClockState(models.TextChoices):
    """How a clock reads on screen: running or paused, or stopped and then met, missed, or
    stopped for a reason that leaves nothing to judge (a rejection)."""

    RUNNING = "running", _("Running")
    PAUSED = "paused", _("Paused")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")
    STOPPED = "stopped", _("Stopped")


class StopReason(models.TextChoices):
    """Why a clock stopped before its work was done (blank: it ran to its end)."""

    REJECTED = "rejected", _("Rejected")


class Colour(models.TextChoices):
    GREEN = "green", _("Green")
    YELLOW = "yellow", _("Yellow")
    RED = "red", _("Red")


class RatingTag(models.TextChoices):
    SLOW = "slow", _("Slow")
    POOR_QUALITY = "poor_quality", _("Poor quality")
    RUDE = "rude", _("Rude")
    NOT_FIXED = "not_fixed", _("Not fixed")
    NO_UPDATE = "no_update", _("No updates")
    GOOD = "good", _("Good service")
