"""A confirmed filing for demo data and test casts: the same path as a real one (the filing
goes into the platform's queue and a confirmation seats the members), without the form."""

from __future__ import annotations

import base64
from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import User
from core.db import current_schema
from estates.models import Estate
from tenants.choices import FiledBy
from tenants.models import CommitteeFiling, Firm

from .models import Filing
from .services import filing_confirm

# a 1x1 white PNG: stands in for the scanned receipt
RECEIPT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"
)


@transaction.atomic
def seed_confirmed_filing(
    *,
    estate: Estate,
    members: list[tuple[str, str, str]],
    number: str,
    term_start: date,
    term_end: date,
    reviewer: User | None = None,
) -> Filing:
    """File and confirm a committee for `estate` (call inside the firm's schema). `members`:
    (e-mail, name as filed, position); a new address gets an account and an invitation."""
    firm = Firm.all_objects.get(schema_name=current_schema())
    election = term_start - timedelta(days=7)
    with schema_context("public"):
        filing = CommitteeFiling(
            firm=firm,
            estate_id=estate.pk,
            estate_name=estate.name,
            number=number,
            street_authority="街道办事处",
            housing_authority="区住房和城乡建设委员会",
            election_date=election,
            filed_on=min(election + timedelta(days=10), timezone.localdate()),
            term_start=term_start,
            term_end=term_end,
            members=[
                {"full_name": name, "email": email.lower(), "position": position}
                for email, name, position in members
            ],
            receipt_type="image/png",
            submitted_by_id=0,  # not filed through the form
            submitted_by_name=members[0][1],
            submitted_as=FiledBy.OWNER,
        )
        filing.receipt.save("receipt.png", ContentFile(RECEIPT_PNG), save=False)
        filing.save()
    filing_confirm(filing_id=filing.pk, by=reviewer)
    return Filing.objects.get(public_id=filing.pk)
