"""Owners' votes through the API: only the confirmed committee runs a vote, the electorate is
frozen when voting opens and counted as the law counts, owners cast once (changeable where
allowed), paper ballots need two members, the firm reads aggregates only, and what is decided
stays as it was (PostgreSQL refuses the rest)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import body, open_vote

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100


def _rows(cast) -> tuple[int, int, int]:
    from votes.models import Ballot, Elector, Vote

    with schema_context(cast.a.schema):
        return Vote.objects.count(), Elector.objects.count(), Ballot.objects.count()


def test_only_the_confirmed_committee_drafts_a_vote(votes) -> None:
    cast = votes.cast
    before = _rows(cast)
    for who in ("admin", "manager", "staff", "resident"):
        denied = login(getattr(cast.a, who)).post(
            "/api/v1/votes/", body(votes.estate), format="json"
        )
        assert denied.status_code == 403, (who, denied.content)
        assert denied.json()["code"] == "votes_not_committee"
    assert _rows(cast) == before
    made = login(cast.a.committee).post("/api/v1/votes/", body(votes.estate), format="json")
    assert made.status_code == 201, made.content
    vote = made.json()
    assert vote["status"] == "draft" and vote["kind"] == "ordinary"
    assert vote["actions"] == ["announce", "edit"]
    assert vote["rule_text"].startswith("参与表决：专有部分面积 ≥ 2/3 且人数 ≥ 2/3")
    # the draft is the committee's: the firm and residents do not see it
    for who in ("admin", "manager", "resident"):
        client = login(getattr(cast.a, who))
        assert client.get(f"/api/v1/votes/{vote['id']}/").status_code == 404
        listed = client.get("/api/v1/votes/", {"estate": votes.estate}).json()
        assert listed == []
    # firm B does not reach it at all
    assert login(cast.b.admin).get(f"/api/v1/votes/{vote['id']}/").status_code == 404


def test_a_special_matter_needs_three_quarters_and_a_looser_rule_is_refused(votes) -> None:
    committee = login(votes.cast.a.committee)
    special = committee.post(
        "/api/v1/votes/", body(votes.estate, matter="common_use"), format="json"
    ).json()
    assert special["kind"] == "special" and "≥ 3/4" in special["rule_text"]
    looser = committee.post(
        "/api/v1/votes/",
        body(votes.estate, matter="common_use", rule={"pass_area": "2/3"}),
        format="json",
    )
    assert looser.status_code == 400 and looser.json()["code"] == "votes_rule_too_loose"
    assert "rule.pass_area" in looser.json()["fields"]
    stricter = committee.post(
        "/api/v1/votes/",
        body(votes.estate, rule={"turnout_area": "3/4", "pass_heads": "2/3"}),
        format="json",
    )
    assert stricter.status_code == 201, stricter.content
    assert "从严" in stricter.json()["rule_text"] and "人数 ≥ 2/3（" in stricter.json()["rule_text"]
    for bad in ({"pass_area": "abc"}, {"pass_area": "3/2"}):
        refused = committee.post("/api/v1/votes/", body(votes.estate, rule=bad), format="json")
        assert refused.status_code == 400


def test_bad_votes_are_refused_with_field_messages(votes) -> None:
    committee = login(votes.cast.a.committee)
    before = _rows(votes.cast)
    now = timezone.now()
    for over, field in (
        ({"options": ["同意"]}, "options"),
        ({"options": ["同意", "同意"]}, "options"),
        ({"matter": "mayor"}, "matter"),
        ({"notice_days": 7}, "notice_days"),
        ({"closes_at": (now + timedelta(days=1)).isoformat()}, "closes_at"),
        ({"building_ids": [10**12]}, "building_ids"),
        ({"title": ""}, "title"),
    ):
        refused = committee.post("/api/v1/votes/", body(votes.estate, **over), format="json")
        assert refused.status_code == 400, (over, refused.content)
        assert field in refused.json()["fields"], (over, refused.json())
    assert committee.get("/api/v1/votes/", {"estate": "abc"}).status_code == 400
    assert committee.get("/api/v1/votes/abc/").status_code == 404
    assert _rows(votes.cast) == before


def test_announcing_needs_the_full_notice_period(votes) -> None:
    committee = login(votes.cast.a.committee)
    now = timezone.now()
    soon = committee.post(
        "/api/v1/votes/",
        body(votes.estate, opens_at=(now + timedelta(days=10)).isoformat()),
        format="json",
    ).json()
    refused = committee.post(f"/api/v1/votes/{soon['id']}/announce/")
    assert refused.status_code == 400 and "opens_at" in refused.json()["fields"]
    fine = committee.post("/api/v1/votes/", body(votes.estate), format="json").json()
    announced = committee.post(f"/api/v1/votes/{fine['id']}/announce/")
    assert announced.status_code == 200 and announced.json()["status"] == "announced"
    # not yet time to open; the terms are fixed now
    early = committee.post(f"/api/v1/votes/{fine['id']}/open/")
    assert early.status_code == 409 and early.json()["code"] == "votes_too_early"
    edit = committee.put(f"/api/v1/votes/{fine['id']}/", body(votes.estate), format="json")
    assert edit.status_code == 409
    # the firm now sees it, read-only
    manager = login(votes.cast.a.manager)
    seen = manager.get(f"/api/v1/votes/{fine['id']}/").json()
    assert seen["status"] == "announced" and seen["actions"] == [] and seen["tally"] is None


def test_the_electorate_is_frozen_and_counted_as_the_law_counts(votes) -> None:
    pk = open_vote(votes)
    committee = login(votes.cast.a.committee)
    vote = committee.get(f"/api/v1/votes/{pk}/").json()
    tally = vote["tally"]
    # resident 89.50 + developer (A1-1-102) 89.50 + 张三 (two units) 200 + 李四/王五 50 + 赵六 60
    assert tally["electorate_area"] == "489.00" and tally["electorate_heads"] == 5
    assert {b["building_name"]: b["electorate_heads"] for b in tally["buildings"]} == {
        "1": 2,
        "2": 3,
    }
    electors = committee.get(f"/api/v1/votes/{pk}/electors/").json()
    assert sorted(e["names"] for e in electors) == sorted(
        ["住户 resident", "开发建设单位", "张三", "李四、王五", "赵六"]
    )
    assert [e["area"] for e in electors if e["names"] == "张三"] == ["200.00"]
    # an owner linked after the vote opened is not in its electorate
    from estates import services as estates
    from estates.models import Person, Unit

    with schema_context(votes.cast.a.schema):
        newcomer = Person.objects.get(full_name="赵六")
        estates.owner_link(
            unit=Unit.objects.get(pk=votes.cast.a.units["A1-1-102"]), person=newcomer
        )
    zhao = login(votes.owners["zhao"])
    mine = zhao.get(f"/api/v1/votes/{pk}/").json()["mine"]
    assert [m["unit_labels"] for m in mine] == ["2-204"]


def test_owners_cast_change_and_check_their_receipt_and_the_tally_is_live(votes) -> None:
    pk = open_vote(votes)
    zhang, li, wang = (login(votes.owners[k]) for k in ("zhang", "li", "wang"))
    cast1 = zhang.post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    assert cast1.status_code == 201, cast1.content
    first_receipt = cast1.json()["receipt"]
    changed = zhang.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json")
    assert changed.status_code == 201 and changed.json()["revision"] == 2
    receipt = changed.json()["receipt"]
    # co-owners cast one ballot: 李四 casts, 王五 sees it and may change it (the vote allows)
    assert li.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json").status_code == 201
    wang_view = wang.get(f"/api/v1/votes/{pk}/").json()
    assert wang_view["mine"][0]["choice"] == 0 and "cast" in wang_view["actions"]
    tally = login(votes.cast.a.manager).get(f"/api/v1/votes/{pk}/").json()["tally"]
    assert tally["voted_heads"] == 2 and tally["voted_area"] == "250.00"
    # a secret vote: turnout live, the options sealed until the close (test_tally_privacy)
    assert tally["sealed"] is True and tally["options"] == [] and tally["quorum"] is False
    # the receipt proves inclusion: the latest counts, the replaced one no longer does
    assert zhang.post(f"/api/v1/votes/{pk}/receipt/", {"receipt": receipt}).json() == {
        "included": True
    }
    assert zhang.post(f"/api/v1/votes/{pk}/receipt/", {"receipt": first_receipt}).json() == {
        "included": False
    }
    # a choice outside the options, and people outside the electorate
    bad = wang.post(f"/api/v1/votes/{pk}/cast/", {"choice": 3}, format="json")
    assert bad.status_code == 400 and "choice" in bad.json()["fields"]
    for who in ("admin", "manager", "staff"):
        denied = login(getattr(votes.cast.a, who)).post(
            f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json"
        )
        assert denied.status_code == 403 and denied.json()["code"] == "votes_firm_cannot_vote"
    other = login(votes.cast.b.resident).post(f"/api/v1/votes/{pk}/cast/", {"choice": 0})
    assert other.status_code == 404


def test_a_vote_that_does_not_allow_changes_keeps_the_first_ballot(votes) -> None:
    pk = open_vote(votes, changeable=False)
    zhao = login(votes.owners["zhao"])
    assert zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json").status_code == 201
    again = zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json")
    assert again.status_code == 409 and again.json()["code"] == "votes_already_voted"
    assert zhao.get(f"/api/v1/votes/{pk}/").json()["mine"][0]["choice"] == 1


def test_the_firm_sees_no_individual_ballot(votes) -> None:
    pk = open_vote(votes, secret=False)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    expected = {
        "admin": (403, 403),
        "manager": (403, 403),
        "staff": (403, 403),
        "resident": (403, 403),
        "committee": (200, 200),
    }
    for who, (ballots, electors) in expected.items():
        client = login(getattr(votes.cast.a, who))
        assert client.get(f"/api/v1/votes/{pk}/ballots/").status_code == ballots, who
        assert client.get(f"/api/v1/votes/{pk}/electors/").status_code == electors, who
        seen = client.get(f"/api/v1/votes/{pk}/")
        assert seen.status_code == 200
        assert "赵六" not in seen.content.decode()
    named = login(votes.cast.a.committee).get(f"/api/v1/votes/{pk}/ballots/").json()["named"]
    assert [(b["elector_names"], b["choice"]) for b in named] == [("赵六", 1)]


def test_secret_ballots_show_the_committee_counts_only(votes) -> None:
    pk = open_vote(votes)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    committee = login(votes.cast.a.committee)
    ballots = committee.get(f"/api/v1/votes/{pk}/ballots/").json()
    assert ballots == {"pending_paper": [], "conflicts": [], "named": []}
    electors = committee.get(f"/api/v1/votes/{pk}/electors/").json()
    assert [e["names"] for e in electors if e["voted"]] == ["赵六"]
    assert "choice" not in electors[0]


def _paper(client, pk: int, elector: int, choice: int, scan: bytes = JPEG):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        f"/api/v1/votes/{pk}/paper/",
        {"elector": elector, "choice": choice, "scan": SimpleUploadedFile("s.jpg", scan)},
        format="multipart",
    )


def test_paper_ballots_need_a_second_member_and_prevail_over_online(
    votes, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    pk = open_vote(votes)
    committee, member2 = login(votes.cast.a.committee), login(votes.member2)
    electors = {e["names"]: e["id"] for e in committee.get(f"/api/v1/votes/{pk}/electors/").json()}
    zhao = login(votes.owners["zhao"])
    assert zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json").status_code == 201
    # not a scan: refused
    assert _paper(committee, pk, electors["赵六"], 1, b"not an image").status_code == 400
    entered = _paper(committee, pk, electors["赵六"], 1)
    assert entered.status_code == 201, entered.content
    ballot = entered.json()["id"]
    assert entered.json()["status"] == "entered"
    # the same member cannot confirm; the firm cannot either
    same = committee.post(f"/api/v1/votes/{pk}/confirm/", {"ballot": ballot, "accept": True})
    assert same.status_code == 403 and same.json()["code"] == "votes_same_member"
    firm = login(votes.cast.a.manager).post(
        f"/api/v1/votes/{pk}/confirm/", {"ballot": ballot, "accept": True}
    )
    assert firm.status_code == 403
    # closing waits for the pending entry
    from votes import services
    from votes.models import Vote

    with schema_context(votes.cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        with pytest.raises(services.PaperPending):
            services.vote_close(
                user=votes.cast.a.committee.user, vote=vote, now=vote.closes_at + timedelta(hours=1)
            )
    confirmed = member2.post(f"/api/v1/votes/{pk}/confirm/", {"ballot": ballot, "accept": True})
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "counted"
    # the conflict is shown; the paper ballot counts; the owner can no longer vote online
    listed = committee.get(f"/api/v1/votes/{pk}/ballots/").json()
    assert {(b["channel"], b["elector_names"]) for b in listed["conflicts"]} == {
        ("online", "赵六"),
        ("paper", "赵六"),
    }
    assert zhao.get(f"/api/v1/votes/{pk}/").json()["mine"][0]["channel"] == "paper"
    refused = zhao.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "votes_paper_on_file"
    tally = committee.get(f"/api/v1/votes/{pk}/").json()["tally"]
    assert tally["voted_heads"] == 1 and tally["sealed"] is True  # one head: paper replaced online
    from votes import selectors

    with schema_context(votes.cast.a.schema):
        assert list(selectors.counted(vote=Vote.objects.get(pk=pk)).choices.values()) == [1]
    # the developer's single ballot, entered from its signed paper and rejected once
    dev = _paper(member2, pk, electors["开发建设单位"], 2).json()["id"]
    back = committee.post(f"/api/v1/votes/{pk}/confirm/", {"ballot": dev, "accept": False})
    assert back.json()["status"] == "rejected"
    assert _paper(member2, pk, electors["开发建设单位"], 2).status_code == 201


def test_a_full_vote_is_published_and_verified_offline(votes, tmp_path) -> None:
    import json
    import subprocess
    import sys

    from tests.helpers import ROOT
    from votes import services
    from votes.models import Result, Vote

    pk = open_vote(votes)
    receipts = {}
    for key, choice in (("zhang", 0), ("li", 0), ("zhao", 1)):
        made = login(votes.owners[key]).post(
            f"/api/v1/votes/{pk}/cast/", {"choice": choice}, format="json"
        )
        receipts[key] = made.json()["receipt"]
    resident = login(votes.cast.a.resident)
    resident.post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json")
    committee = login(votes.cast.a.committee)
    early = committee.post(f"/api/v1/votes/{pk}/close/")
    assert early.status_code == 409 and early.json()["code"] == "votes_too_early"
    with schema_context(votes.cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        services.vote_close(
            user=votes.cast.a.committee.user, vote=vote, now=vote.closes_at + timedelta(hours=1)
        )
    assert login(votes.cast.a.manager).post(f"/api/v1/votes/{pk}/publish/").status_code == 403
    published = committee.post(f"/api/v1/votes/{pk}/publish/")
    assert published.status_code == 200, published.content
    result = published.json()
    # 4 of 5 heads, 399.50 of 489.00 m² voted (≥ 2/3 of both); 同意: 3 heads, 339.50 m²
    assert result["status"] == "published" and result["result"]["passed"] is True
    assert result["tally"]["voted_area"] == "399.50" and result["tally"]["adopted"] == 0
    # the firm reads the aggregates and the published result, not who voted what
    export = login(votes.cast.a.manager).get(f"/api/v1/votes/{pk}/export/")
    assert export.status_code == 200
    data = export.json()
    assert "张三" not in json.dumps(data, ensure_ascii=False)
    assert data["outcome"]["voted_heads"] == 4 and data["outcome"]["passed"] is True
    assert data["rule_text"].startswith("参与表决")
    # each owner finds their receipt in the published result
    for key, receipt in receipts.items():
        answer = login(votes.owners[key]).post(f"/api/v1/votes/{pk}/receipt/", {"receipt": receipt})
        assert answer.json() == {"included": True}, key
    assert resident.post(f"/api/v1/votes/{pk}/receipt/", {"receipt": "NOPE"}).json() == {
        "included": False
    }
    # the offline verifier recomputes it ...
    path = tmp_path / "vote.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    ok = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tools" / "verify_vote.py"),
            str(path),
            "--receipt",
            receipts["zhao"],
        ],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "通过" in ok.stdout and "回执已计入" in ok.stdout
    # ... and names a changed count (a secret vote: one head moved from 反对 to 同意)
    changed = json.loads(path.read_text(encoding="utf-8"))
    changed["counts"][1]["heads"] -= 1
    changed["counts"][0]["heads"] += 1
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_vote.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "digest" in bad.stdout and "outcome.options" in bad.stdout
    # the published result never changes, even with raw SQL
    with schema_context(votes.cast.a.schema):
        stored = Result.objects.get(vote_id=pk)
        with (
            pytest.raises(DatabaseError, match="pgtrigger"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute("UPDATE votes_result SET passed = NOT passed WHERE id = %s", [stored.pk])
        assert Result.objects.get(pk=stored.pk).passed is True


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE votes_ballot SET choice = 2 WHERE vote_id = %(vote)s",
        "DELETE FROM votes_ballot WHERE vote_id = %(vote)s",
        "UPDATE votes_elector SET area = 1 WHERE vote_id = %(vote)s",
        "UPDATE votes_vote SET title = '别的' WHERE id = %(vote)s",
        "DELETE FROM votes_vote WHERE id = %(vote)s",
    ],
)
def test_postgresql_refuses_changing_ballots_electorate_or_terms(votes, sql: str) -> None:
    pk = open_vote(votes)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    with schema_context(votes.cast.a.schema):
        with (
            pytest.raises(DatabaseError, match="pgtrigger"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, {"vote": pk})
        from votes.models import Ballot

        assert list(Ballot.objects.filter(vote_id=pk).values_list("choice", flat=True)) == [1]


def test_a_second_ballot_past_the_service_is_the_409_conflict(votes) -> None:
    from django.db import IntegrityError

    from api.exceptions import exception_handler
    from votes.models import Ballot

    pk = open_vote(votes)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    with schema_context(votes.cast.a.schema):
        first = Ballot.objects.get(vote_id=pk)
        with pytest.raises(IntegrityError) as caught, transaction.atomic():
            Ballot.objects.create(
                vote_id=pk,
                elector_id=first.elector_id,
                revision=first.revision,
                choice=0,
                channel="online",
                status="counted",
                cast_by_id=first.cast_by_id,
                cast_at=first.cast_at,
                receipt="RACE",
            )
    response = exception_handler(caught.value, {})
    assert response is not None and response.status_code == 409
    assert response.data["code"] == "votes_ballot_race"


def test_messages_speak_the_readers_language(votes) -> None:
    from accounts.models import User

    with schema_context(votes.cast.a.schema):
        User.objects.filter(email=votes.cast.a.manager.email).update(language="en")
    denied = login(votes.cast.a.manager).post("/api/v1/votes/", body(votes.estate), format="json")
    assert denied.status_code == 403
    assert denied.json()["detail"].startswith("Only the estate's confirmed committee")


def test_area_is_exact_decimal(votes) -> None:
    pk = open_vote(votes, building_ids=[])
    from votes.models import Elector

    with schema_context(votes.cast.a.schema):
        total = sum(Elector.objects.filter(vote_id=pk).values_list("area", flat=True), Decimal(0))
    assert total == Decimal("489.00")


def test_the_deadline_engine_publishes_a_result_the_committee_sat_on_for_7_days(votes) -> None:
    from deadlines.services import firm_sweep
    from tenants.models import Firm
    from votes import services
    from votes.models import Result, Vote

    pk = open_vote(votes)
    login(votes.owners["zhao"]).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    with schema_context(votes.cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        closed_at = vote.closes_at + timedelta(hours=1)
        services.vote_close(user=votes.cast.a.committee.user, vote=vote, now=closed_at)
        # the firm is due by the deadline at the latest
        firm = Firm.all_objects.get(schema_name=votes.cast.a.schema)
        assert firm.next_due_at is not None
        assert firm.next_due_at <= closed_at + timedelta(days=7)
        six_days = firm_sweep(now=closed_at + timedelta(days=6), names=["votes.result_published"])
        assert six_days == {"votes.result_published": 0}
        assert not Result.objects.filter(vote_id=pk).exists()
        late = firm_sweep(now=closed_at + timedelta(days=7), names=["votes.result_published"])
        assert late == {"votes.result_published": 1}
        result = Result.objects.get(vote_id=pk)
        assert result.published_by is None and result.passed is False  # 1 of 5: no quorum
        assert Vote.objects.get(pk=pk).status == "published"
        again = firm_sweep(now=closed_at + timedelta(days=8), names=["votes.result_published"])
        assert again == {"votes.result_published": 0}
    shown = login(votes.owners["zhao"]).get(f"/api/v1/votes/{pk}/").json()
    assert shown["status"] == "published" and shown["result"]["passed"] is False


def test_a_published_result_is_on_the_estate_board_and_owners_are_told_once(votes) -> None:
    from notifications.models import Notification
    from votes import services
    from votes.models import Vote

    pk = open_vote(votes)
    zhao = votes.owners["zhao"]
    login(zhao).post(f"/api/v1/votes/{pk}/cast/", {"choice": 1}, format="json")
    with schema_context(votes.cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        services.vote_close(
            user=votes.cast.a.committee.user, vote=vote, now=vote.closes_at + timedelta(hours=1)
        )
    assert login(votes.cast.a.committee).post(f"/api/v1/votes/{pk}/publish/").status_code == 200
    board = login(votes.cast.a.resident).get("/api/v1/notices/", {"kind": "vote"}).json()
    assert [(n["side"], n["link"], n["author_name"]) for n in board["results"]] == [
        ("system", f"/votes/{pk}", None)
    ]
    assert board["results"][0]["title"] == f"表决结果：{vote.title}（未通过）"
    with schema_context(votes.cast.a.schema):
        told = Notification.objects.filter(user__email=zhao.email)
        assert list(told.filter(kind="votes.published").values_list("link", flat=True)) == [
            f"/votes/{pk}"
        ]
        assert not told.filter(kind="notice.published").exists()


def _published_export(votes, pk: int) -> dict:
    from votes import services
    from votes.models import Vote

    with schema_context(votes.cast.a.schema):
        vote = Vote.objects.get(pk=pk)
        services.vote_close(
            user=votes.cast.a.committee.user, vote=vote, now=vote.closes_at + timedelta(hours=1)
        )
    assert login(votes.cast.a.committee).post(f"/api/v1/votes/{pk}/publish/").status_code == 200
    return login(votes.cast.a.resident).get(f"/api/v1/votes/{pk}/export/").json()


def _pairs(node: object) -> list[dict]:
    """Every object of the export that holds a choice."""
    found: list[dict] = []
    if isinstance(node, dict):
        if "choice" in node:
            found.append(node)
        for value in node.values():
            found += _pairs(value)
    elif isinstance(node, list):
        for value in node:
            found += _pairs(value)
    return found


def test_a_secret_votes_export_never_puts_a_ballots_area_next_to_its_choice(
    votes, tmp_path
) -> None:
    """Each owner here has an area of their own (200, 50, 60, 89.5 m²): a row per ballot with
    its area would say how each of them voted. The secret export gives sums per option only,
    and the offline verifier still recomputes the result from them."""
    import json
    import subprocess
    import sys

    from tests.helpers import ROOT

    pk = open_vote(votes)
    for key, choice in (("zhang", 0), ("li", 1), ("zhao", 1)):
        login(votes.owners[key]).post(
            f"/api/v1/votes/{pk}/cast/", {"choice": choice}, format="json"
        )
    login(votes.cast.a.resident).post(f"/api/v1/votes/{pk}/cast/", {"choice": 0}, format="json")
    data = _published_export(votes, pk)
    assert "ballots" not in data
    assert data["counts"] == [
        {"choice": 0, "heads": 2, "area": "289.50"},
        {"choice": 1, "heads": 2, "area": "110.00"},
        {"choice": 2, "heads": 0, "area": "0.00"},
    ]
    assert data["channels"] == {"online": 4, "paper": 0}
    # nothing else pairs a choice with anything narrower than an option's total
    assert all(set(p) <= {"choice", "heads", "area"} for p in _pairs(data))
    text = json.dumps(data, ensure_ascii=False)
    path = tmp_path / "secret.json"
    path.write_text(text, encoding="utf-8")
    ok = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_vote.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert ok.returncode == 0, ok.stdout + ok.stderr
    # a sum the roll cannot make (2 heads weigh at most 200 + 89.5 m²) is named even when the
    # digest is recomputed to match
    forged = json.loads(text)
    forged["counts"][0]["area"] = "300.00"
    del forged["digest"]
    import hashlib

    from votes.services import canonical

    forged["digest"] = hashlib.sha256(canonical(forged)).hexdigest()
    path.write_text(json.dumps(forged, ensure_ascii=False), encoding="utf-8")
    bad = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_vote.py"), str(path)],
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 1 and "counts: 选项 0" in bad.stdout


def test_an_open_votes_export_lists_its_ballots_without_names(votes) -> None:
    pk = open_vote(votes, secret=False)
    for key, choice in (("zhang", 0), ("li", 1), ("zhao", 0)):
        login(votes.owners[key]).post(
            f"/api/v1/votes/{pk}/cast/", {"choice": choice}, format="json"
        )
    data = _published_export(votes, pk)
    assert "counts" not in data
    assert [(b["choice"], b["area"]) for b in data["ballots"]] == [
        (0, "60.00"),
        (0, "200.00"),
        (1, "50.00"),
    ]
