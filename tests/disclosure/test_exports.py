"""A statement on paper and in Excel, and the check page behind the notice's QR code: the
figures are the signed ones; each export is scoped like the statement itself; anyone holding an
old notice learns whether today's statement still ends in the printed head."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

from django.db import connection
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from core.pdf import render_html
from tests.helpers import client_at, login

from .conftest import posted


def _published(cast, estate_code: str = "A1", *, publish: bool = True):
    """Two October lines and the October statement of an estate, signed and published."""
    from django.utils import timezone

    from disclosure import services
    from estates.models import Estate

    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates[estate_code])
        admin = cast.a.admin.user
        posted(estate, admin, amount="8000.00", category="advertising")
        posted(estate, admin, amount="500.00", kind="expense", category="staff")
        statement = services.statement_draft(
            user=admin, estate=estate, kind="monthly", period_start=date(2026, 10, 1)
        )
        services.statement_submit(user=admin, statement=statement)
        if publish:
            services.statement_sign_off(user=cast.a.committee.user, statement=statement)
            services.statement_publish(statement_id=statement.pk, now=timezone.now())
        statement.refresh_from_db()
    connection.set_schema_to_public()
    return statement


def test_the_workbook_holds_the_signed_figures_and_every_line(cast, db):
    statement = _published(cast)
    response = login(cast.a.resident).get(f"/api/v1/statements/{statement.pk}/xlsx/")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(BytesIO(response.content))
    summary = {row[0]: row[1] for row in book["汇总"].iter_rows(values_only=True) if row and row[0]}
    assert Decimal(str(summary["收入合计"])) == Decimal("8000.00")
    assert Decimal(str(summary["支出合计"])) == Decimal("500.00")
    assert summary["链头"] == statement.head_hash
    lines = list(book["明细"].iter_rows(values_only=True))[1:]
    assert [(row[0], row[3], Decimal(str(row[4]))) for row in lines] == [
        (1, "电梯及楼道广告", Decimal("8000.00")),
        (2, "人员费用", Decimal("500.00")),
    ]


def test_the_workbook_speaks_english_to_an_english_reader(cast, db):
    statement = _published(cast)
    client = login(cast.a.admin)
    assert client.patch("/api/v1/auth/me/", {"language": "en"}).status_code == 200
    response = client.get(f"/api/v1/statements/{statement.pk}/xlsx/")
    book = load_workbook(BytesIO(response.content))
    assert book.sheetnames == ["Summary", "Lines"]


def test_the_notice_pdf_prints_the_head_and_a_qr_code_of_the_check_page(cast, db):
    from disclosure import exports
    from disclosure.models import Statement

    statement = _published(cast)
    response = login(cast.a.committee).get(f"/api/v1/statements/{statement.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")

    with schema_context(cast.a.schema):
        fresh = Statement.objects.get(pk=statement.pk)
        url = exports.check_url(site=f"http://{cast.a.host}", statement=fresh)
        html = render_html(
            "disclosure/statement_pdf.html",
            {**exports._context(fresh, [], estate_name="A1 花园"), "check_url": url, "qr": ""},
        )
    connection.set_schema_to_public()
    assert url == f"http://{cast.a.host}/disclosure/check/{statement.pk}?head={statement.head_hash}"
    assert statement.head_hash in html and url in html


def test_exports_follow_the_statement_scope(cast, db):
    in_review = _published(cast, publish=False)
    other_estate = _published(cast, "A2", publish=False)
    # a resident sees no statement under review; a manager of A1 none of A2; firm B none of A's
    assert login(cast.a.resident).get(f"/api/v1/statements/{in_review.pk}/pdf/").status_code == 404
    manager = login(cast.a.manager)
    assert manager.get(f"/api/v1/statements/{other_estate.pk}/xlsx/").status_code == 404
    assert manager.get(f"/api/v1/statements/{in_review.pk}/xlsx/").status_code == 200
    assert login(cast.b.admin).get(f"/api/v1/statements/{in_review.pk}/xlsx/").status_code == 404
    assert client_at(cast.a.host).get(f"/api/v1/statements/{in_review.pk}/pdf/").status_code in {
        401,
        403,
    }


def test_a_draft_has_nothing_to_print(cast, db):
    from disclosure import services
    from estates.models import Estate

    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        draft = services.statement_draft(
            user=cast.a.admin.user, estate=estate, kind="monthly", period_start=date(2026, 9, 1)
        )
    connection.set_schema_to_public()
    response = login(cast.a.admin).get(f"/api/v1/statements/{draft.pk}/pdf/")
    assert response.status_code == 409


def test_the_check_page_tells_anyone_whether_the_printed_head_still_holds(cast, db):
    statement = _published(cast)
    anyone = client_at(cast.a.host)
    url = f"/api/v1/disclosure/check/{statement.pk}/"
    same = anyone.get(url, {"head": statement.head_hash.upper()})
    assert same.status_code == 200
    body = same.json()
    assert body["matches_statement"] is True and body["matches_witness"] is True
    assert "income_total" not in body and "summary" not in body

    other = anyone.get(url, {"head": "0" * 64}).json()
    assert other["matches_statement"] is False and other["matches_witness"] is False

    bad = anyone.get(url, {"head": "not-a-head"})
    assert bad.status_code == 400 and "head" in bad.json()["fields"]


def test_the_check_page_knows_only_published_statements_of_its_own_firm(cast, db):
    in_review = _published(cast, "A2", publish=False)
    head = {"head": in_review.head_hash}
    url = f"/api/v1/disclosure/check/{in_review.pk}/"
    assert client_at(cast.a.host).get(url, head).status_code == 404
    published = _published(cast)
    url = f"/api/v1/disclosure/check/{published.pk}/"
    assert client_at(cast.b.host).get(url, {"head": published.head_hash}).status_code == 404
