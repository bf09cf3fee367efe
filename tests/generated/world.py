"""The world the generated suites run in, built once per module inside a transaction that is
rolled back when the module ends (nothing of it outlives the module).

Firm A (the cast's `firm-a`) gets two estates of its own: INSIDE1 (estate "B" of the issue:
the one the scoped users work on, sit on or live in) and OUTSIDE1 (estate "A": same firm,
out of their scope). Firm B (the cast's `firm-b`) gets FOREIGN1 with the same shape; its
sequences are moved past firm A's largest ids first, so every firm-B object used as "other"
has an id that exists only in firm B (while firm B's older rows share ids with firm A's).

Names carry markers: everything of OUTSIDE1 says OUTSIDE, everything of firm B says FOREIGN,
and what a resident of INSIDE1 must not see of their neighbours says NEIGHBOUR. A response that
contains a marker its reader may not see is a leak, whatever the endpoint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.conftest import Cast

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 200
PASSWORD = "Gen#Matrix-2026"
# estate tag -> (firm, the part of e-mails and names that marks it)
TAGS = {"in": "INSIDE", "out": "OUTSIDE", "other": "FOREIGN"}
ROLES = ("admin", "manager", "staff", "committee", "resident")


@dataclass
class Actor:
    key: str
    email: str
    user_id: int
    token: str = ""


@dataclass
class World:
    host: str  # firm A's host: every request of the suites goes there
    other_host: str
    schema: str
    other_schema: str
    actors: dict[str, Actor] = field(default_factory=dict)  # role -> the acting user
    # kind -> {"in": id, "out": id, "other": id}; kinds listed in the access table
    ids: dict[str, dict[str, Any]] = field(default_factory=dict)
    notifications: dict[str, int] = field(default_factory=dict)  # role -> own notification


def _bump_sequences(schema_from: str, schema_to: str) -> None:
    """Move every id sequence of `schema_to` past the largest id of the same table in
    `schema_from`: what is created next in `schema_to` has ids `schema_from` does not have."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT table_name FROM information_schema.columns
            WHERE table_schema = %s AND column_name = 'id'
              AND (column_default LIKE 'nextval%%' OR is_identity = 'YES')
            """,
            [schema_to],
        )
        tables = [row[0] for row in cursor.fetchall()]
        for table in tables:
            cursor.execute("SELECT to_regclass(%s)", [f'"{schema_from}"."{table}"'])
            if cursor.fetchone()[0] is None:
                continue
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{schema_from}"."{table}"')
            top = int(cursor.fetchone()[0])
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence(%s, 'id'), "
                "GREATEST(%s, (SELECT COALESCE(MAX(id), 0) FROM "
                f'"{schema_to}"."{table}")) + 1, false)',
                [f'"{schema_to}"."{table}"', top + 1000],
            )


def _estate(tag: str, slug: str) -> dict[str, Any]:
    """One estate with its people, configuration and requests in every state. Runs in the
    firm's schema."""
    from accounts.models import User
    from accounts.services import invitation_issue, password_set, token_issue, user_create
    from complaints import services as complaints
    from complaints.models import DispatchRule, Escalation, HotTopic, SlaPolicy
    from complaints.uploads import Upload
    from estates import services as estates
    from estates.importing import import_preview, import_template_xlsx
    from estates.models import Estate, JoinRequest
    from notifications.services import notify

    low = tag.lower()
    today = timezone.localdate()
    now = timezone.now()
    users: dict[str, User] = {}
    for key, role in (
        ("manager", "manager"),
        ("staff", "staff"),
        ("committee", "committee"),
        ("resident", "resident"),
        ("candidate", "committee"),  # a committee account not yet seated anywhere
        ("staff2", "staff"),  # staff not yet assigned anywhere
    ):
        user = user_create(
            email=f"{low}-{key}@{slug}.test", role=role, full_name=f"{tag} {key}", phone=""
        )
        password_set(user=user, password=PASSWORD)
        users[key] = user
    invitee = user_create(email=f"{low}-invitee@{slug}.test", role="staff", full_name=f"{tag} 新人")
    link = invitation_issue(
        user=invitee, invited_by=None, base_url=f"http://{slug}.localhost", firm_name=tag
    )
    estate = estates.estate_create(
        by=None, name=f"{tag} 花园", code=f"{tag}1", city="上海", district="浦东新区"
    )
    building = estates.building_create(estate=estate, name=f"{tag}楼", floors=9)
    unit1 = estates.unit_create(building=building, number="101", floor=1, area=Decimal("88.00"))
    unit2 = estates.unit_create(building=building, number="102", floor=1, area=Decimal("66.00"))
    empty_unit = estates.unit_create(building=building, number="808", floor=8, area=Decimal("9"))
    empty_building = estates.building_create(estate=estate, name=f"{tag}空楼", floors=1)
    area = estates.common_area_create(estate=estate, name=f"{tag} 花园广场")
    staffing = estates.staff_assign(estate=estate, user=users["staff"], role="staff", by=None)
    estates.staff_assign(estate=estate, user=users["manager"], role="manager", by=None)
    from committee.demo import seed_confirmed_filing

    filing = seed_confirmed_filing(
        estate=estate,
        members=[(users["committee"].email, users["committee"].full_name, "chair")],
        number=f"{tag}-备-001",
        term_start=today - timedelta(days=30),
        term_end=today + timedelta(days=700),
    )
    membership = filing.seats.get()
    owner = estates.person_create(
        full_name=f"{tag} 业主", phone="13800001111", id_number="310101199001010047"
    )
    owner.user = users["resident"]
    owner.save(update_fields=["user"])
    estates.owner_link(unit=unit1, person=owner)
    neighbour_tag = "NEIGHBOUR" if tag == "INSIDE" else tag
    neighbour = estates.person_create(full_name=f"{neighbour_tag} 住户", phone="13800002222")
    estates.occupancy_link(unit=unit2, person=neighbour, kind="occupant")

    def submit(category: str, text: str, **extra: Any) -> Any:
        fields: dict[str, Any] = {
            "estate": estate,
            "kind": "repair",
            "category": category,
            "description": f"{tag} {text}",
            "channel": "app",
            "unit": unit1,
            "requester": users["resident"],
        }
        fields.update(extra)
        return complaints.request_submit(**fields)

    staff, manager = users["staff"], users["manager"]
    submitted = submit(
        "repair",
        "卫生间水管漏水",
        uploads=[Upload(name="a.jpg", content_type="image/jpeg", data=JPEG)],
    )
    accepted = complaints.request_accept(
        request=submit("cleaning", "楼道垃圾没人清理"), actor=manager, assignee=staff
    )
    in_progress = complaints.request_start(
        request=complaints.request_accept(
            request=submit("security", "单元门禁失灵"), actor=manager, assignee=staff
        ),
        actor=staff,
    )
    deferred = complaints.request_defer(
        request=complaints.request_start(
            request=complaints.request_accept(
                request=submit("greening", "草坪枯死一片"), actor=manager, assignee=staff
            ),
            actor=staff,
        ),
        actor=staff,
        reason="等待配件",
        until=today + timedelta(days=5),
    )
    resolved = complaints.request_resolve(
        request=complaints.request_start(
            request=complaints.request_accept(
                request=submit("parking", "车位被长期占用"), actor=manager, assignee=staff
            ),
            actor=staff,
        ),
        actor=staff,
        note="已处理",
    )
    # a neighbour's private request, recorded by staff from a phone call
    complaints.request_submit(
        estate=estate,
        kind="complaint",
        category="noise",
        description=f"{neighbour_tag} 楼上夜间噪音",
        channel="phone",
        unit=unit2,
        requester_person=neighbour,
        entered_by=staff,
    )
    attachment = submitted.attachments.get()
    escalation = Escalation.objects.create(
        request=accepted, clock="plan", level="yellow", plan_due_at=now + timedelta(days=2)
    )
    group = complaints.group_create(
        estate_id=estate.pk, name=f"{tag} 维修组", member_ids=[staff.pk]
    )
    # categories differ between estates, so moving configuration across is no uniqueness clash
    inside = tag == "INSIDE"
    rule = DispatchRule.objects.create(
        estate=estate, category="fees" if inside else "greening", group=group
    )
    policy = SlaPolicy.objects.create(
        estate=estate,
        category="security" if inside else "repair",
        urgency="normal",
        response_hours=2,
        plan_hours=24,
        resolution_hours=72,
    )
    topic = HotTopic.objects.create(
        estate=estate, category="repair", keywords=[tag, "漏水"], signature=f"repair:{low}"
    )
    topic.requests.add(submitted)
    join = JoinRequest.objects.create(
        estate=estate,
        unit=unit2,
        full_name=f"{tag} 申请人",
        phone="13900003333",
        email=f"{low}-joiner@{slug}.test",
        relation="owner",
    )
    job = import_preview(
        estate=estate, filename=f"{tag}.xlsx", content=import_template_xlsx(), user=None
    )
    notes = {}
    for key in ("manager", "staff", "committee", "resident"):
        notes[key] = notify(
            users=[users[key]],
            kind="request.status",
            title=f"{tag} 通知",
            dedupe_key=f"gen:{low}:{key}",
            email=False,
        )[0].pk
    disclosure_ids = _disclosure(tag, estate, users)
    scoring_ids = _scoring(estate, users)
    supervision_ids = _supervision(tag, estate, users)
    filing_ids = _filing(tag, estate, users)
    duty_ids = _responsibilities(estate, users)
    notice_ids = _notices(tag, estate, users)
    vote_ids = _votes(tag, estate, users)
    support_ids = _support(tag, users)
    export_ids = _exports(tag)
    tokens = {
        key: token_issue(user=users[key]) for key in ("manager", "staff", "committee", "resident")
    }
    return {
        "users": users,
        "tokens": tokens,
        "notes": notes,
        "ids": {
            "estate": estate.pk,
            "join_code": Estate.objects.get(pk=estate.pk).join_code,
            "building": building.pk,
            "unit": unit1.pk,
            "unit2": unit2.pk,
            "empty_unit": empty_unit.pk,
            "empty_building": empty_building.pk,
            "common_area": area.pk,
            "person": owner.pk,
            "neighbour": neighbour.pk,
            "staff_assignment": staffing.pk,
            "committee": membership.pk,
            "staff_user": staff.pk,
            "free_staff": users["staff2"].pk,
            "resident_user": users["resident"].pk,
            "candidate": users["candidate"].pk,
            "user": users["resident"].pk,
            "invitation": urlparse(link).path.rsplit("/", 1)[-1],
            "request": submitted.pk,
            "request_accepted": accepted.pk,
            "request_in_progress": in_progress.pk,
            "request_deferred": deferred.pk,
            "request_resolved": resolved.pk,
            "attachment": attachment.pk,
            "attachment_request": submitted.pk,
            "escalation": escalation.pk,
            "group": group.pk,
            "rule": rule.pk,
            "sla_policy": policy.pk,
            "hot_topic": topic.pk,
            "join_request": join.pk,
            "import": job.pk,
            "notification": notes["staff"],
            **disclosure_ids,
            **scoring_ids,
            **supervision_ids,
            **filing_ids,
            **duty_ids,
            **notice_ids,
            **vote_ids,
            **support_ids,
            **export_ids,
        },
    }


