"""Append-only in PostgreSQL, and tampering behind the triggers' back is detected: by the verify
endpoint, by the offline verifier (a subprocess, standard library only) and by the witness."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from tests.helpers import ROOT, login

from .conftest import posted

SHANGHAI = ZoneInfo("Asia/Shanghai")
SIGNED = datetime(2026, 11, 2, 9, 0, tzinfo=SHANGHAI)


def _published_statement(estate, manager, committee, *, lines: int = 3):
    """Three posted October lines, the October statement submitted, signed off, published."""
    from deadlines.services import firm_sweep
    from disclosure import services

    made = [
        posted(estate, manager, amount=f"{100 * (i + 1)}.00", day=date(2026, 10, 1 + i))
        for i in range(lines)
    ]
    statement = services.statement_draft(
        user=manager, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
    )
    services.statement_submit(user=manager, statement=statement, now=SIGNED - timedelta(hours=1))
    services.statement_sign_off(user=committee, statement=statement, now=SIGNED)
    firm_sweep(now=SIGNED + timedelta(minutes=1), names=["disclosure.publish"])
    statement.refresh_from_db()
    assert statement.status == "published"
    return statement, made


def _behind_the_triggers_back(sql: str, params: list) -> None:
    """What a superuser can do: switch the triggers off for the session and write."""
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")
        try:
            cursor.execute(sql, params)
        finally:
            cursor.execute("SET session_replication_role = origin")


def _export(client, statement_id: int, tmp_path) -> str:
    answer = client.get(f"/api/v1/statements/{statement_id}/chain/")
    assert answer.status_code == 200
    path = tmp_path / "export.jsonl"
    path.write_bytes(b"".join(answer.streaming_content))
    return str(path)


def _offline(path: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_ledger.py"), path, *extra],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no Django, no project on the path: standard library
    )


def test_the_database_refuses_update_and_delete_of_a_posted_line_from_the_app_role(a1):
    from disclosure.models import LedgerLine

    line = posted(a1["estate"], a1["manager"])
    for sql in (
        "UPDATE disclosure_ledgerline SET amount = 1 WHERE id = %s",
        "UPDATE disclosure_ledgerline SET status = 'draft', seq = NULL WHERE id = %s",
        "DELETE FROM disclosure_ledgerline WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="Cannot update or delete"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [line.pk])
    fresh = LedgerLine.objects.get(pk=line.pk)
    assert (fresh.amount, fresh.status, fresh.seq) == (line.amount, "posted", 1)


def test_a_draft_may_still_change_in_the_database(a1):
    from disclosure import services
    from disclosure.models import LedgerLine

    draft = services.line_draft(
        user=a1["manager"],
        estate=a1["estate"],
        kind="income",
        category="venue",
        occurred_on=date(2026, 10, 9),
        amount=__import__("decimal").Decimal("50.00"),
    )
    with connection.cursor() as cursor:
        cursor.execute("UPDATE disclosure_ledgerline SET amount = 60 WHERE id = %s", [draft.pk])
    assert str(LedgerLine.objects.get(pk=draft.pk).amount) == "60.00"


def test_published_statements_answered_queries_and_the_witness_refuse_changes(a1):
    from witness.models import WitnessedHead

    statement, _lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    for sql in (
        "UPDATE disclosure_statement SET head_hash = 'x' WHERE id = %s",
        "DELETE FROM disclosure_statement WHERE id = %s",
        "UPDATE public.witness_witnessedhead SET head = 'x' WHERE statement_id = %s",
        "DELETE FROM public.witness_witnessedhead WHERE statement_id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="Cannot"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [statement.pk])
    assert WitnessedHead.objects.get(statement_id=statement.pk).head == statement.head_hash


def test_an_altered_line_is_named_by_the_endpoint_and_the_offline_verifier(cast, a1, tmp_path):
    statement, lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    resident = login(cast.a.resident)
    clean = resident.post(f"/api/v1/statements/{statement.pk}/verify/").json()
    assert clean["ok"] is True and clean["checked"] == 3 and clean["witness_matches"] is True
    path = _export(resident, statement.pk, tmp_path)
    good = _offline(path)
    assert good.returncode == 0, good.stdout
    assert "OK" in good.stdout

    with schema_context(cast.a.schema):
        _behind_the_triggers_back(
            "UPDATE disclosure_ledgerline SET amount = 1.00 WHERE id = %s", [lines[1].pk]
        )

    found = resident.post(f"/api/v1/statements/{statement.pk}/verify/").json()
    assert found["ok"] is False
    assert found["first_mismatch"]["seq"] == 2
    assert found["first_mismatch"]["line_id"] == lines[1].pk
    assert found["statement_matches"] is False and found["witness_matches"] is False

    bad = _offline(_export(resident, statement.pk, tmp_path))
    assert bad.returncode == 1
    assert "MISMATCH first at line seq 2" in bad.stdout


def test_a_rewritten_chain_is_caught_by_the_witness_and_the_paper_head(cast, a1, tmp_path):
    """The attacker changes line 2 AND recomputes every later hash and the statement's head in
    the firm's schema: the lines agree with each other, but not with the public witness or a
    head printed on an old notice."""
    from disclosure.selectors import chain_rows

    statement, lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    old_head = statement.head_hash
    with schema_context(cast.a.schema):
        _behind_the_triggers_back(
            "UPDATE disclosure_ledgerline SET amount = 1.00 WHERE id = %s", [lines[1].pk]
        )
        head = "0" * 64
        for _seq, pk, _stored, text in list(chain_rows(estate_id=a1["estate"].pk, upto_seq=3)):
            head = hashlib.sha256(head.encode("ascii") + text.encode("utf-8")).hexdigest()
            _behind_the_triggers_back(
                "UPDATE disclosure_ledgerline SET line_hash = %s WHERE id = %s", [head, pk]
            )
        _behind_the_triggers_back(
            "UPDATE disclosure_statement SET head_hash = %s WHERE id = %s", [head, statement.pk]
        )

    resident = login(cast.a.resident)
    found = resident.post(f"/api/v1/statements/{statement.pk}/verify/").json()
    assert found["first_mismatch"] is None and found["statement_matches"] is True
    assert found["witness_matches"] is False and found["ok"] is False
    assert found["witness_head"] == old_head

    path = _export(resident, statement.pk, tmp_path)
    result = _offline(path)
    assert result.returncode == 1
    assert f"MISMATCH witness head of statement {statement.pk} at seq 3" in result.stdout
    paper = _offline(path, "--head", f"3:{old_head}")
    assert "MISMATCH given head at seq 3" in paper.stdout


def test_a_deleted_line_is_a_gap(cast, a1, tmp_path):
    statement, lines = _published_statement(a1["estate"], a1["manager"], a1["committee"])
    with schema_context(cast.a.schema):
        _behind_the_triggers_back("DELETE FROM disclosure_ledgerline WHERE id = %s", [lines[0].pk])
    resident = login(cast.a.resident)
    found = resident.post(f"/api/v1/statements/{statement.pk}/verify/").json()
    assert found["ok"] is False and found["gap_at"] == 1 and found["checked"] == 2
    result = _offline(_export(resident, statement.pk, tmp_path))
    assert result.returncode == 1
    assert "MISMATCH first at line seq 2" in result.stdout
