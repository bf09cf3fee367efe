"""Surveys: the firm drafts, only the committee opens and closes; who may answer (never a firm
role), one voice per household, response rates, reminders at most once a week."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import PERIOD_START, RATINGS, household, open_survey


def _survey(cast, pk: int):
    from scoring.models import Survey

    with schema_context(cast.a.schema):
        return Survey.objects.get(pk=pk)


def _ballots(cast, pk: int) -> list[tuple[str, str, int]]:
    from scoring.models import Ballot

    with schema_context(cast.a.schema):
        return list(Ballot.objects.filter(survey_id=pk).values_list("voice", "channel", "overall"))


def test_firm_drafts_committee_opens_and_the_firm_can_no_longer_edit(cast, db):
    firm = login(cast.a.manager)
    created = firm.post(
        "/api/v1/scoring/surveys/",
        {"estate": cast.a.estates["A1"], "period_start": PERIOD_START.isoformat()},
        format="json",
    )
    assert created.status_code == 201, created.content
    survey = created.json()
    assert survey["status"] == "draft" and survey["period_end"] == "2026-09-30"
    assert survey["actions"] == ["edit"]
    sid = survey["id"]

    assert firm.post(f"/api/v1/scoring/surveys/{sid}/open/").status_code == 403
    assert _survey(cast, sid).status == "draft"

    committee = login(cast.a.committee)
    opened = committee.post(f"/api/v1/scoring/surveys/{sid}/open/")
    assert opened.status_code == 200, opened.content
    assert opened.json()["status"] == "open"

    edited = firm.patch(f"/api/v1/scoring/surveys/{sid}/", {"title": "改题"}, format="json")
    assert edited.status_code == 409 and edited.json()["code"] == "survey_not_draft"
    assert _survey(cast, sid).title != "改题"
    assert firm.post(f"/api/v1/scoring/surveys/{sid}/close/").status_code == 403
    assert _survey(cast, sid).status == "open"


@pytest.mark.parametrize(
    ("who", "open_status", "close_status"),
    [
        ("admin", 403, 403),
        ("manager", 403, 403),
        ("staff", 403, 403),
        ("resident", 403, 403),
        ("committee", 200, 200),
    ],
)
def test_only_the_committee_opens_and_closes(cast, db, who, open_status, close_status):
    from estates.models import Estate
    from scoring import services

    with schema_context(cast.a.schema):
        sid = services.survey_draft(
            user=cast.a.manager.user,
            estate=Estate.objects.get(code="A1"),
            period_start=PERIOD_START,
        ).pk
    client = login(getattr(cast.a, who))
    assert client.post(f"/api/v1/scoring/surveys/{sid}/open/").status_code == open_status
    expected = "open" if open_status == 200 else "draft"
    assert _survey(cast, sid).status == expected
    if expected == "draft":
        login(cast.a.committee).post(f"/api/v1/scoring/surveys/{sid}/open/")
    assert client.post(f"/api/v1/scoring/surveys/{sid}/close/").status_code == close_status
    assert _survey(cast, sid).status == ("closed" if close_status == 200 else "open")


def test_estate_scoped_people_reach_only_their_estate(cast, db):
    """The manager and committee of A1 neither draft for nor see the surveys of A2."""
    from estates.models import Estate
    from scoring import services

    with schema_context(cast.a.schema):
        sid = services.survey_draft(
            user=cast.a.admin.user, estate=Estate.objects.get(code="A2"), period_start=PERIOD_START
        ).pk
    manager = login(cast.a.manager)
    refused = manager.post(
        "/api/v1/scoring/surveys/",
        {"estate": cast.a.estates["A2"], "period_start": "2026-04-01"},
        format="json",
    )
    assert refused.status_code == 404
    assert manager.get(f"/api/v1/scoring/surveys/{sid}/").status_code == 404
    committee = login(cast.a.committee)
    assert committee.post(f"/api/v1/scoring/surveys/{sid}/open/").status_code == 404
    assert _survey(cast, sid).status == "draft"
    assert login(cast.a.admin).get(f"/api/v1/scoring/surveys/{sid}/").status_code == 200


def test_a_second_firm_with_overlapping_ids_reaches_only_its_own(cast, db):
    from estates.models import Estate
    from scoring import services
    from scoring.models import Survey

    sid = open_survey(cast)
    with schema_context(cast.b.schema):
        b_estate = Estate.objects.get(code="B1")
        # firm B's own survey takes the same id in its own schema (sequences are not rolled
        # back with the tests before this one, so B's is set rather than counted up to it)
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('scoring_survey', 'id'), %s, false)", [sid]
            )
        b_sid = services.survey_draft(
            user=cast.b.manager.user, estate=b_estate, period_start=PERIOD_START
        ).pk
        assert b_sid == sid and Survey.objects.filter(pk=sid).exists()
    other = login(cast.b.manager)
    seen = other.get(f"/api/v1/scoring/surveys/{sid}/")
    assert seen.status_code == 200 and seen.json()["estate"] == cast.b.estates["B1"]
    answer = login(cast.b.resident).post(
        f"/api/v1/scoring/surveys/{sid}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    assert (
        answer.status_code == 404
    )  # firm B's survey is a draft it cannot see; A's is never reached
    assert _ballots(cast, sid) == []
    assert other.get("/api/v1/scoring/surveys/").json()["count"] >= 1
    assert all(
        s["estate"] == cast.b.estates["B1"]
        for s in other.get("/api/v1/scoring/surveys/").json()["results"]
    )


@pytest.mark.parametrize("who", ["admin", "manager", "staff"])
def test_no_firm_role_can_answer_or_enter_an_answer(cast, db, survey_id, who):
    client = login(getattr(cast.a, who))
    body = {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS}
    assert (
        client.post(f"/api/v1/scoring/surveys/{survey_id}/answer/", body, format="json").status_code
        == 403
    )
    assert (
        client.post(f"/api/v1/scoring/surveys/{survey_id}/paper/", body, format="json").status_code
        == 403
    )
    assert _ballots(cast, survey_id) == []


def test_a_firm_employee_linked_to_a_unit_still_cannot_answer(cast, db, survey_id):
    """Staff who also own a flat in the estate: the service refuses whatever the capability."""
    from estates import services as estates
    from estates.models import Unit
    from scoring import services
    from scoring.exceptions import FirmCannotAnswer

    with schema_context(cast.a.schema):
        staff = cast.a.staff.user
        person = estates.person_create(full_name="员工业主", phone="")
        person.user = staff
        person.save(update_fields=["user"])
        estates.owner_link(unit=Unit.objects.get(pk=cast.a.units["A1-1-102"]), person=person)
        with pytest.raises(FirmCannotAnswer):
            services.ballot_submit(
                user=staff,
                survey=_survey(cast, survey_id),
                unit_id=cast.a.units["A1-1-102"],
                ratings=RATINGS,
            )
    assert _ballots(cast, survey_id) == []


def test_resident_answers_changes_the_answer_and_keeps_one_voice(cast, db, survey_id):
    resident = login(cast.a.resident)
    mine = resident.get(f"/api/v1/scoring/surveys/{survey_id}/mine/")
    assert mine.status_code == 200
    assert mine.json() == [
        {
            "unit": cast.a.units["A1-1-101"],
            "label": "1-101",
            "voice": "owner",
            "answered": False,
            "answered_by": None,
            "answered_by_me": False,
        }
    ]
    url = f"/api/v1/scoring/surveys/{survey_id}/answer/"
    first = resident.post(
        url, {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS}, format="json"
    )
    assert first.status_code == 200, first.content
    again = resident.post(
        url, {"unit": cast.a.units["A1-1-101"], "ratings": {**RATINGS, "overall": 1}}, format="json"
    )
    assert again.status_code == 200
    assert _ballots(cast, survey_id) == [("owner", "online", 1)]
    # someone else's unit
    other = resident.post(
        url, {"unit": cast.a.units["A1-1-102"], "ratings": RATINGS}, format="json"
    )
    assert other.status_code == 403 and other.json()["code"] == "not_household"
    bad = resident.post(
        url, {"unit": cast.a.units["A1-1-101"], "ratings": {**RATINGS, "overall": 6}}, format="json"
    )
    assert bad.status_code == 400 and "ratings" in bad.json()["fields"]
    assert _ballots(cast, survey_id) == [("owner", "online", 1)]


def test_the_owners_answer_holds_the_voice_over_an_occupants(cast, db, survey_id):
    occupant = household(cast.a, "A1", "102", key="occ102", voice="occupant")
    owner = household(cast.a, "A1", "102", key="own102", voice="owner")
    url = f"/api/v1/scoring/surveys/{survey_id}/answer/"
    body = {"unit": occupant.unit, "ratings": {**RATINGS, "overall": 2}}
    assert login(occupant.person).post(url, body, format="json").status_code == 200
    assert _ballots(cast, survey_id) == [("occupant", "online", 2)]
    body = {"unit": owner.unit, "ratings": {**RATINGS, "overall": 5}}
    assert login(owner.person).post(url, body, format="json").status_code == 200
    assert _ballots(cast, survey_id) == [("owner", "online", 5)]
    late = login(occupant.person).post(
        url, {"unit": occupant.unit, "ratings": {**RATINGS, "overall": 1}}, format="json"
    )
    assert late.status_code == 409 and late.json()["code"] == "owner_answered"
    assert _ballots(cast, survey_id) == [("owner", "online", 5)]


def test_the_answers_table_names_no_person_and_no_unit(cast, db, survey_id):
    from scoring.models import Ballot

    columns = {f.column for f in Ballot._meta.concrete_fields}
    assert not columns & {"unit_id", "user_id", "person_id", "created_at", "updated_at"}
    login(cast.a.resident).post(
        f"/api/v1/scoring/surveys/{survey_id}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    with schema_context(cast.a.schema):
        voter = Ballot.objects.get(survey_id=survey_id).voter
    import hashlib

    from scoring.services import voter_for

    unit = cast.a.units["A1-1-101"]
    plain = hashlib.sha256(f"{survey_id}:{unit}".encode()).hexdigest()
    with schema_context(cast.a.schema):
        assert voter == voter_for(survey_id, unit) and voter != plain  # keyed, not guessable


def test_paper_answers_are_entered_by_the_committee_marked_and_counted_apart(cast, db, survey_id):
    committee = login(cast.a.committee)
    url = f"/api/v1/scoring/surveys/{survey_id}/paper/"
    entered = committee.post(
        url, {"unit": cast.a.units["A1-1-102"], "ratings": RATINGS}, format="json"
    )
    assert entered.status_code == 201, entered.content
    assert _ballots(cast, survey_id) == [("owner", "paper", 4)]
    login(cast.a.resident).post(
        f"/api/v1/scoring/surveys/{survey_id}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    # an online answer stands against a later paper form
    clash = committee.post(
        url, {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS}, format="json"
    )
    assert clash.status_code == 409 and clash.json()["code"] == "answered_online"
    foreign = committee.post(
        url, {"unit": cast.a.units["A2-1-101"], "ratings": RATINGS}, format="json"
    )
    assert foreign.status_code == 400 and foreign.json()["code"] == "unit_not_in_estate"
    assert sorted(_ballots(cast, survey_id)) == [("owner", "online", 4), ("owner", "paper", 4)]


def test_response_rates_per_building_for_the_committee_only(cast, db, survey_id):
    login(cast.a.resident).post(
        f"/api/v1/scoring/surveys/{survey_id}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    rates = login(cast.a.committee).get(f"/api/v1/scoring/surveys/{survey_id}/response-rates/")
    assert rates.status_code == 200, rates.content
    body = rates.json()
    assert body["units"] == 2 and body["answered"] == 1 and body["rate"] == "50.00"
    assert body["buildings"] == [
        {
            "building": body["buildings"][0]["building"],
            "name": "1",
            "units": 2,
            "answered": 1,
            "rate": "50.00",
        }
    ]
    for who in ("admin", "manager", "staff", "resident"):
        denied = login(getattr(cast.a, who)).get(
            f"/api/v1/scoring/surveys/{survey_id}/response-rates/"
        )
        assert denied.status_code == 403, who


def test_reminders_go_to_households_that_have_not_answered_at_most_once_a_week(
    cast, db, survey_id, django_capture_on_commit_callbacks, mailoutbox
):
    from notifications.models import Notification
    from scoring import services

    neighbour = household(cast.a, "A1", "102", key="nb102")
    with schema_context(cast.a.schema):
        survey = _survey(cast, survey_id)
        services.ballot_submit(
            user=cast.a.resident.user,
            survey=survey,
            unit_id=cast.a.units["A1-1-101"],
            ratings=RATINGS,
        )
        now = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            sent = services.survey_remind(user=cast.a.committee.user, survey=survey, now=now)
        assert sent == 1
        reminded = Notification.objects.filter(kind="scoring.reminder")
        assert list(reminded.values_list("user__email", flat=True)) == [neighbour.person.email]
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [neighbour.person.email]
    committee = login(cast.a.committee)
    again = committee.post(f"/api/v1/scoring/surveys/{survey_id}/remind/")
    assert again.status_code == 409 and again.json()["code"] == "reminder_too_soon"
    with schema_context(cast.a.schema):
        assert Notification.objects.filter(kind="scoring.reminder").count() == 1
        week_later = services.survey_remind(
            user=cast.a.committee.user, survey=survey, now=now + timedelta(days=7)
        )
        assert week_later == 1
        assert Notification.objects.filter(kind="scoring.reminder").count() == 2
    assert (
        login(cast.a.resident).post(f"/api/v1/scoring/surveys/{survey_id}/remind/").status_code
        == 403
    )
