"""What an archive holds: an ALLOW-LIST of datasets (a model, its rows a reader may see, the
fields kept, the fields masked) and of files. A model that is not listed here is never exported,
so a new model stays out until someone decides it belongs.

Never listed, on purpose (domain.md): survey answers and who answered (`scoring.Ballot`,
`scoring.Participation`) and the firm's key that names them (`scoring.FirmSecret`); vote
ballots, their paper scans and the frozen electorate (`votes.Ballot`, `votes.Elector`) and who
supported a topic (`votes.TopicSupport`): a vote is exported as its published result, which
carries every input `tools/verify_vote.py` needs and never a name next to a choice; each user's
own inbox (`notifications`), who read a notice (`notices.Read`), passwords, invitation and API
tokens, sign-in codes, the outbox and the clocks' internals.

Rows follow what the firm's roles read in the API: the committee's inspection rounds only once
submitted, votes only once announced, hidden topics never. Phones and ID numbers pass through
`estates.selectors.PeopleMasking`, the rule the API and the other exports apply.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db.models import Model, Q, QuerySet

from estates.selectors import PeopleMasking


@dataclass(frozen=True)
class Dataset:
    """`estate`: the lookup from a row to its estate's id (None: firm-wide, never handed over).
    `handover`: part of an estate's records handed to its committee (tenants.offboarding).
    `firm_rows`: the rows the firm reads (a Q), `fields`: only these (default: every column but
    `exclude`); `phones` / `id_numbers`: masked by the reader's PeopleMasking."""

    name: str
    model: str
    estate: str | None
    handover: bool = False
    firm_rows: Q = field(default_factory=Q)
    fields: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    phones: tuple[str, ...] = ()
    id_numbers: tuple[str, ...] = ()

    @property
    def model_class(self) -> type[Model]:
        return apps.get_model(self.model)

    def columns(self) -> list[str]:
        names = [f.attname for f in self.model_class._meta.concrete_fields]
        if self.fields:
            return [n for n in names if n in self.fields]
        return [n for n in names if n not in self.exclude]


SUBMITTED = Q(round__status="submitted")

DATASETS: tuple[Dataset, ...] = (
    # estates and people
    Dataset("estates", "estates.Estate", "id", handover=True),
    Dataset("buildings", "estates.Building", "estate_id", handover=True),
    Dataset("units", "estates.Unit", "estate_id", handover=True),
    Dataset("common_areas", "estates.CommonArea", "estate_id", handover=True),
    Dataset("people", "estates.Person", None, phones=("phone",), id_numbers=("id_number",)),
    Dataset("owner_records", "estates.OwnerRecord", "unit__estate_id"),
    Dataset("occupancies", "estates.Occupancy", "unit__estate_id"),
    Dataset("staff_assignments", "estates.StaffAssignment", "estate_id"),
    Dataset("committee_memberships", "estates.CommitteeMembership", "estate_id", handover=True),
    Dataset("join_requests", "estates.JoinRequest", "estate_id", phones=("phone",)),
    Dataset(
        "users",
        "accounts.User",
        None,
        fields=("id", "email", "full_name", "phone", "is_active", "created_by_id"),
        phones=("phone",),
        firm_rows=Q(platform_user_id__isnull=True),  # support identities are the platform's
    ),
    Dataset(
        "role_grants", "accounts.RoleGrant", None, firm_rows=~Q(role="support")
    ),  # a platform admin's support identity is the platform's, not the firm's
    # complaints (投诉/报修)
    Dataset(
        "service_requests",
        "complaints.ServiceRequest",
        "estate_id",
        handover=True,
        exclude=("client_key",),
        phones=("contact_phone",),
    ),
    Dataset("request_events", "complaints.RequestEvent", "request__estate_id", handover=True),
    Dataset("request_messages", "complaints.RequestMessage", "request__estate_id", handover=True),
    Dataset("request_attachments", "complaints.Attachment", "request__estate_id", handover=True),
    Dataset("escalations", "complaints.Escalation", "request__estate_id", handover=True),
    Dataset("return_visits", "complaints.ReturnVisit", "request__estate_id", handover=True),
    Dataset("hot_topics", "complaints.HotTopic", "estate_id", handover=True),
    Dataset("dispatch_groups", "complaints.DispatchGroup", "estate_id"),
    Dataset("dispatch_rules", "complaints.DispatchRule", "estate_id"),
    Dataset("sla_policies", "complaints.SlaPolicy", "estate_id"),
    # the committee's filings (备案) and roster
    Dataset("committee_filings", "committee.Filing", "estate_id", handover=True),
    Dataset("roster_events", "committee.RosterEvent", "estate_id", handover=True),
    # supervision (业主监督)
    Dataset("inspection_templates", "supervision.Template", "estate_id", handover=True),
    Dataset(
        "template_versions", "supervision.TemplateVersion", "template__estate_id", handover=True
    ),
    Dataset(
        "template_items", "supervision.TemplateItem", "version__template__estate_id", handover=True
    ),
    Dataset("inspection_schedules", "supervision.Schedule", "estate_id", handover=True),
    Dataset(
        "inspection_rounds",
        "supervision.Round",
        "estate_id",
        handover=True,
        firm_rows=Q(status="submitted"),
    ),
    Dataset("inspection_answers", "supervision.Answer", "round__estate_id", True, SUBMITTED),
    Dataset("inspection_photos", "supervision.RoundPhoto", "round__estate_id", True, SUBMITTED),
    Dataset("inspection_addenda", "supervision.Addendum", "round__estate_id", True, SUBMITTED),
    Dataset("inspection_publications", "supervision.Publication", "round__estate_id", True),
    Dataset("rectifications", "supervision.Rectification", "estate_id", handover=True),
    Dataset(
        "rectification_events",
        "supervision.RectificationEvent",
        "rectification__estate_id",
        handover=True,
    ),
    Dataset(
        "rectification_photos",
        "supervision.EvidencePhoto",
        "event__rectification__estate_id",
        handover=True,
    ),
    Dataset("responsibilities", "responsibilities.Revision", "estate_id", handover=True),
    # disclosure (公共收益公示)
    Dataset("ledger_decisions", "disclosure.Decision", "estate_id", handover=True),
    Dataset("ledger_lines", "disclosure.LedgerLine", "estate_id", handover=True),
    Dataset("ledger_attachments", "disclosure.LineAttachment", "line__estate_id", handover=True),
    Dataset("ledger_chains", "disclosure.LedgerChain", "estate_id", handover=True),
    Dataset("split_rules", "disclosure.SplitRule", "estate_id", handover=True),
    Dataset("statements", "disclosure.Statement", "estate_id", handover=True),
    Dataset("statement_queries", "disclosure.StatementQuery", "statement__estate_id", True),
    Dataset("fund_movements", "disclosure.FundMovement", "estate_id", handover=True),
    # notices (公告)
    Dataset("notices", "notices.Notice", "estate_id", handover=True),
    Dataset("notice_retractions", "notices.Retraction", "notice__estate_id", handover=True),
    # scoring (服务评分): surveys and published scores, never an answer
    Dataset("surveys", "scoring.Survey", "estate_id", handover=True),
    Dataset("weight_agreements", "scoring.WeightAgreement", "estate_id", handover=True),
    Dataset("estate_scores", "scoring.EstateScore", "estate_id", handover=True),
    Dataset("score_alerts", "scoring.ScoreAlert", "estate_id", handover=True),
    # votes (业主大会表决): announced votes and their published results, never a ballot
    Dataset("votes", "votes.Vote", "estate_id", handover=True, firm_rows=~Q(status="draft")),
    Dataset("vote_results", "votes.Result", "vote__estate_id", handover=True),
    Dataset(
        "topics",
        "votes.Topic",
        "estate_id",
        handover=True,
        firm_rows=~Q(status="hidden"),
    ),
    Dataset(
        "topic_photos", "votes.TopicPhoto", "topic__estate_id", True, ~Q(topic__status="hidden")
    ),
    Dataset("estate_decisions", "votes.Decision", "estate_id", handover=True),
    Dataset("decision_entries", "votes.DecisionEntry", "decision__estate_id", handover=True),
    Dataset("decision_links", "votes.DecisionLink", "decision__estate_id", handover=True),
)

