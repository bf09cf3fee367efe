"""The resident home's 小区公示 card reads its estate's latest published statement and scores
through the existing lists, asked exactly as frontend/src/features/home/queries.ts asks them:
the estate's resident gets the published statement (with its frozen figures) and the scores
newest first; a resident of the firm's other estate and firm B's resident get nothing, and a
statement still in review is on nobody's home."""

from __future__ import annotations

from datetime import date

from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.disclosure.conftest import posted
from tests.helpers import login
from tests.scoring.conftest import RATINGS, household, open_survey

PUBLISHED_MONTH = date(2026, 10, 1)
IN_REVIEW_MONTH = date(2026, 11, 1)


def _statements(cast) -> tuple[int, int]:
    """A1's October statement, published, and its November one, still in review."""
    from disclosure import services
    from estates.models import Estate

    with schema_context(cast.a.schema):
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        admin = cast.a.admin.user
        posted(estate, admin, amount="1200.00", category="advertising")
        posted(estate, admin, amount="300.00", kind="expense", category="repairs")
        october = services.statement_draft(
            user=admin, estate=estate, kind="monthly", period_start=PUBLISHED_MONTH
        )
        october = services.statement_submit(user=admin, statement=october)
        # as if the committee had signed it off and the sweep had published it
        october.status = "published"
        october.published_at = timezone.now()
        october.save()
        posted(estate, admin, amount="50.00", day=date(2026, 11, 3))
        november = services.statement_draft(
            user=admin, estate=estate, kind="monthly", period_start=IN_REVIEW_MONTH
        )
        november = services.statement_submit(user=admin, statement=november)
    connection.set_schema_to_public()
    return october.pk, november.pk


def _score(cast, start: date) -> int:
    survey = open_survey(cast, start=start)
    answered = login(cast.a.resident).post(
        f"/api/v1/scoring/surveys/{survey}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    closed = login(cast.a.committee).post(f"/api/v1/scoring/surveys/{survey}/close/")
    assert closed.status_code == 200, closed.content
    return closed.json()["score"]


def _home_reads(client, estate: int) -> tuple[dict, dict]:
    statements = client.get(
        "/api/v1/statements/", {"estate": estate, "status": "published", "page_size": 4}
    )
    scores = client.get("/api/v1/scoring/scores/", {"estate": estate, "page_size": 2})
    assert statements.status_code == 200, statements.content
    assert scores.status_code == 200, scores.content
    return statements.json(), scores.json()


def test_the_estates_resident_reads_its_published_statement_and_latest_scores(cast, db):
    october, november = _statements(cast)
    earlier = _score(cast, date(2026, 4, 1))
    latest = _score(cast, date(2026, 7, 1))
    resident = login(cast.a.resident)

    statements, scores = _home_reads(resident, cast.a.estates["A1"])

    assert [s["id"] for s in statements["results"]] == [october]
    assert statements["results"][0]["status"] == "published"
    assert statements["results"][0]["published_at"] is not None
    detail = resident.get(f"/api/v1/statements/{october}/")
    assert detail.status_code == 200
    summary = detail.json()["summary"]
    assert (summary["income_total"], summary["expense_total"], summary["net"]) == (
        "1200.00",
        "300.00",
        "900.00",
    )
    assert resident.get(f"/api/v1/statements/{november}/").status_code == 404
    assert [s["id"] for s in scores["results"]] == [latest, earlier]
    assert [s["period_start"] for s in scores["results"]] == ["2026-07-01", "2026-04-01"]


def test_a_resident_of_another_estate_or_firm_sees_none_of_it(cast, db):
    october, _november = _statements(cast)
    score = _score(cast, date(2026, 7, 1))
    a1 = cast.a.estates["A1"]
    elsewhere = household(cast.a, "A2", "808", key="a2-neighbour").person

    for person in (elsewhere, cast.b.resident):
        client = login(person)
        statements, scores = _home_reads(client, a1)
        assert statements["count"] == 0, person.email
        assert scores["count"] == 0, person.email
        assert client.get(f"/api/v1/statements/{october}/").status_code == 404
        assert client.get(f"/api/v1/scoring/scores/{score}/").status_code == 404
