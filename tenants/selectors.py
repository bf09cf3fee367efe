"""Reads about firms (public schema)."""

from __future__ import annotations

from typing import IO

from django.core.files.storage import default_storage
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from .exceptions import OffboardingNotFound
from .models import Firm, Offboarding
from .policies import slug_problem


def firm_list(*, search: str = "") -> QuerySet[Firm]:
    qs = Firm.all_objects.exclude(schema_name="public").prefetch_related("domains")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(slug__icontains=search))
    return qs.order_by("-created_at")


def slug_availability(*, slug: str) -> tuple[bool, str]:
    if problem := slug_problem(slug):
        return False, problem
    firm = Firm.all_objects.filter(slug=slug).first()
    if firm is not None and firm.provisioning_status != "failed":
        return False, _("该地址已被占用。")
    return True, ""


def offboarding_of(*, firm: Firm) -> Offboarding:
    """The firm's offboarding (and its deletion, if any). Raises OffboardingNotFound (404)."""
    found = Offboarding.objects.select_related("deletion").filter(firm=firm).first()
    if found is None:
        raise OffboardingNotFound()
    return found


def offboarding_archive(
    *, offboarding: Offboarding, estate_id: int | None
) -> tuple[str, IO[bytes]]:
    """An offboarding archive opened from the platform's storage: the firm-wide one (`estate_id`
    None) or the estate's handover. Raises OffboardingNotFound (404) for an estate without one."""
    if estate_id is None:
        facts = offboarding.firm_archive
    else:
        facts = next((h for h in offboarding.handovers if h["estate_id"] == estate_id), {})
    if not facts:
        raise OffboardingNotFound()
    with schema_context("public"):
        stream = default_storage.open(facts["name"], "rb")
    return str(facts["name"]).rsplit("/", 1)[-1], stream