# The files that go with the rows: (dataset name, file field). Ballot scans and import
# uploads are not among them.
FILES: tuple[tuple[str, str], ...] = (
    ("request_attachments", "file"),
    ("ledger_decisions", "document"),
    ("ledger_attachments", "file"),
    ("inspection_photos", "file"),
    ("rectification_photos", "file"),
    ("topic_photos", "file"),
)

# Never in any archive: checked by tests/exports (a dataset naming one fails).
NEVER = frozenset(
    {
        "scoring.Ballot",
        "scoring.Participation",
        "scoring.FirmSecret",
        "votes.Ballot",
        "votes.Elector",
        "votes.TopicSupport",
        "notifications.Notification",
        "notices.Read",
        "accounts.Invitation",
        "authtoken.Token",
    }
)


def by_name(name: str) -> Dataset:
    return next(d for d in DATASETS if d.name == name)


def rows_of(
    dataset: Dataset, *, estate_id: int | None = None, firm: bool = True
) -> QuerySet[Model]:
    """The dataset's rows: what the firm reads (`firm`), or one estate's (`estate_id`)."""
    qs = dataset.model_class._default_manager.all()  # type: ignore[attr-defined]
    if firm:
        qs = qs.filter(dataset.firm_rows)
    if estate_id is not None:
        if dataset.estate is None:
            return qs.none()  # type: ignore[no-any-return]
        qs = qs.filter(**{dataset.estate: estate_id})
    return qs.order_by("pk")  # type: ignore[no-any-return]


def _cell(value: Any) -> Any:
    """A value as JSON: money and times as text, as the API writes them."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    return value


def records(
    dataset: Dataset, qs: QuerySet[Model], masking: PeopleMasking
) -> Iterator[dict[str, Any]]:
    columns = dataset.columns()
    for values in qs.values_list(*columns).iterator(chunk_size=2000):
        row = {c: _cell(v) for c, v in zip(columns, values, strict=True)}
        for name in dataset.phones:
            if name in row:
                row[name] = masking.phone(row[name] or "")
        for name in dataset.id_numbers:
            if name in row:
                row[name] = masking.id_number(row[name] or "")
        yield row


def render(dataset: Dataset, rows: list[dict[str, Any]]) -> tuple[bytes, bytes]:
    """The dataset as CSV (UTF-8 with BOM, for Excel; nested values as JSON text) and JSON."""
    columns = dataset.columns()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(
            [
                json.dumps(row[c], ensure_ascii=False)
                if isinstance(row[c], dict | list)
                else row[c]
                for c in columns
            ]
        )
    as_json = json.dumps(rows, ensure_ascii=False, indent=1, sort_keys=True)
    return out.getvalue().encode("utf-8"), as_json.encode("utf-8")
