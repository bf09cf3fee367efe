"""What the firm may read: aggregates only, after close, none for a group under 5 answers
(per building, per dimension); paper answers counted apart."""

from __future__ import annotations

from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import RATINGS, household


def _answer(cast, survey_id: int, count: int, *, building: str = "1") -> None:
    from scoring import services
    from scoring.models import Survey

    homes = [
        household(cast.a, "A1", f"{building}{n + 11}", key=f"h{building}-{n}", building=building)
        for n in range(count)
    ]
    with schema_context(cast.a.schema):
        survey = Survey.objects.get(pk=survey_id)
        for n, home in enumerate(homes):
            services.ballot_submit(
                user=home.person.user,
                survey=survey,
                unit_id=home.unit,
                ratings={**RATINGS, "overall": 1 + n % 5},
                comment=f"意见 {n}",
            )


def _close(cast, survey_id: int) -> None:
    closed = login(cast.a.committee).post(f"/api/v1/scoring/surveys/{survey_id}/close/")
    assert closed.status_code == 200, closed.content


def test_four_answers_show_the_firm_nothing(cast, db, survey_id):
    _answer(cast, survey_id, 4)
    firm = login(cast.a.manager)
    early = firm.get(f"/api/v1/scoring/surveys/{survey_id}/results/")
    assert early.status_code == 409 and early.json()["code"] == "results_not_ready"
    _close(cast, survey_id)
    body = firm.get(f"/api/v1/scoring/surveys/{survey_id}/results/").json()
    assert body["answers"] == 4 and body["comments"] == []
    assert all(d["suppressed"] and d["mean"] is None for d in body["dimensions"].values())
    assert all(b["suppressed"] and b["n"] is None for b in body["buildings"])


def test_five_answers_show_the_firm_aggregates(cast, db, survey_id):
    _answer(cast, survey_id, 5)
    _close(cast, survey_id)
    body = login(cast.a.manager).get(f"/api/v1/scoring/surveys/{survey_id}/results/").json()
    overall = body["dimensions"]["overall"]
    assert overall == {"n": 5, "suppressed": False, "mean": "3.00", "distribution": [1, 1, 1, 1, 1]}
    assert body["dimensions"]["repairs"]["mean"] == "2.00"
    assert body["online"] == 5 and body["paper"] == 0
    assert body["comments"] == sorted(f"意见 {n}" for n in range(5))
    building = next(b for b in body["buildings"] if b["name"] == "1")
    assert building["n"] == 5 and not building["suppressed"]


def test_a_small_building_stays_hidden_while_the_estate_shows(cast, db, survey_id):
    _answer(cast, survey_id, 5, building="1")
    _answer(cast, survey_id, 2, building="2")
    _close(cast, survey_id)
    body = login(cast.a.admin).get(f"/api/v1/scoring/surveys/{survey_id}/results/").json()
    assert body["answers"] == 7 and not body["dimensions"]["overall"]["suppressed"]
    small = next(b for b in body["buildings"] if b["name"] == "2")
    assert small["suppressed"] and small["dimensions"]["overall"]["mean"] is None


def test_paper_answers_are_counted_separately_in_results(cast, db, survey_id):
    _answer(cast, survey_id, 4)
    paper = login(cast.a.committee).post(
        f"/api/v1/scoring/surveys/{survey_id}/paper/",
        {"unit": cast.a.units["A1-1-102"], "ratings": RATINGS},
        format="json",
    )
    assert paper.status_code == 201
    _close(cast, survey_id)
    body = login(cast.a.manager).get(f"/api/v1/scoring/surveys/{survey_id}/results/").json()
    assert (body["answers"], body["online"], body["paper"]) == (5, 4, 1)