PDF = b"%PDF-1.4\n% world\n" + b"0" * 200


def _disclosure(tag: str, estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """The disclosure ledger of one estate: a decision, a posted line with a contract, a draft
    line, a split rule, a fund movement, and statements published, in review (with an open
    query) and drafted. Runs in the firm's schema."""
    from disclosure import services as disclosure
    from disclosure.uploads import Upload

    manager, committee = users["manager"], users["committee"]
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    two_ago = (last_month - timedelta(days=1)).replace(day=1)
    pdf = Upload(name="决议.pdf", content_type="application/pdf", data=PDF)
    decision = disclosure.decision_record(
        user=manager,
        estate=estate,
        title=f"{tag} 业主大会决议",
        description="",
        decided_on=two_ago,
        document=pdf,
    )
    line = disclosure.line_draft(
        user=manager,
        estate=estate,
        kind="income",
        category="advertising",
        occurred_on=last_month,
        amount=Decimal("1000.00"),
        counterparty=f"{tag} 广告公司",
        decision_id=decision.pk,
    )
    attachment = disclosure.attachment_add(user=manager, line=line, kind="contract", upload=pdf)
    disclosure.line_post(user=manager, line=line)
    draft = disclosure.line_draft(
        user=manager,
        estate=estate,
        kind="income",
        category="parking",
        occurred_on=last_month,
        amount=Decimal("300.00"),
        counterparty=f"{tag} 停车公司",
    )
    disclosure.split_rule_set(
        user=manager,
        estate=estate,
        firm_cost_share=Decimal("30"),
        owners_share=Decimal("70"),
        reinvestment_target=Decimal("30"),
        staff_cost_cap=Decimal("8"),
        maintenance_fund_minimum=None,
    )
    disclosure.fund_record(
        user=manager,
        estate=estate,
        kind="opening",
        amount=Decimal("50000.00"),
        occurred_on=two_ago,
        description=f"{tag} 期初余额",
    )
    published = disclosure.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=two_ago
    )
    disclosure.statement_submit(user=manager, statement=published)
    disclosure.statement_sign_off(user=committee, statement=published)
    disclosure.statement_publish(statement_id=published.pk, now=timezone.now())
    review = disclosure.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=last_month
    )
    disclosure.statement_submit(user=manager, statement=review)
    query = disclosure.query_raise(user=committee, statement=review, question=f"{tag} 广告收入?")
    drafted = disclosure.statement_draft(
        user=manager,
        estate=estate,
        kind="quarterly",
        period_start=today.replace(year=2024, month=1, day=1),
    )
    return {
        "decision": decision.pk,
        "line": line.pk,
        "line_draft": draft.pk,
        "line_attachment": attachment.pk,
        "statement": published.pk,
        "statement_review": review.pk,
        "statement_query": query.pk,
        "statement_draft": drafted.pk,
    }


