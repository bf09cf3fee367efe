"""Verification from the last witnessed checkpoint: a statement's verify recomputes only the
lines since the previous published statement's witnessed head (the stored line there must still
carry it), ?full=true walks from seq 1; and a statement's line pages use the frozen count."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import connection
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import posted
from .test_tamper_evidence import SIGNED, _behind_the_triggers_back, _published_statement

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOV_SIGNED = datetime(2026, 12, 1, 9, 0, tzinfo=SHANGHAI)


def _november(estate, manager, committee, *, lines: int = 2):
    from deadlines.services import firm_sweep
    from disclosure import services

    for i in range(lines):
        posted(estate, manager, amount=f"{10 * (i + 1)}.00", day=date(2026, 11, 3 + i))
    statement = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 11, 1)
    )
    services.statement_submit(
        user=manager, statement=statement, now=NOV_SIGNED - timedelta(hours=1)
    )
    services.statement_sign_off(user=committee, statement=statement, now=NOV_SIGNED)
    firm_sweep(now=NOV_SIGNED + timedelta(minutes=1), names=["disclosure.publish"])
    statement.refresh_from_db()
    assert statement.status == "published"
    return statement


def test_verify_starts_at_the_previous_witnessed_head_and_full_walks_everything(cast, a1):
    october, _lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    november = _november(a1["estate"], a1["manager"], a1["committee"])
    assert (october.head_seq, november.head_seq) == (3, 5)
    connection.set_schema_to_public()
    resident = login(cast.a.resident)

    quick = resident.post(f"/api/v1/statements/{november.pk}/verify/").json()
    assert quick["ok"] is True
    assert (quick["from_seq"], quick["checkpoint_statement"], quick["checked"]) == (
        3,
        october.pk,
        2,
    )
    assert quick["recomputed_head"] == november.head_hash == quick["witness_head"]

    full = resident.post(f"/api/v1/statements/{november.pk}/verify/?full=true").json()
    assert full["ok"] is True
    assert (full["from_seq"], full["checkpoint_statement"], full["checked"]) == (0, None, 5)
    assert full["recomputed_head"] == quick["recomputed_head"]

    first = resident.post(f"/api/v1/statements/{october.pk}/verify/").json()
    assert (first["from_seq"], first["checked"], first["ok"]) == (0, 3, True)
    bad = resident.post(f"/api/v1/statements/{november.pk}/verify/?full=maybe")
    assert bad.status_code == 400 and "full" in bad.json()["fields"]


def test_a_line_changed_before_the_checkpoint_is_caught_by_the_full_walk_and_the_checkpoint(
    cast, a1
):
    october, lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    november = _november(a1["estate"], a1["manager"], a1["committee"])
    with schema_context(cast.a.schema):
        _behind_the_triggers_back(
            "UPDATE disclosure_ledgerline SET amount = 1.00 WHERE id = %s", [lines[1].pk]
        )
    connection.set_schema_to_public()
    resident = login(cast.a.resident)
    # the earlier statement's own verification names the line
    assert (
        resident.post(f"/api/v1/statements/{october.pk}/verify/").json()["first_mismatch"]["seq"]
        == 2
    )
    full = resident.post(f"/api/v1/statements/{november.pk}/verify/?full=true").json()
    assert full["ok"] is False and full["first_mismatch"]["seq"] == 2

    # the attacker also rewrites the stored hash at the checkpoint: the witness disagrees with
    # the books there, so the walk starts from the genesis and names line 2 again
    with schema_context(cast.a.schema):
        _behind_the_triggers_back(
            "UPDATE disclosure_ledgerline SET line_hash = %s WHERE estate_id = %s AND seq = 3",
            ["e" * 64, a1["estate"].pk],
        )
    connection.set_schema_to_public()
    quick = resident.post(f"/api/v1/statements/{november.pk}/verify/").json()
    assert quick["from_seq"] == 0 and quick["checkpoint_statement"] is None
    assert quick["ok"] is False and quick["first_mismatch"]["seq"] == 2


def test_statement_line_pages_use_the_count_frozen_at_submission(cast, a1):
    october, _lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    assert october.summary["line_count"] == 3
    connection.set_schema_to_public()
    resident = login(cast.a.resident)
    page = resident.get(f"/api/v1/statements/{october.pk}/lines/", {"page_size": 2}).json()
    assert page["count"] == 3 and [line["seq"] for line in page["results"]] == [1, 2]
    rest = resident.get(
        f"/api/v1/statements/{october.pk}/lines/", {"page_size": 2, "page": 2}
    ).json()
    assert [line["seq"] for line in rest["results"]] == [3]
    assert SIGNED < NOV_SIGNED
