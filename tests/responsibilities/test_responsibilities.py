"""The responsibility list (权责清单): either side proposes, only the other side makes it the list
in force; residents read what is in force; nobody else writes; agreed versions never change."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django_tenants.utils import schema_context

from tests.helpers import login

pytestmark = pytest.mark.django_db

ITEMS = [
    {"matter": "共用设施设备维修养护", "party": "firm", "detail": "按合同标准"},
    {"matter": "维修资金使用", "party": "owners", "detail": "业主共同决定"},
]


def _count(cast) -> int:
    from responsibilities.models import Revision

    with schema_context(cast.a.schema):
        return Revision.objects.count()


def _propose(client, estate: int, items=ITEMS, note: str = ""):
    return client.post(
        "/api/v1/responsibilities/",
        {"estate": estate, "items": items, "note": note},
        format="json",
    )


def test_the_firm_proposes_and_the_committee_puts_it_in_force_for_residents(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager, committee, resident = (
        login(cast.a.manager),
        login(cast.a.committee),
        login(cast.a.resident),
    )
    proposed = _propose(manager, a1, note="首版")
    assert proposed.status_code == 201, proposed.content
    body = proposed.json()
    assert body["current"] is None and body["pending"]["proposed_side"] == "firm"
    assert body["side"] == "firm" and body["can_decide"] is False
    # the resident sees no proposal, only what is in force (nothing yet)
    seen = resident.get("/api/v1/responsibilities/", {"estate": a1}).json()
    assert seen["pending"] is None and seen["history"] == [] and seen["current"] is None
    assert seen["can_propose"] is False
    # the proposer cannot agree to their own proposal
    pending_id = body["pending"]["id"]
    same = manager.post(f"/api/v1/responsibilities/{pending_id}/agree/")
    assert same.status_code == 403 and same.json()["code"] == "responsibilities_same_side"
    view = committee.get("/api/v1/responsibilities/", {"estate": a1}).json()
    assert view["side"] == "committee" and view["can_decide"] is True
    agreed = committee.post(f"/api/v1/responsibilities/{pending_id}/agree/")
    assert agreed.status_code == 200, agreed.content
    assert agreed.json()["current"]["items"] == ITEMS
    assert agreed.json()["pending"] is None
    seen = resident.get("/api/v1/responsibilities/", {"estate": a1}).json()
    assert seen["current"]["number"] == 1 and seen["current"]["proposed_by_name"]
    assert [r["status"] for r in seen["history"]] == ["agreed"]
    again = committee.post(f"/api/v1/responsibilities/{pending_id}/agree/")
    assert again.status_code == 409 and again.json()["code"] == "responsibilities_not_pending"


def test_the_committee_proposes_the_firm_declines_with_a_reason_and_the_list_stays(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager, committee = login(cast.a.manager), login(cast.a.committee)
    first = _propose(committee, a1).json()["pending"]["id"]
    assert manager.post(f"/api/v1/responsibilities/{first}/agree/").status_code == 200
    changed = [*ITEMS, {"matter": "电梯年检", "party": "firm", "detail": ""}]
    second = _propose(committee, a1, changed).json()["pending"]["id"]
    empty = manager.post(f"/api/v1/responsibilities/{second}/decline/", {"reason": " "})
    assert empty.status_code == 400 and "reason" in empty.json()["fields"]
    declined = manager.post(
        f"/api/v1/responsibilities/{second}/decline/", {"reason": "电梯年检已列入合同"}
    ).json()
    assert declined["current"]["items"] == ITEMS  # the list in force is unchanged
    assert [(r["number"], r["status"]) for r in declined["history"]] == [
        (2, "declined"),
        (1, "agreed"),
    ]
    assert declined["history"][0]["reason"] == "电梯年检已列入合同"


def test_a_new_proposal_supersedes_the_pending_one(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager, committee = login(cast.a.manager), login(cast.a.committee)
    old = _propose(manager, a1).json()["pending"]["id"]
    new = _propose(committee, a1, ITEMS[:1]).json()["pending"]
    assert new["number"] == 2 and new["proposed_side"] == "committee"
    stale = committee.post(f"/api/v1/responsibilities/{old}/agree/")
    assert stale.status_code == 409
    statuses = {
        r["number"]: r["status"]
        for r in manager.get("/api/v1/responsibilities/", {"estate": a1}).json()["history"]
    }
    assert statuses == {1: "superseded", 2: "proposed"}


def test_staff_residents_and_out_of_scope_users_write_nothing(cast) -> None:
    a1, a2 = cast.a.estates["A1"], cast.a.estates["A2"]
    pending = _propose(login(cast.a.manager), a1).json()["pending"]["id"]
    before = _count(cast)
    for who in ("staff", "resident"):
        client = login(getattr(cast.a, who))
        denied = _propose(client, a1)
        assert denied.status_code == 403, (who, denied.content)
        assert denied.json()["code"] == "responsibilities_not_a_party"
        assert client.post(f"/api/v1/responsibilities/{pending}/agree/").status_code in (403, 404)
    # the A1 manager and the A1 committee do not reach A2; firm B does not reach firm A at all
    assert _propose(login(cast.a.manager), a2).status_code == 404
    assert _propose(login(cast.a.committee), a2).status_code == 404
    other = login(cast.b.admin)
    assert other.post(f"/api/v1/responsibilities/{pending}/agree/").status_code == 404
    assert other.get("/api/v1/responsibilities/", {"estate": a1}).status_code in (200, 404)
    assert _count(cast) == before
    with schema_context(cast.a.schema):
        from responsibilities.models import Revision

        assert Revision.objects.get(pk=pending).status == "proposed"


def test_the_firm_admin_speaks_for_the_firm_on_every_estate(cast) -> None:
    a2 = cast.a.estates["A2"]
    made = _propose(login(cast.a.admin), a2)
    assert made.status_code == 201 and made.json()["side"] == "firm"


def test_bad_lists_are_refused_with_field_messages_and_nothing_written(cast) -> None:
    a1 = cast.a.estates["A1"]
    manager = login(cast.a.manager)
    before = _count(cast)
    for items in ([], [{"matter": "", "party": "firm"}], [{"matter": "x", "party": "mayor"}]):
        refused = _propose(manager, a1, items)
        assert refused.status_code == 400, refused.content
        assert "items" in refused.json()["fields"]
    too_many = [{"matter": f"事项{n}", "party": "firm"} for n in range(101)]
    assert _propose(manager, a1, too_many).status_code == 400
    assert manager.get("/api/v1/responsibilities/", {"estate": "abc"}).status_code == 400
    assert _count(cast) == before


def test_the_starting_list_is_offered_in_the_readers_language(cast) -> None:
    manager = login(cast.a.manager)
    zh = manager.get("/api/v1/responsibilities/defaults/").json()
    assert len(zh) >= 15 and {i["party"] for i in zh} == {
        "firm",
        "committee",
        "residents_committee",
        "owners",
    }
    assert zh[0]["matter"] == "共用部位、共用设施设备的日常维修养护"
    with schema_context(cast.a.schema):
        from accounts.models import User

        User.objects.filter(email=cast.a.manager.email).update(language="en")
    en = manager.get("/api/v1/responsibilities/defaults/").json()
    assert en[0]["matter"].startswith("Routine maintenance")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE responsibilities_revision SET items = '[]' WHERE id = %(id)s",
        "UPDATE responsibilities_revision SET status = 'proposed' WHERE id = %(id)s",
        "DELETE FROM responsibilities_revision WHERE id = %(id)s",
    ],
)
def test_postgresql_refuses_changing_an_agreed_list_even_with_raw_sql(cast, sql: str) -> None:
    a1 = cast.a.estates["A1"]
    pending = _propose(login(cast.a.manager), a1).json()["pending"]["id"]
    login(cast.a.committee).post(f"/api/v1/responsibilities/{pending}/agree/")
    with schema_context(cast.a.schema):
        with (
            pytest.raises(DatabaseError, match="pgtrigger"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, {"id": pending})
        from responsibilities.models import Revision

        assert Revision.objects.get(pk=pending).items == ITEMS


def test_a_second_pending_proposal_past_the_service_is_the_409_conflict(cast) -> None:
    """The one-pending-proposal rule holds below the service: a second row is refused by the
    database with the constraint that NotPending names, so a race answers 409, not 500."""
    from django.db import IntegrityError

    from api.exceptions import exception_handler
    from responsibilities.models import Revision

    pending = _propose(login(cast.a.manager), cast.a.estates["A1"]).json()["pending"]["id"]
    with schema_context(cast.a.schema):
        first = Revision.objects.get(pk=pending)
        with pytest.raises(IntegrityError) as caught, transaction.atomic():
            Revision.objects.create(
                estate_id=first.estate_id,
                number=first.number + 1,
                items=ITEMS,
                proposed_side="committee",
                proposed_by_id=first.proposed_by_id,
                proposed_at=first.proposed_at,
            )
    response = exception_handler(caught.value, {})
    assert response is not None and response.status_code == 409
    assert response.data["code"] == "responsibilities_not_pending"


def test_a_proposal_notifies_the_other_side_once_and_the_answer_reaches_the_proposer(cast) -> None:
    from notifications.models import Notification

    a1 = cast.a.estates["A1"]
    manager, committee = login(cast.a.manager), login(cast.a.committee)

    def told(kind: str) -> set[int]:
        with schema_context(cast.a.schema):
            return set(Notification.objects.filter(kind=kind).values_list("user_id", flat=True))

    pending = _propose(manager, a1).json()["pending"]["id"]
    # the committee is told; the firm side (who proposed) and residents are not
    assert told("duties.proposed") == {cast.a.committee.user.id}
    declined = committee.post(
        f"/api/v1/responsibilities/{pending}/decline/", {"reason": "维修资金一项需写明"}
    )
    assert declined.status_code == 200, declined.content
    assert told("duties.decided") == {cast.a.manager.user.id}
    with schema_context(cast.a.schema):
        answer = Notification.objects.get(kind="duties.decided")
    assert "未获同意" in answer.title and answer.body == "维修资金一项需写明"
    assert answer.link == f"/responsibilities?estate={a1}"
    # the committee's own proposal goes to the firm's admin and the estate's manager
    _propose(committee, a1)
    assert told("duties.proposed") == {
        cast.a.committee.user.id,
        cast.a.manager.user.id,
        cast.a.admin.user.id,
    }
