"""Statements: draft -> review (queries and answers) -> sign-off -> published by the deadlines
engine within 24 h; who may do which step; residents read only published statements of their
own estate."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db import connection
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import posted

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _statement_in_review(cast):
    """Two October lines of A1 and the October statement, drafted and submitted via the API."""
    from estates.models import Estate

    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        manager = cast.a.manager.user
        posted(estate, manager, amount="8000.00", category="advertising")
        posted(estate, manager, amount="500.00", kind="expense", category="staff")
    firm = login(cast.a.manager)
    created = firm.post(
        "/api/v1/statements/",
        {"estate": cast.a.estates["A1"], "kind": "monthly", "period_start": "2026-10-01"},
        format="json",
    )
    assert created.status_code == 201, created.content
    statement = created.json()
    assert statement["status"] == "draft" and statement["period_end"] == "2026-10-31"
    submitted = firm.post(f"/api/v1/statements/{statement['id']}/submit/")
    assert submitted.status_code == 200, submitted.content
    return firm, submitted.json()


def test_sign_off_query_answer_publish_cycle(cast, db):
    from deadlines.services import firm_sweep
    from notifications.models import Notification
    from witness.models import WitnessedHead

    firm, statement = _statement_in_review(cast)
    sid = statement["id"]
    assert statement["status"] == "in_review" and statement["head_seq"] == 2
    assert statement["summary"]["income_total"] == "8000.00"
    assert statement["summary"]["line_count"] == 2

    committee = login(cast.a.committee)
    queried = committee.post(
        f"/api/v1/statements/{sid}/queries/", {"question": "广告收入为何比上月少？"}, format="json"
    )
    assert queried.status_code == 201, queried.content
    query_id = queried.json()["queries"][0]["id"]
    assert queried.json()["open_queries"] == 1

    early = committee.post(f"/api/v1/statements/{sid}/sign-off/")
    assert early.status_code == 409 and early.json()["code"] == "open_queries"

    answered = firm.post(
        f"/api/v1/statements/{sid}/queries/{query_id}/answer/",
        {"answer": "一块广告屏 10 月维修停用。"},
        format="json",
    )
    assert answered.status_code == 200
    assert answered.json()["queries"][0]["answer"] == "一块广告屏 10 月维修停用。"
    twice = firm.post(
        f"/api/v1/statements/{sid}/queries/{query_id}/answer/", {"answer": "改"}, format="json"
    )
    assert twice.status_code == 409

    signed = committee.post(f"/api/v1/statements/{sid}/sign-off/")
    assert signed.status_code == 200, signed.content
    assert signed.json()["status"] == "signed_off"

    resident = login(cast.a.resident)
    assert resident.get(f"/api/v1/statements/{sid}/").status_code == 404

    with schema_context(cast.a.schema):
        firm_sweep(names=["disclosure.publish"])
    connection.set_schema_to_public()
    read = resident.get(f"/api/v1/statements/{sid}/")
    assert read.status_code == 200
    body = read.json()
    assert body["status"] == "published" and body["witness_head"] == body["head_hash"]
    lines = resident.get(f"/api/v1/statements/{sid}/lines/").json()
    assert [line["seq"] for line in lines["results"]] == [1, 2]
    assert resident.post(f"/api/v1/statements/{sid}/verify/").json()["ok"] is True
    assert WitnessedHead.objects.filter(schema_name=cast.a.schema, statement_id=sid).count() == 1
    with schema_context(cast.a.schema):
        told = Notification.objects.filter(
            user__email=cast.a.resident.email, kind="disclosure.published"
        )
        assert told.count() == 1


def test_published_within_24_hours_of_sign_off_with_a_frozen_clock(a1):
    from deadlines.services import firm_sweep
    from disclosure import services
    from tenants.models import Firm

    estate, manager = a1["estate"], a1["manager"]
    posted(estate, manager)
    statement = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
    )
    submitted_at = datetime(2026, 11, 3, 10, 0, tzinfo=SHANGHAI)
    services.statement_submit(user=manager, statement=statement, now=submitted_at)

    # before sign-off, no sweep publishes it, however late
    firm_sweep(now=submitted_at + timedelta(days=30), names=["disclosure.publish"])
    statement.refresh_from_db()
    assert statement.status == "in_review"

    signed_at = submitted_at + timedelta(days=1)
    services.statement_sign_off(user=a1["committee"], statement=statement, now=signed_at)
    statement.refresh_from_db()
    assert statement.publish_due_at == signed_at + timedelta(hours=24)
    # the firm's next due moment is lowered: beat sweeps it at its next minute
    firm = Firm.objects.get(schema_name=connection.schema_name)
    assert firm.next_due_at is not None and firm.next_due_at <= signed_at

    counts = firm_sweep(now=signed_at + timedelta(minutes=1), names=["disclosure.publish"])
    assert counts["disclosure.publish"] == 1
    statement.refresh_from_db()
    assert statement.status == "published"
    assert statement.published_at == signed_at + timedelta(minutes=1)
    assert statement.published_at - signed_at < timedelta(hours=24)
    again = firm_sweep(now=signed_at + timedelta(hours=2), names=["disclosure.publish"])
    assert again["disclosure.publish"] == 0


def test_firm_cannot_sign_off_or_publish_and_committee_cannot_draft_or_answer(cast, db):
    from disclosure.models import Statement

    firm, statement = _statement_in_review(cast)
    sid = statement["id"]
    admin = login(cast.a.admin)
    for client in (firm, admin):
        answer = client.post(f"/api/v1/statements/{sid}/sign-off/")
        assert answer.status_code == 403
        assert (
            client.post(f"/api/v1/statements/{sid}/queries/", {"question": "?"}).status_code == 403
        )
        assert client.post(f"/api/v1/statements/{sid}/publish/").status_code == 404
    committee = login(cast.a.committee)
    drafted = committee.post(
        "/api/v1/statements/",
        {"estate": cast.a.estates["A1"], "kind": "monthly", "period_start": "2026-09-01"},
        format="json",
    )
    assert drafted.status_code == 403
    assert committee.post(f"/api/v1/statements/{sid}/submit/").status_code == 403
    with schema_context(cast.a.schema):
        fresh = Statement.objects.get(pk=sid)
        assert fresh.status == "in_review" and fresh.signed_off_at is None
        assert Statement.objects.count() == 1


def test_residents_read_only_published_statements_of_their_own_estate(cast, db):
    from disclosure import services
    from estates.models import Estate

    _firm, statement = _statement_in_review(cast)
    resident = login(cast.a.resident)
    assert resident.get("/api/v1/statements/").json()["count"] == 0
    assert resident.get(f"/api/v1/statements/{statement['id']}/").status_code == 404
    assert resident.post(f"/api/v1/statements/{statement['id']}/verify/").status_code == 404
    assert resident.get(f"/api/v1/statements/{statement['id']}/chain/").status_code == 404
    assert resident.get("/api/v1/disclosure/lines/").status_code == 403

    with schema_context(cast.a.schema):
        other = Estate.objects.get(pk=cast.a.estates["A2"])
        admin = cast.a.admin.user
        posted(other, admin)
        s2 = services.statement_draft(
            user=admin, estate=other, kind="monthly", period_start=date(2026, 10, 1)
        )
        s2 = services.statement_submit(user=admin, statement=s2)
        s2.status = "published"  # as if A2's committee had signed it off and it was published
        s2.save()
    connection.set_schema_to_public()
    assert resident.get(f"/api/v1/statements/{s2.pk}/").status_code == 404
    assert resident.get("/api/v1/statements/").json()["count"] == 0
    # firm B's resident at firm B's host: firm A's ids mean nothing there
    assert login(cast.b.resident).get(f"/api/v1/statements/{s2.pk}/").status_code == 404


def test_reversing_line_corrects_and_a_late_correction_lands_in_the_next_statement(a1):
    from deadlines.services import firm_sweep
    from disclosure import services
    from disclosure.exceptions import AlreadyReversed, ReversalNotReversible
    from disclosure.selectors import statement_lines

    estate, manager, committee = a1["estate"], a1["manager"], a1["committee"]
    wrong = posted(estate, manager, amount="900.00", day=date(2026, 10, 10))
    october = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
    )
    at = datetime(2026, 11, 2, 9, tzinfo=SHANGHAI)
    services.statement_submit(user=manager, statement=october, now=at)
    services.statement_sign_off(user=committee, statement=october, now=at)
    firm_sweep(now=at + timedelta(minutes=1), names=["disclosure.publish"])

    reversal = services.line_reverse(
        user=manager, line=wrong, description="金额录错，冲销", occurred_on=date(2026, 11, 5)
    )
    assert reversal.amount == Decimal("-900.00") and reversal.reverses_id == wrong.pk
    assert reversal.status == "posted" and reversal.seq == 2
    right = posted(estate, manager, amount="990.00", day=date(2026, 10, 10))  # late, October
    for again in (wrong, reversal):
        try:
            services.line_reverse(user=manager, line=again, description="x")
        except (AlreadyReversed, ReversalNotReversible):
            pass
        else:
            raise AssertionError("a line is reversed once, and a reversal never")

    october.refresh_from_db()
    assert [line.seq for line in statement_lines(october)] == [1]  # published: unchanged
    november = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 11, 1)
    )
    november = services.statement_submit(
        user=manager, statement=november, now=datetime(2026, 12, 1, 9, tzinfo=SHANGHAI)
    )
    assert [line.seq for line in statement_lines(november)] == [reversal.seq, right.seq]
    # the page walk is bounded by the seqs frozen at submission, and shows the same lines as without
    assert (november.summary["first_seq"], november.summary["last_seq"]) == (
        reversal.seq,
        right.seq,
    )
    assert list(statement_lines(november, use_floor=False)) == list(statement_lines(november))
    assert november.summary["income_total"] == "90.00"  # -900 + 990


def test_split_rule_warnings_on_the_statement(a1):
    from disclosure import services

    estate, manager = a1["estate"], a1["manager"]
    services.split_rule_set(
        user=manager,
        estate=estate,
        firm_cost_share=Decimal("30"),
        owners_share=Decimal("70"),
        reinvestment_target=Decimal("30"),
        staff_cost_cap=Decimal("8"),
        maintenance_fund_minimum=Decimal("50"),
    )
    posted(estate, manager, amount="10000.00")
    posted(estate, manager, amount="1000.00", kind="expense", category="staff")
    posted(estate, manager, amount="2000.00", kind="expense", category="repairs")
    posted(estate, manager, amount="1000.00", kind="expense", category="maintenance_fund")
    statement = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
    )
    summary = services.statement_submit(user=manager, statement=statement).summary
    assert summary["split"]["firm_cost"] == "3000.00" and summary["split"]["owners"] == "7000.00"
    assert summary["split"]["reinvestment_pct"] == "30.00"
    codes = {w["code"]: w for w in summary["warnings"]}
    assert set(codes) == {"staff_cost_over_cap", "maintenance_fund_below_minimum"}
    assert codes["staff_cost_over_cap"]["actual"] == "10.00"
    assert codes["maintenance_fund_below_minimum"]["actual"] == "10.00"


def test_second_firm_with_overlapping_ids_keeps_its_own_chain_and_witness(cast, db):
    from deadlines.services import firm_sweep
    from disclosure import services
    from estates.models import Estate
    from witness.models import WitnessedHead

    at = datetime(2026, 11, 2, 9, tzinfo=SHANGHAI)
    made = {}
    for firm_cast, code, amount in ((cast.a, "A1", "100.00"), (cast.b, "B1", "200.00")):
        with schema_context(firm_cast.schema):
            estate = Estate.objects.get(pk=firm_cast.estates[code])
            admin = firm_cast.admin.user
            posted(estate, admin, amount=amount)
            if made:  # firm B's statement gets the very id firm A's has
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT setval(pg_get_serial_sequence('disclosure_statement', 'id'),"
                        " %s, false)",
                        [made[cast.a.schema].pk],
                    )
            statement = services.statement_draft(
                user=admin, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
            )
            statement = services.statement_submit(user=admin, statement=statement, now=at)
            statement.status, statement.signed_off_at = "signed_off", at  # B has no committee
            statement.save()
            firm_sweep(now=at, names=["disclosure.publish"])
            statement.refresh_from_db()
            assert statement.status == "published"
            made[firm_cast.schema] = statement
    connection.set_schema_to_public()
    a, b = made[cast.a.schema], made[cast.b.schema]
    assert a.pk == b.pk  # the same ids in both firms
    assert a.head_hash != b.head_hash
    assert WitnessedHead.objects.filter(statement_id=a.pk).count() == 2
    result = login(cast.a.resident).post(f"/api/v1/statements/{a.pk}/verify/").json()
    assert result["ok"] is True and result["witness_head"] == a.head_hash
