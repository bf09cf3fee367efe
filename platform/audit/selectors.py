"""The firm's audit log: one timeline of who changed what.

It merges the append-only event tables of the audited models (`core.history.audited`: users,
role grants, estates and their settings, buildings, units, people, staff assignments, SLA
policies, dispatch groups, their members and rules) with the firm's support-access requests
(tenants.SupportGrant, public schema, never deleted). `heads` is one SQL UNION, filtered,
ordered and paginated in the database; `entries` turns one page of it into what a reader sees:
when, who (name and roles at the time), what (kind and label), the action and the changed
fields before and after.

Who reads what (`reader_for`):
- a firm admin: the whole firm;
- an auditor: the events of the estates of their auditor grants, made within each grant's
  dates (its time box); nothing firm-wide (users, people, support access);
- anybody else: nothing (the API answers 403).

People's phones and ID numbers are always masked in the log (`estates.selectors.PeopleMasking`
with neither full right): the log says that a number changed, never the number."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import connection
from django.db.models import (
    BigIntegerField,
    Case,
    CharField,
    DateTimeField,
    F,
    Model,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce, Now
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from accounts.selectors import active_grants
from core.db import current_schema
from estates.models import Estate
from estates.selectors import PeopleMasking
from tenants.choices import SupportStatus
from tenants.models import Firm, SupportGrant

MASKING = PeopleMasking(full_contact=False, full_id_number=False)
MASKED_FIELDS: dict[str, Callable[[str], str]] = {
    "phone": MASKING.phone,
    "id_number": MASKING.id_number,
}
# never shown, even as "changed": the row's own id and pghistory's columns
HIDDEN_FIELDS = {"id"}

ACTIONS = {"insert": "created", "update": "changed", "delete": "deleted"}
SUPPORT_KIND = "support_access"


def _text(value: Any) -> str:
    return "" if value is None else str(value)


@dataclass(frozen=True)
class Kind:
    """One audited record kind: its event model, the column naming its estate (None: firm-wide,
    admins only) or an expression finding it (`estate_of`, for rows that carry no estate), and
    how to name one version of it."""

    key: str
    event_model: str
    estate: str | None
    label: Callable[[Mapping[str, Any], Mapping[int, str]], str]
    estate_of: Callable[[], Any] | None = None

    def model(self) -> Any:
        return apps.get_model(self.event_model)


def _group_estate() -> Any:
    """A dispatch group member's estate: its group's, as the group's own events recorded it at
    that moment (a deleted group still has them), else the group's current row (a group made
    before the audit log existed has no event)."""
    from complaints.models import DispatchGroup

    events = apps.get_model("complaints.DispatchGroupEvent")  # made by pghistory
    recorded = events.objects.filter(
        pgh_obj_id=OuterRef("dispatchgroup_id"), pgh_created_at__lte=OuterRef("pgh_created_at")
    ).order_by("-pgh_created_at", "-pgh_id")
    current = DispatchGroup.objects.filter(pk=OuterRef("dispatchgroup_id"))
    return Coalesce(
        Subquery(recorded.values("estate_id")[:1]),
        Subquery(current.values("estate_id")[:1]),
    )


def _role(value: Any) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return _text(value)


MEMBER_KIND = "dispatch_group_member"
MEMBER_ESTATE = "group_estate"  # the annotation `_group_estate` fills

KINDS: dict[str, Kind] = {
    k.key: k
    for k in (
        Kind("user", "accounts.UserEvent", None, lambda d, n: d["full_name"] or d["email"]),
        Kind(
            "role_grant",
            "accounts.RoleGrantEvent",
            "estate_id",
            lambda d, n: f"{n.get(d['user_id'], d['user_id'])} · {_role(d['role'])}",
        ),
        Kind("estate", "estates.EstateEvent", "pgh_obj_id", lambda d, n: _text(d["name"])),
        Kind("building", "estates.BuildingEvent", "estate_id", lambda d, n: _text(d["name"])),
        Kind("unit", "estates.UnitEvent", "estate_id", lambda d, n: _text(d["number"])),
        Kind("person", "estates.PersonEvent", None, lambda d, n: _text(d["full_name"])),
        Kind(
            "staff_assignment",
            "estates.StaffAssignmentEvent",
            "estate_id",
            lambda d, n: f"{n.get(d['user_id'], d['user_id'])} · {_role(d['role'])}",
        ),
        Kind(
            "sla_policy",
            "complaints.SlaPolicyEvent",
            "estate_id",
            lambda d, n: f"{d['category'] or '*'} / {d['urgency'] or '*'}",
        ),
        Kind(
            "dispatch_group",
            "complaints.DispatchGroupEvent",
            "estate_id",
            lambda d, n: _text(d["name"]),
        ),
        Kind(
            "dispatch_rule",
            "complaints.DispatchRuleEvent",
            "estate_id",
            lambda d, n: _text(d["category"]),
        ),
        # DispatchGroup.members: a member added (created) or removed (deleted)
        Kind(
            MEMBER_KIND,
            "audit.DispatchGroupMemberEvent",
            MEMBER_ESTATE,
            lambda d, n: _text(n.get(d["user_id"], d["user_id"])),
            estate_of=_group_estate,
        ),
    )
}
KIND_KEYS = (*KINDS, SUPPORT_KIND)


@dataclass(frozen=True)
class Reader:
    """What one reader may see: the whole firm, or estates each within a time box."""

    whole_firm: bool
    boxes: tuple[tuple[int, date | None, date | None], ...] = ()


def reader_for(*, user: User) -> Reader | None:
    """None: this user reads no audit log (the API answers 403)."""
    grants = active_grants(user=user)
    if any(g.role == Role.FIRM_ADMIN for g in grants):
        return Reader(whole_firm=True)
    boxes = tuple(
        (g.estate_id, g.starts_on, g.ends_on)
        for g in grants
        if g.role == Role.AUDITOR and g.estate_id
    )
    return Reader(whole_firm=False, boxes=boxes) if boxes else None


@dataclass(frozen=True)
class LogFilter:
    """The reader's filters (each optional): estate, acting user, record kind, dates
    (inclusive, in the firm's time zone)."""

    estate: int | None = None
    actor: int | None = None
    kind: str | None = None
    since: date | None = None
    until: date | None = None


COLUMNS = ("a_kind", "a_ref", "a_at", "a_action", "a_actor", "a_actor_name", "a_estate")


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _dates(at: str, f: LogFilter) -> Q:
    """The days as a range of instants (the firm's midnights): the same rows as `__date`, but
    an index on `at` serves it."""
    q = Q()
    if f.since:
        q &= Q(**{f"{at}__gte": _day_start(f.since)})
    if f.until:
        q &= Q(**{f"{at}__lt": _day_start(f.until + timedelta(days=1))})
    return q


def _event_heads(kind: Kind, *, reader: Reader, f: LogFilter) -> QuerySet[Any] | None:
    if kind.estate is None and (not reader.whole_firm or f.estate is not None):
        return None
    qs = kind.model().objects.all()
    if kind.estate_of is not None:
        assert kind.estate is not None
        qs = qs.annotate(**{kind.estate: kind.estate_of()})
    if not reader.whole_firm:
        assert kind.estate is not None
        box = Q(pk__in=[])
        for estate_id, starts, ends in reader.boxes:
            one = Q(**{kind.estate: estate_id})
            one &= _dates("pgh_created_at", LogFilter(since=starts, until=ends))
            box |= one
        qs = qs.filter(box)
    if f.estate is not None:
        assert kind.estate is not None
        qs = qs.filter(**{kind.estate: f.estate})
    qs = qs.filter(_dates("pgh_created_at", f))
    estate: Any = F(kind.estate) if kind.estate else Value(None, BigIntegerField())
    qs = qs.annotate(
        a_kind=Value(kind.key, CharField()),
        a_ref=F("pgh_id"),
        a_at=F("pgh_created_at"),
        a_action=Cast("pgh_label", CharField()),
        # the acting user only when they are this firm's user (see audit.context)
        a_actor=Case(
            When(
                Q(pgh_context__user_schema=current_schema()),
                then=Cast(KeyTextTransform("user", "pgh_context"), BigIntegerField()),
            ),
            default=Value(None, BigIntegerField()),
        ),
        a_actor_name=Value(None, CharField()),
        a_estate=Cast(estate, BigIntegerField()),
    )
    if f.actor is not None:  # as `a_actor`, written so the `_actor` GIN index serves it
        qs = qs.filter(pgh_context__contains={"user": f.actor, "user_schema": current_schema()})
    return qs.values(*COLUMNS)


def _support_heads(*, firm: Firm, f: LogFilter) -> list[QuerySet[Any]]:
    """Each support request is up to four moments: asked (by a platform admin), granted or
    declined, revoked (by a firm admin), run out (nobody)."""
    base = SupportGrant.objects.filter(firm=firm)
    none_id = Value(None, BigIntegerField())
    moments: list[tuple[str, Q, Any, Any, Any]] = [
        ("created_at", Q(), Value("requested"), none_id, F("requested_by_email")),
        (
            "decided_at",
            Q(decided_at__isnull=False),
            Case(
                When(status=SupportStatus.DECLINED, then=Value("declined")),
                default=Value("granted"),
            ),
            # who granted it stays when it is revoked (grants revoked before revoked_by
            # existed have no granter unless a pre-approval granted them)
            F("decided_by_id"),
            F("decided_by_name"),
        ),
        (
            "revoked_at",
            Q(revoked_at__isnull=False),
            Value("revoked"),
            F("revoked_by_id"),
            F("revoked_by_name"),
        ),
        (
            "expires_at",
            Q(expires_at__lte=Now(), revoked_at__isnull=True, status=SupportStatus.ACTIVE),
            Value("expired"),
            none_id,
            Value(""),
        ),
    ]
    out = []
    for at, when, action, actor, actor_name in moments:
        qs = (
            base.filter(when)
            .filter(_dates(at, f))
            .annotate(
                a_kind=Value(SUPPORT_KIND, CharField()),
                a_ref=F("id"),
                a_at=Cast(F(at), DateTimeField()),
                a_action=Cast(action, CharField()),
                a_actor=Cast(actor, BigIntegerField()),
                a_actor_name=Cast(actor_name, CharField()),
                a_estate=Value(None, BigIntegerField()),
            )
        )
        if f.actor is not None:
            qs = qs.filter(a_actor=f.actor)
        out.append(qs.values(*COLUMNS))
    return out


ORDER = ("-a_at", "-a_kind", "-a_ref", "-a_action")


class Log:
    """The log's rows (kind, ref, at, action, actor, actor_name, estate), newest first, as a
    sequence a paginator slices. One UNION ALL of a part per event table (and per support
    moment), but sliced with care for size: for rows [start, stop) every part brings only its
    own first `stop` rows in the order its `_at` / `_estate` index keeps them (time, id; within
    a part the kind is fixed and the id unique, so that is the log's order), and the union sorts
    at most parts x stop rows instead of the whole log. `count()` is one statement adding up
    each part's count of its filtered rows (no sort, no projection)."""

    def __init__(self, parts: Sequence[QuerySet[Any]]) -> None:
        self.parts = list(parts)

    def count_statement(self) -> tuple[str, list[Any]]:
        sqls: list[str] = []
        params: list[Any] = []
        for part in self.parts:
            sql, args = part.order_by().values(one=Value(1)).query.sql_with_params()
            # Django's compiled SQL, its parameters kept apart
            sqls.append(f"(SELECT count(*) FROM ({sql}) q)")  # noqa: S608
            params.extend(args)
        return "SELECT " + " + ".join(sqls), params

    def count(self) -> int:
        if not self.parts:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(*self.count_statement())
            row = cursor.fetchone()
        return int(row[0]) if row else 0

    def __len__(self) -> int:
        return self.count()

    def rows(self, start: int, stop: int | None) -> QuerySet[Any]:
        """The query of rows [start, stop)."""
        if len(self.parts) == 1:
            return self.parts[0].order_by(*ORDER)[start:stop]
        parts = [p.order_by("-a_at", "-a_ref") for p in self.parts]
        if stop is not None:
            parts = [p[:stop] for p in parts]
        first, *rest = parts
        return first.union(*rest, all=True).order_by(*ORDER)[start:stop]

    def __getitem__(self, key: slice) -> list[dict[str, Any]]:
        if not isinstance(key, slice) or key.step not in (None, 1):
            raise TypeError("the audit log is read in slices")
        start, stop = key.start or 0, key.stop
        if not self.parts or (stop is not None and stop <= start):
            return []
        return list(self.rows(start, stop))


def heads(*, reader: Reader, firm: Firm, f: LogFilter) -> Log:
    """The log's rows the reader may see with these filters, newest first (`Log`), to be
    sliced into pages."""
    parts: list[QuerySet[Any]] = []
    for kind in KINDS.values():
        if f.kind in (None, kind.key):
            qs = _event_heads(kind, reader=reader, f=f)
            if qs is not None:
                parts.append(qs)
    if reader.whole_firm and f.kind in (None, SUPPORT_KIND) and f.estate is None:
        parts.extend(_support_heads(firm=firm, f=f))
    return Log(parts)


# --- a page of rows, as the reader sees it ---------------------------------------------------


@dataclass
class Change:
    field: str
    before: str | None
    after: str | None


@dataclass
class Entry:
    key: str  # stable within the log: kind, row, action
    at: datetime
    kind: str
    object_id: int | None
    label: str
    action: str
    source: str  # api | task | system | platform
    actor_id: int | None
    actor_name: str
    actor_roles: list[str]
    request_id: str
    task: str
    estate_id: int | None
    estate_name: str
    support_grant: int | None = None  # made by the platform's staff under this support grant
    changes: list[Change] = field(default_factory=list)


def _show(name: str, value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    text = str(value)
    mask = MASKED_FIELDS.get(name)
    return mask(text) if mask and text else text


def _flat(name: str, value: Any) -> dict[str, Any]:
    """A JSON object (an estate's settings) as one value per dotted path."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, sub in value.items():
            out.update(_flat(f"{name}.{key}", sub))
        return out
    return {name: value}


def _snapshot(event: Model, names: Sequence[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in names:
        out.update(_flat(name, getattr(event, name)))
    return out


def _changes(action: str, now: dict[str, Any], before: dict[str, Any] | None) -> list[Change]:
    keys = [k for k in now if k.split(".")[0] not in HIDDEN_FIELDS]
    if action == "deleted":
        return [Change(k, _show(k, now[k]), None) for k in keys if now[k] not in (None, "")]
    if before is None:  # created, or the first version the log knows of
        return [Change(k, None, _show(k, now[k])) for k in keys if now[k] not in (None, "")]
    keys += [k for k in before if k not in now and k.split(".")[0] not in HIDDEN_FIELDS]
    return [
        Change(k, _show(k, before.get(k)), _show(k, now.get(k)))
        for k in keys
        if before.get(k) != now.get(k)
    ]


def _tracked_names(model: type[Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not f.name.startswith("pgh_")]


def _group_names(ids: set[int]) -> dict[int, str]:
    """Dispatch groups' names, deleted ones too (their last recorded version)."""
    if not ids:
        return {}
    from complaints.models import DispatchGroup

    events = apps.get_model("complaints.DispatchGroupEvent")  # made by pghistory
    names = dict(
        events.objects.filter(pgh_obj_id__in=ids)
        .order_by("pgh_obj_id", "-pgh_id")
        .distinct("pgh_obj_id")
        .values_list("pgh_obj_id", "name")
    )
    names.update(DispatchGroup.objects.filter(pk__in=ids).values_list("pk", "name"))
    return names


def entries(rows: Iterable[Mapping[str, Any]]) -> list[Entry]:
    """One page of `heads` as the reader sees it (a few queries per page, none per row)."""
    rows = list(rows)
    events: dict[tuple[str, int], Any] = {}
    befores: dict[tuple[str, int], dict[str, Any]] = {}
    names_of: dict[str, list[str]] = {}
    for key, kind in KINDS.items():
        ids = [r["a_ref"] for r in rows if r["a_kind"] == key]
        if not ids:
            continue
        model = kind.model()
        names_of[key] = _tracked_names(model)
        previous = model.objects.filter(
            pgh_obj_id=OuterRef("pgh_obj_id"), pgh_id__lt=OuterRef("pgh_id")
        ).order_by("-pgh_id")
        found = model.objects.filter(pgh_id__in=ids).annotate(
            prev_id=Subquery(previous.values("pgh_id")[:1])
        )
        prev_ids = {}
        for event in found:
            events[(key, event.pgh_id)] = event
            if event.prev_id:
                prev_ids[event.prev_id] = event.pgh_id
        for prev in model.objects.filter(pgh_id__in=list(prev_ids)):
            befores[(key, prev_ids[prev.pgh_id])] = _snapshot(prev, names_of[key])
    support = {
        g.pk: g
        for g in SupportGrant.objects.filter(
            pk__in=[r["a_ref"] for r in rows if r["a_kind"] == SUPPORT_KIND]
        )
    }
    user_ids = {r["a_actor"] for r in rows if r["a_actor"] and r["a_kind"] != SUPPORT_KIND}
    for (key, _), event in events.items():
        if key in ("role_grant", "staff_assignment", MEMBER_KIND):
            user_ids.add(event.user_id)
    groups = _group_names(
        {e.dispatchgroup_id for (key, _), e in events.items() if key == MEMBER_KIND}
    )
    names = {u.pk: u.full_name or u.email for u in User.objects.filter(pk__in=user_ids)}
    estate_names = dict(
        Estate.objects.filter(pk__in={r["a_estate"] for r in rows if r["a_estate"]}).values_list(
            "pk", "name"
        )
    )
    out = []
    for r in rows:
        kind_key, ref, action = r["a_kind"], r["a_ref"], r["a_action"]
        entry = Entry(
            key=f"{kind_key}:{ref}:{action}",
            at=r["a_at"],
            kind=kind_key,
            object_id=None,
            label="",
            action=ACTIONS.get(action, action),
            source="system",
            actor_id=r["a_actor"],
            actor_name=r["a_actor_name"] or "",
            actor_roles=[],
            request_id="",
            task="",
            estate_id=r["a_estate"],
            estate_name=estate_names.get(r["a_estate"], ""),
        )
        if kind_key == SUPPORT_KIND:
            grant = support.get(ref)
            entry.object_id = ref
            entry.source = "platform" if action == "requested" else "api"
            if action == "expired":
                entry.source = "system"
            if grant is not None:
                entry.label = grant.reason[:80]
                if action == "requested":
                    entry.changes = [
                        Change("reason", None, grant.reason),
                        Change("hours", None, str(grant.hours)),
                    ]
        else:
            event = events.get((kind_key, ref))
            if event is None:
                continue
            snapshot = _snapshot(event, names_of[kind_key])
            context = event.pgh_context or {}
            entry.object_id = event.pgh_obj_id
            entry.label = KINDS[kind_key].label(snapshot, names)
            entry.source = str(context.get("source") or "system")
            if context.get("user") is not None and entry.actor_id is None:
                entry.source = "platform"  # a user of another schema: the platform's staff
            entry.actor_roles = [str(x) for x in context.get("roles") or []]
            entry.request_id = str(context.get("request_id") or "")
            entry.task = str(context.get("task") or "")
            grant_id = context.get("support_grant")
            entry.support_grant = int(grant_id) if grant_id else None
            entry.changes = _changes(entry.action, snapshot, befores.get((kind_key, ref)))
            if kind_key == MEMBER_KIND:  # the group is the record; the member is what changed
                group = event.dispatchgroup_id
                member = names.get(event.user_id, f"#{event.user_id}")
                entry.object_id = group
                entry.label = groups.get(group, f"#{group}")
                gone = entry.action == "deleted"
                entry.changes = [
                    Change("member", member if gone else None, None if gone else member)
                ]
        if entry.actor_id and not entry.actor_name:
            entry.actor_name = names.get(entry.actor_id, f"#{entry.actor_id}")
        out.append(entry)
    return out