def _scoring(estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """Service scoring of one estate: a draft survey, an open one, a closed one with its
    published score, and weights the firm proposed (awaiting the committee)."""
    from datetime import date

    from scoring import services as scoring
    from scoring.method import DEFAULT_WEIGHTS
    from scoring.models import ScoreAlert

    manager, committee = users["manager"], users["committee"]
    draft = scoring.survey_draft(user=manager, estate=estate, period_start=date(2024, 1, 1))
    running = scoring.survey_draft(user=manager, estate=estate, period_start=date(2024, 4, 1))
    scoring.survey_open(user=committee, survey=running)
    closed = scoring.survey_draft(user=manager, estate=estate, period_start=date(2024, 7, 1))
    scoring.survey_open(user=committee, survey=closed)
    scoring.survey_close(user=committee, survey=closed)
    weights = scoring.weights_propose(user=manager, estate=estate, weights=dict(DEFAULT_WEIGHTS))
    # two improvement plans: one the firm still owes, one it reported done (the committee's turn)
    plans = [
        ScoreAlert.objects.create(
            estate=estate,
            kind="improvement_plan",
            key=f"world-{n}",
            figures={"scores": ["65.00", "60.00"]},
            created_at=timezone.now(),
            due_on=timezone.localdate() + timedelta(days=30),
        )
        for n in (1, 2)
    ]
    scoring.plan_report_done(user=manager, alert=plans[1], note="整改已完成")
    return {
        "survey_draft": draft.pk,
        "survey": running.pk,
        "survey_closed": closed.pk,
        "score": closed.score.pk,
        "weights": weights.pk,
        "alert_plan": plans[0].pk,
        "alert_reported": plans[1].pk,
    }


def _supervision(tag: str, estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """Owner supervision of one estate: a template, a schedule, a published round with a failed
    item and a photo, a submitted private round whose rectification the firm answered with a
    photo, and an open round fully answered. Runs in the firm's schema."""
    from supervision import services as supervision
    from supervision.uploads import Upload

    low = tag.lower()
    member, manager = users["committee"], users["manager"]
    jpeg = Upload(name="p.jpg", content_type="image/jpeg", data=JPEG)
    template = supervision.template_create(
        user=member,
        estate=estate,
        service_line="cleaning",
        name=f"{tag} 保洁",
        items=[
            supervision.ItemInput(f"{tag} 楼道", "无杂物"),
            supervision.ItemInput(f"{tag} 垃圾", "无满溢"),
        ],
    )
    schedule = supervision.schedule_create(
        user=member,
        estate=estate,
        template_id=template.pk,
        frequency="weekly",
        areas=[f"{tag} 1号楼"],
        starts_on=timezone.localdate(),
    )
    items = list(template.versions.get().items.order_by("position"))

    def answered(name: str, results: tuple[str, str]) -> Any:
        round_, _ = supervision.round_start(
            user=member, estate=estate, template_id=template.pk, key=f"{low}-round-{name}"
        )
        for item, result in zip(items, results, strict=True):
            supervision.answer_record(
                user=member,
                round=round_,
                item_id=item.pk,
                result=result,
                key=f"{low}-{name}-{item.position}",
                note=f"{tag} 记录",
                area=f"{tag} 1号楼",
            )
        return round_

    published = answered("published", ("pass", "fail"))
    photo, _ = supervision.photo_add(
        user=member, round=published, item_id=items[1].pk, upload=jpeg, key=f"{low}-photo-1"
    )
    published = supervision.round_submit(user=member, round=published)
    supervision.round_publish(user=member, round=published)
    private = supervision.round_submit(user=member, round=answered("private", ("fail", "pass")))
    open_round = answered("open", ("pass", "pass"))
    rect = published.rectifications.get()
    rect_answered = private.rectifications.get()
    event = supervision.rectification_answer(
        user=manager, rectification=rect_answered, plan=f"{tag} 已清理", after=[jpeg]
    )
    return {
        "sup_template": template.pk,
        "sup_item": items[0].pk,
        "sup_schedule": schedule.pk,
        "sup_round": published.pk,
        "sup_round_private": private.pk,
        "sup_round_open": open_round.pk,
        "sup_photo": photo.pk,
        "sup_rect": rect.pk,
        "sup_rect_answered": rect_answered.pk,
        "sup_evidence": event.photos.get().pk,
        "sup_manager": manager.pk,
    }


def _filing(tag: str, estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """A filing the estate's chair submitted and the platform rejected (public schema: the
    chair reads it among their own; nothing is pending, so the chair may file again)."""
    from committee.services import (
        FilingInput,
        MemberInput,
        Receipt,
        filing_reject,
        filing_submit,
    )

    today = timezone.localdate()
    chair = users["committee"]
    filing = filing_submit(
        estate=estate,
        by=chair,
        data=FilingInput(
            number=f"{tag}-备-002",
            street_authority=f"{tag} 街道办事处",
            housing_authority=f"{tag} 区住建委",
            election_date=today - timedelta(days=10),
            filed_on=today - timedelta(days=5),
            term_start=today - timedelta(days=9),
            term_end=today + timedelta(days=700),
            members=[MemberInput(full_name=chair.full_name, email=chair.email, position="chair")],
        ),
        receipt=Receipt(name="receipt.pdf", data=PDF),
    )
    filing_reject(filing_id=filing.pk, by=None, reason=f"{tag} 回执不清晰")
    return {"filing": filing.pk}


def _responsibilities(estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """The estate's responsibility list: a proposal of the firm (its manager) waiting for the
    committee. Runs in the firm's schema."""
    from responsibilities.services import ItemInput, revision_propose

    proposal = revision_propose(
        user=users["manager"], estate=estate, items=[ItemInput("公共区域保洁", "firm", "")]
    )
    return {"duty_revision": proposal.pk}


def _notices(tag: str, estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """A notice of the firm (its manager) to the estate. Runs in the firm's schema."""
    from notices.services import notice_publish

    notice = notice_publish(user=users["manager"], estate=estate, title=f"{tag} 停水", body="停水")
    return {"notice": notice.pk}


def _support(tag: str, users: dict[str, Any]) -> dict[str, int]:
    """A support request of the platform to this estate's firm, declined by the firm's admin
    (public schema; nothing stays pending, so the next estate's request is allowed), and a
    pre-approval the firm's admin made and ended (none stays open)."""
    from types import SimpleNamespace

    from tenants.models import Firm
    from tenants.support import (
        support_decline,
        support_preapproval_end,
        support_preapprove,
        support_request,
    )

    firm = Firm.objects.get(schema_name=connection.schema_name)
    root = SimpleNamespace(pk=1, email="root@linli.test")
    grant = support_request(firm=firm, by=root, reason=f"{tag} 协助", hours=2)
    admin = SimpleNamespace(pk=users["manager"].pk, full_name=f"{tag} 管理员", email="")
    support_decline(firm=firm, grant_id=grant.pk, by=admin)
    standing = support_preapprove(firm=firm, by=admin, max_hours=4, days=7, note=f"{tag} 上线")
    support_preapproval_end(firm=firm, preapproval_id=standing.pk, by=admin)
    return {"support_grant": grant.pk, "support_preapproval": standing.pk}


def _exports(tag: str) -> dict[str, int]:
    """A finished export of the firm (its archive a small file in the firm's storage); none
    running, so a firm admin may ask for the next."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    from exports.models import ExportJob

    name = default_storage.save(
        f"exports/world/{tag.lower()}.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18)
    )
    job = ExportJob.objects.create(
        status="done", active=None, created_at=timezone.now(), archive=name, size=22
    )
    return {"export": job.pk}


def _votes(tag: str, estate: Any, users: dict[str, Any]) -> dict[str, int]:
    """An owners' vote of the estate's committee, announced 20 days ago and open now (its
    electorate: the estate's resident, and the developer for the units nobody owns), a topic
    its resident raised in the deliberation hall, and a tracked decision the firm owns. Runs in
    the firm's schema."""
    from supervision.uploads import Upload
    from votes import services

    now = timezone.now()
    committee = users["committee"]
    vote = services.vote_create(
        user=committee,
        estate=estate,
        data=services.VoteInput(
            title=f"{tag} 更换电梯",
            options=["同意", "反对"],
            matter="fund_use",
            opens_at=now - timedelta(days=4),
            closes_at=now + timedelta(days=3),
        ),
        now=now - timedelta(days=20),
    )
    services.vote_announce(user=committee, vote=vote, now=now - timedelta(days=20))
    services.vote_open(user=committee, vote=vote, now=now)
    topic = services.topic_raise(
        user=users["resident"],
        estate=estate,
        title=f"{tag} 电梯常坏",
        photos=[Upload(name="t.jpg", content_type="image/jpeg", data=JPEG)],
    )
    # an adopted topic the committee tracks as a decision the firm's manager carries out
    adopted = services.topic_raise(user=users["resident"], estate=estate, title=f"{tag} 修路灯")
    services.topic_answer(user=committee, topic=adopted, outcome="adopted", answer="采纳")
    decision = services.decision_create(
        user=committee,
        estate=estate,
        title=f"{tag} 修路灯",
        topic_id=adopted.pk,
        owner_side="firm",
        owner_id=users["manager"].pk,
        due_on=timezone.localdate() + timedelta(days=30),
    )
    return {
        "vote": vote.pk,
        "topic": topic.pk,
        "topic_photo": topic.photos.get().pk,
        "vote_decision": decision.pk,
    }


def _owner_in_both(outside_unit: int, inside_unit: int) -> int:
    """One person owns a unit in each estate: seen through INSIDE1, only that link shows."""
    from estates import services as estates
    from estates.models import Unit

    person = estates.person_create(full_name="两处 业主", phone="13800004444")
    estates.owner_link(unit=Unit.objects.get(pk=outside_unit), person=person, share=Decimal("50"))
    estates.owner_link(unit=Unit.objects.get(pk=inside_unit), person=person, share=Decimal("50"))
    return person.pk


def build(cast: Cast) -> World:
    from accounts.models import User
    from accounts.services import token_issue

    world = World(
        host=cast.a.host, other_host=cast.b.host, schema=cast.a.schema, other_schema=cast.b.schema
    )
    parts: dict[str, dict[str, Any]] = {}
    with schema_context(cast.a.schema):
        parts["out"] = _estate("OUTSIDE", cast.a.slug)
        parts["in"] = _estate("INSIDE", cast.a.slug)
        both = _owner_in_both(parts["out"]["ids"]["unit2"], parts["in"]["ids"]["unit2"])
        admin = User.objects.get(email=cast.a.admin.email)
        world.actors["admin"] = Actor("admin", admin.email, admin.pk, token_issue(user=admin))
        from notifications.services import notify

        world.notifications["admin"] = notify(
            users=[admin],
            kind="request.status",
            title="INSIDE 通知",
            dedupe_key="gen:admin",
            email=False,
        )[0].pk
    _bump_sequences(cast.a.schema, cast.b.schema)
    with schema_context(cast.b.schema):
        parts["other"] = _estate("FOREIGN", cast.b.slug)
    connection.set_schema_to_public()
    inside = parts["in"]
    for key in ("manager", "staff", "committee", "resident"):
        user = inside["users"][key]
        world.actors[key] = Actor(key, user.email, user.pk, inside["tokens"][key])
        world.notifications[key] = inside["notes"][key]
    for kind in parts["in"]["ids"]:
        world.ids[kind] = {
            variant: parts[variant]["ids"][kind] for variant in ("in", "out", "other")
        }
    # a person with a unit in each estate of firm A (out: a person of OUTSIDE1 only)
    world.ids["shared_person"] = {**world.ids["person"], "in": both}
    return world
