"""The firm's audit log (issue #14 §5): every tracked change is one event with who made it and
from where, the log reads it back with the changed fields, people's numbers masked; only firm
admins (whole firm) and an auditor (their estate, within their dates) read it; firm B never sees
firm A; the event tables refuse UPDATE and DELETE."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from celery import shared_task
from django.db import ProgrammingError, transaction
from django.utils import timezone
from django_tenants.utils import schema_context

from accounts.models import RoleGrant, RoleGrantEvent, User, UserEvent
from complaints.models import SlaPolicy, SlaPolicyEvent
from estates.models import Estate, EstateEvent, Person, PersonEvent
from tenants.models import Firm
from tenants.support import support_approve, support_request
from tests.conftest import client_at, login
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

LOG = "/api/v1/audit/events/"


def _estate_events(schema: str, pk: int) -> list[EstateEvent]:
    with schema_context(schema):
        return list(EstateEvent.objects.filter(pgh_obj_id=pk).order_by("pgh_id"))


def _log(client: Any, **params: Any) -> list[dict[str, Any]]:
    response = client.get(LOG, params)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def _auditor(cast: Any, *, code: str, starts: int = -1, ends: int = 30) -> Any:
    """An auditor of one estate of firm A, whose grant runs from `starts` to `ends` days."""
    from tests.helpers import Person as CastPerson

    today = timezone.localdate()
    email = f"auditor-{code.lower()}@firm-a.test"
    with schema_context(cast.a.schema):
        user = User.objects.create_user(email, PASSWORD, full_name="审计员")
        RoleGrant.objects.create(
            user=user,
            role="auditor",
            estate_id=cast.a.estates[code],
            starts_on=today + timedelta(days=starts),
            ends_on=today + timedelta(days=ends),
        )
    return CastPerson(email=email, role="auditor", host=cast.a.host, schema=cast.a.schema)


# --- each tracked change is one event, with its actor ----------------------------------------


def test_an_estate_rename_is_one_event_with_the_admin_and_the_fields(cast) -> None:
    pk = cast.a.estates["A1"]
    before = _estate_events(cast.a.schema, pk)
    admin = login(cast.a.admin)
    response = admin.patch(f"/api/v1/estates/{pk}/", {"name": "改名 花园"}, format="json")
    assert response.status_code == 200

    after = _estate_events(cast.a.schema, pk)
    assert len(after) == len(before) + 1
    event = after[-1]
    assert event.pgh_label == "update"
    assert event.name == "改名 花园"
    admin_id = cast.a.admin.user.pk
    assert event.pgh_context["user"] == admin_id
    assert event.pgh_context["roles"] == ["firm_admin"]
    assert event.pgh_context["source"] == "api"
    assert event.pgh_context["request_id"] == response["X-Request-ID"]

    entry = _log(admin, kind="estate", estate=pk)[0]
    assert entry["action"] == "changed"
    assert entry["label"] == "改名 花园"
    assert entry["actor_id"] == admin_id
    assert entry["actor_name"] == "admin@firm-a.test"
    assert entry["actor_roles"] == ["firm_admin"]
    assert entry["source"] == "api"
    assert entry["changes"] == [{"field": "name", "before": "A1 花园", "after": "改名 花园"}]


def test_an_estate_settings_change_shows_the_setting_before_and_after(cast) -> None:
    pk = cast.a.estates["A2"]
    admin = login(cast.a.admin)
    response = admin.patch(
        f"/api/v1/estates/{pk}/", {"settings": {"auto_close_days": 5}}, format="json"
    )
    assert response.status_code == 200
    entry = _log(admin, kind="estate", estate=pk)[0]
    assert entry["changes"] == [{"field": "settings.auto_close_days", "before": "7", "after": "5"}]


def test_a_new_user_and_grant_are_created_events_by_the_admin(
    cast, django_capture_on_commit_callbacks
) -> None:
    admin = login(cast.a.admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(
            "/api/v1/users/",
            {"email": "audited@firm-a.test", "full_name": "新员工", "role": "staff"},
        )
    assert response.status_code == 201
    admin_id = cast.a.admin.user.pk
    with schema_context(cast.a.schema):
        user = User.objects.get(email="audited@firm-a.test")
        users = list(UserEvent.objects.filter(pgh_obj_id=user.pk))
        grants = list(RoleGrantEvent.objects.filter(user_id=user.pk))
    assert [(e.pgh_label, e.pgh_context["user"]) for e in users] == [("insert", admin_id)]
    assert [(e.pgh_label, e.role, e.pgh_context["user"]) for e in grants] == [
        ("insert", "staff", admin_id)
    ]
    entries = _log(admin, actor=admin_id, kind="role_grant")
    assert entries[0]["action"] == "created"
    assert entries[0]["label"] == "新员工 · 物业员工"
    assert {"field": "role", "before": None, "after": "staff"} in entries[0]["changes"]


def test_an_sla_policy_by_the_manager_names_the_manager(cast) -> None:
    manager = login(cast.a.manager)
    response = manager.post(
        "/api/v1/complaints/sla-policies/",
        {
            "estate": cast.a.estates["A1"],
            "category": "cleaning",
            "urgency": "normal",
            "response_hours": 1,
            "plan_hours": 8,
            "resolution_hours": 48,
        },
        format="json",
    )
    assert response.status_code == 201
    with schema_context(cast.a.schema):
        events = list(SlaPolicyEvent.objects.filter(pgh_obj_id=response.json()["id"]))
    assert [(e.pgh_label, e.pgh_context["user"], e.pgh_context["roles"]) for e in events] == [
        ("insert", cast.a.manager.user.pk, ["manager"])
    ]
    entry = _log(login(cast.a.admin), kind="sla_policy")[0]
    assert (entry["action"], entry["actor_name"], entry["estate_id"]) == (
        "created",
        "manager",
        cast.a.estates["A1"],
    )


@shared_task(name="tests.audit.rename_estate")
def _rename_estate(pk: int, name: str) -> None:
    Estate.objects.filter(pk=pk).update(name=name)


def test_a_change_by_a_task_has_no_user_and_says_task(cast) -> None:
    pk = cast.a.estates["A2"]
    with schema_context(cast.a.schema):
        _rename_estate.apply(args=[pk, "任务改名"])
        event = EstateEvent.objects.filter(pgh_obj_id=pk).latest("pgh_id")
    assert event.pgh_context["source"] == "task"
    assert event.pgh_context["task"] == "tests.audit.rename_estate"
    assert event.pgh_context["user"] is None
    entry = _log(login(cast.a.admin), kind="estate", estate=pk)[0]
    assert (entry["label"], entry["source"], entry["actor_id"], entry["actor_name"]) == (
        "任务改名",
        "task",
        None,
        "",
    )
    assert entry["task"] == "tests.audit.rename_estate"


def test_a_change_outside_requests_and_tasks_reads_as_the_system(cast) -> None:
    """What a management command or a shell does: no context at all."""
    pk = cast.a.estates["A2"]
    with schema_context(cast.a.schema):
        Estate.objects.filter(pk=pk).update(city="北京")
    entry = _log(login(cast.a.admin), kind="estate", estate=pk)[0]
    assert (entry["source"], entry["actor_id"], entry["actor_roles"]) == ("system", None, [])
    assert entry["changes"] == [{"field": "city", "before": "上海", "after": "北京"}]


def test_a_task_run_inside_a_request_stays_the_request(cast) -> None:
    from audit.context import AuditContextMiddleware

    pk = cast.a.estates["A2"]

    def view(request: Any) -> Any:
        _rename_estate.apply(args=[pk, "请求里的任务"])
        return None

    from django.test import RequestFactory

    with schema_context(cast.a.schema):
        AuditContextMiddleware(view)(RequestFactory().post("/x"))
        event = EstateEvent.objects.filter(pgh_obj_id=pk).latest("pgh_id")
    assert event.pgh_context["source"] == "api"


# --- masking ------------------------------------------------------------------------------------


def test_people_numbers_are_masked_in_the_log(cast) -> None:
    with schema_context(cast.a.schema):
        person = Person.objects.get(user__email=cast.a.resident.email)
    admin = login(cast.a.admin)
    response = admin.patch(
        f"/api/v1/people/{person.pk}/",
        {"phone": "13800002222", "id_number": "310101199001015678"},
        format="json",
    )
    assert response.status_code == 200, response.content
    with schema_context(cast.a.schema):
        stored = PersonEvent.objects.filter(pgh_obj_id=person.pk).latest("pgh_id")
    assert stored.phone == "13800002222"  # the table keeps the value; the log never shows it
    entry = _log(admin, kind="person")[0]
    changes = {c["field"]: (c["before"], c["after"]) for c in entry["changes"]}
    assert changes["phone"] == ("137****1111", "138****2222")
    assert changes["id_number"] == ("3101**********1234", "3101**********5678")
    assert "13800002222" not in str(_log(admin))


# --- who reads ----------------------------------------------------------------------------------

READS = {"admin": 200, "manager": 403, "staff": 403, "committee": 403, "resident": 403}


@pytest.mark.parametrize("who", sorted(READS))
def test_who_reads_the_log(cast, who: str) -> None:
    client = login(getattr(cast.a, who))
    assert client.get(LOG).status_code == READS[who]
    assert client.get(LOG + "export/").status_code == READS[who]


def test_anonymous_gets_401(cast) -> None:
    assert client_at(cast.a.host).get(LOG).status_code == 401


def test_firm_b_never_sees_firm_a_even_with_overlapping_ids(cast) -> None:
    a1 = cast.a.estates["A1"]
    admin_a = login(cast.a.admin)
    response = admin_a.patch(f"/api/v1/estates/{a1}/", {"name": "甲方机密"}, format="json")
    assert response.status_code == 200
    a_actor = cast.a.admin.user.pk
    # each firm numbers its own rows: firm A's estate and admin ids exist at firm B too
    with schema_context(cast.b.schema):
        assert Estate.objects.filter(pk=a1).exists()
        assert User.objects.filter(pk=a_actor).exists()
    admin_b = login(cast.b.admin)
    seen = _log(admin_b, page_size=200) + _log(admin_b, estate=a1) + _log(admin_b, actor=a_actor)
    assert seen != []
    assert "甲方机密" not in str(seen)
    # firm A's session means nothing at firm B's host
    cross = client_at(cast.b.host)
    cross.cookies = admin_a.cookies
    assert cross.get(LOG).status_code == 401


def test_an_auditor_reads_their_estate_within_their_dates(cast, monkeypatch) -> None:
    a1, a2 = cast.a.estates["A1"], cast.a.estates["A2"]
    auditor = _auditor(cast, code="A1")
    admin = login(cast.a.admin)
    admin.patch(f"/api/v1/estates/{a1}/", {"name": "审计可见"}, format="json")
    admin.patch(f"/api/v1/estates/{a2}/", {"name": "审计不可见"}, format="json")
    with schema_context(cast.a.schema):
        # an event from before the auditor's grant began (append-only: inserted, not edited)
        current = EstateEvent.objects.filter(pgh_obj_id=a1).latest("pgh_id")
        monkeypatch.setattr(EstateEvent._meta.get_field("pgh_created_at"), "auto_now_add", False)
        EstateEvent.objects.create(
            pgh_obj_id=a1,
            pgh_label="update",
            pgh_created_at=timezone.now() - timedelta(days=10),
            **{
                f.attname: getattr(current, f.attname)
                for f in EstateEvent._meta.concrete_fields
                if not f.name.startswith("pgh_")
            }
            | {"name": "授权之前"},
        )
    client = login(auditor)
    seen = _log(client, page_size=200)
    labels = {e["label"] for e in seen}
    assert "审计可见" in labels
    assert "审计不可见" not in labels
    assert "授权之前" not in labels
    assert {e["estate_id"] for e in seen} == {a1}
    assert {e["kind"] for e in seen} <= {
        "role_grant",
        "estate",
        "building",
        "unit",
        "staff_assignment",
        "sla_policy",
        "dispatch_group",
        "dispatch_rule",
    }
    assert _log(client, estate=a2) == []
    assert _log(client, kind="user") == []
    assert _log(client, kind="support_access") == []


def test_an_auditor_before_or_after_their_dates_is_refused(cast) -> None:
    early = _auditor(cast, code="A1", starts=2, ends=30)
    assert login(early).get(LOG).status_code == 403


# --- filters and export ---------------------------------------------------------------------------


def test_bad_filters_are_400_naming_the_parameter(cast) -> None:
    admin = login(cast.a.admin)
    response = admin.get(LOG, {"kind": "nope", "since": "yesterday"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"kind", "since"}
    # ids beyond bigint (found by the schema fuzz) and fractions are no ids: 400, not a 500
    response = admin.get(LOG, {"estate": "13218640255656623777775616", "actor": "1.5"})
    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"estate", "actor"}


def test_date_filters_cut_the_log(cast) -> None:
    admin = login(cast.a.admin)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _log(admin, since=tomorrow) == []
    assert _log(admin, until=timezone.localdate().isoformat()) != []


def test_export_is_csv_with_one_line_per_change(cast) -> None:
    pk = cast.a.estates["A1"]
    admin = login(cast.a.admin)
    admin.patch(f"/api/v1/estates/{pk}/", {"name": "导出 花园"}, format="json")
    response = admin.get(LOG + "export/", {"kind": "estate", "estate": pk})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0].startswith("时间,操作人,来源")
    assert any("导出 花园" in line and ",name,A1 花园,导出 花园" in line for line in lines)


# --- support access in the same timeline -------------------------------------------------------


def test_support_access_appears_with_who_asked_and_who_granted(cast) -> None:
    with schema_context("public"):
        firm = Firm.objects.get(schema_name=cast.a.schema)
        root = User.objects.get(email=cast.platform_admin.email)
        grant = support_request(firm=firm, by=root, reason="排查工单问题", hours=4)
    with schema_context(cast.a.schema):
        admin_user = User.objects.get(email=cast.a.admin.email)
    support_approve(firm=firm, grant_id=grant.pk, by=admin_user)
    admin = login(cast.a.admin)
    entries = [e for e in _log(admin, kind="support_access") if e["object_id"] == grant.pk]
    actions = {e["action"]: e for e in entries}
    assert set(actions) == {"requested", "granted"}
    assert actions["requested"]["actor_name"] == "root@linli.test"
    assert actions["requested"]["source"] == "platform"
    assert actions["granted"]["actor_id"] == admin_user.pk
    assert actions["granted"]["label"] == "排查工单问题"
    assert grant.pk not in {
        e["object_id"] for e in _log(login(cast.b.admin), kind="support_access")
    }


# --- append-only --------------------------------------------------------------------------------


@pytest.mark.parametrize("model", [EstateEvent, UserEvent, RoleGrantEvent, SlaPolicyEvent])
def test_event_tables_refuse_update_and_delete(cast, model: Any) -> None:
    with schema_context(cast.a.schema):
        SlaPolicy.objects.create(
            estate_id=cast.a.estates["A2"], response_hours=1, plan_hours=2, resolution_hours=3
        )
        first = model.objects.order_by("pgh_id").first()
        refused = "Cannot update or delete rows"
        with pytest.raises(ProgrammingError, match=refused), transaction.atomic():
            model.objects.filter(pk=first.pk).update(pgh_label="forged")
        with pytest.raises(ProgrammingError, match=refused), transaction.atomic():
            model.objects.filter(pk=first.pk).delete()
        assert model.objects.get(pk=first.pk).pgh_label == first.pgh_label


def test_a_platform_user_never_reads_as_the_firm_user_with_the_same_id(cast) -> None:
    """User ids are per schema: a change made by a public-schema user (the platform) whose id
    a firm user also has is the platform's, not that firm user's."""
    import pghistory

    pk = cast.a.estates["A2"]
    same_id = cast.a.admin.user.pk
    with (
        schema_context(cast.a.schema),
        pghistory.context(
            source="api", user=same_id, roles=["platform_admin"], user_schema="public"
        ),
    ):
        Estate.objects.filter(pk=pk).update(district="平台改的")
    admin = login(cast.a.admin)
    entry = _log(admin, kind="estate", estate=pk)[0]
    assert entry["changes"] == [{"field": "district", "before": "浦东新区", "after": "平台改的"}]
    assert (entry["actor_id"], entry["source"]) == (None, "platform")
    assert "平台改的" not in str(_log(admin, actor=same_id))


def test_a_change_under_support_access_names_the_support_identity_and_its_grant(cast) -> None:
    from tests.tenants.test_support_acting import enter, granted

    grant_id = granted(cast)
    support = enter(cast, grant_id)
    pk = cast.a.estates["A2"]
    response = support.patch(f"/api/v1/estates/{pk}/", {"name": "支持改名"}, format="json")
    assert response.status_code == 200, response.content
    entry = _log(login(cast.a.admin), kind="estate", estate=pk)[0]
    assert entry["label"] == "支持改名"
    assert entry["actor_roles"] == ["support"]
    assert entry["support_grant"] == grant_id
    assert entry["source"] == "api"
    with schema_context(cast.a.schema):
        identity = User.objects.get(pk=entry["actor_id"])
    assert identity.platform_user_id is not None


# --- dispatch group members (DispatchGroup.members, a many-to-many) ----------------------------

GROUPS = "/api/v1/complaints/dispatch-groups/"


def _member_entries(client: Any, **params: Any) -> list[dict[str, Any]]:
    return _log(client, kind="dispatch_group_member", page_size=200, **params)


def test_adding_and_removing_a_group_member_are_events_with_the_admin(cast) -> None:
    from audit.models import DispatchGroupMemberEvent

    a1 = cast.a.estates["A1"]
    staff = cast.a.staff.user
    admin = login(cast.a.admin)
    created = admin.post(
        GROUPS, {"estate": a1, "name": "维修组", "members": [staff.pk]}, format="json"
    )
    assert created.status_code == 201, created.content
    group = created.json()["id"]
    removed = admin.patch(f"{GROUPS}{group}/", {"members": []}, format="json")
    assert removed.status_code == 200, removed.content

    with schema_context(cast.a.schema):
        events = list(DispatchGroupMemberEvent.objects.filter(dispatchgroup_id=group))
    admin_id = cast.a.admin.user.pk
    assert [(e.pgh_label, e.user_id, e.pgh_context["user"]) for e in events] == [
        ("insert", staff.pk, admin_id),
        ("delete", staff.pk, admin_id),
    ]
    name = staff.full_name or staff.email
    seen = _member_entries(admin, estate=a1)
    assert [(e["action"], e["object_id"], e["label"], e["changes"]) for e in seen] == [
        ("deleted", group, "维修组", [{"field": "member", "before": name, "after": None}]),
        ("created", group, "维修组", [{"field": "member", "before": None, "after": name}]),
    ]
    assert {(e["actor_id"], e["estate_id"], e["source"]) for e in seen} == {(admin_id, a1, "api")}
    assert _member_entries(admin, estate=cast.a.estates["A2"]) == []
    assert len(_member_entries(admin, actor=admin_id)) == 2


def test_a_deleted_group_keeps_its_members_history_and_estate(cast) -> None:
    a1 = cast.a.estates["A1"]
    staff = cast.a.staff.user
    admin = login(cast.a.admin)
    group = admin.post(
        GROUPS, {"estate": a1, "name": "临时组", "members": [staff.pk]}, format="json"
    ).json()["id"]
    assert admin.delete(f"{GROUPS}{group}/").status_code == 204
    seen = [e for e in _member_entries(admin, estate=a1) if e["object_id"] == group]
    assert [(e["action"], e["label"]) for e in seen] == [
        ("deleted", "临时组"),
        ("created", "临时组"),
    ]


def test_group_members_are_in_the_csv_and_only_for_the_right_readers(cast) -> None:
    a1 = cast.a.estates["A1"]
    staff = cast.a.staff.user
    admin = login(cast.a.admin)
    group = admin.post(
        GROUPS, {"estate": a1, "name": "导出组", "members": [staff.pk]}, format="json"
    ).json()["id"]
    csv_text = admin.get(LOG + "export/", {"kind": "dispatch_group_member"}).content
    name = staff.full_name or staff.email
    assert f",导出组,A1 花园,created,member,,{name}" in csv_text.decode("utf-8-sig")

    assert [e["object_id"] for e in _member_entries(login(_auditor(cast, code="A1")))] == [group]
    assert _member_entries(login(_auditor(cast, code="A2"))) == []
    assert group not in {e["object_id"] for e in _member_entries(login(cast.b.admin))}


# --- pghistory's context table is append-only too ------------------------------------------------


def _a_context_row(cast) -> Any:
    """A pghistory_context row: a change to a model tracked with a context foreign key (a
    committee seat) inside a context, whose metadata grows on the second change."""
    import pghistory
    from pghistory.models import Context

    from estates.models import CommitteeMembership

    with schema_context(cast.a.schema):
        seat = CommitteeMembership.objects.first()
        with transaction.atomic(), pghistory.context(source="test"):
            CommitteeMembership.objects.filter(pk=seat.pk).update(full_name="改一")
            pghistory.context(user=1)  # pghistory's own upsert: the running context grows
            CommitteeMembership.objects.filter(pk=seat.pk).update(full_name="改二")
        return Context.objects.order_by("-created_at").first()


def test_the_running_context_may_grow_but_a_recorded_one_never_changes(cast) -> None:
    from django.db import DatabaseError, connection

    context = _a_context_row(cast)
    assert context.metadata == {"source": "test", "user": 1}
    with schema_context(cast.a.schema):
        for sql in (
            "UPDATE pghistory_context SET metadata = '{\"user\": 2}'::jsonb WHERE id = %s",
            "DELETE FROM pghistory_context WHERE id = %s",
        ):
            with (
                pytest.raises(DatabaseError, match="audit context is append-only"),
                transaction.atomic(),
                connection.cursor() as cursor,
            ):
                cursor.execute(sql, [context.id])
        # another context cannot rewrite it either
        import pghistory

        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            pghistory.context(source="forger"),
            connection.cursor() as cursor,
        ):
            cursor.execute(
                "UPDATE pghistory_context SET metadata = '{}'::jsonb WHERE id = %s", [context.id]
            )
        from pghistory.models import Context

        assert Context.objects.get(pk=context.pk).metadata == {"source": "test", "user": 1}


# --- the list's indexes -----------------------------------------------------------------------


def test_every_kind_the_log_reads_has_the_list_indexes(cast) -> None:
    """audit migration 0003: order and dates, previous version, actor, and estate when the kind
    names one; a new audited kind must get them too."""
    from django.db import connection

    from audit.selectors import KINDS

    with schema_context(cast.a.schema), connection.cursor() as cursor:
        cursor.execute(
            "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = %s", [cast.a.schema]
        )
        found: dict[str, set[str]] = {}
        for table, index in cursor.fetchall():
            found.setdefault(table, set()).add(index)
    for kind in KINDS.values():
        table = kind.model()._meta.db_table
        wanted = {f"audit_ix_{table}_{suffix}" for suffix in ("at", "obj", "actor")}
        if kind.estate is not None and kind.estate_of is None:
            wanted.add(f"audit_ix_{table}_estate")
        assert wanted <= found.get(table, set()), (kind.key, wanted - found.get(table, set()))


def test_date_filters_are_whole_days_in_the_firms_time_zone(cast) -> None:
    """`since`/`until` are ranges of instants (index-friendly) from the firm's midnight: an
    event is in the window of its local day and of no other."""
    from datetime import datetime

    pk = cast.a.estates["A2"]
    with schema_context(cast.a.schema):
        Estate.objects.filter(pk=pk).update(city="午夜")
        event = EstateEvent.objects.filter(pgh_obj_id=pk).latest("pgh_id")
    local = timezone.localtime(event.pgh_created_at)
    day = local.date()
    midnight = timezone.make_aware(datetime.combine(day, datetime.min.time()))
    assert midnight <= event.pgh_created_at < midnight + timedelta(days=1)
    admin = login(cast.a.admin)
    refs = lambda **p: {e["key"] for e in _log(admin, kind="estate", page_size=200, **p)}  # noqa: E731
    key = f"estate:{event.pgh_id}:update"
    assert key in refs(since=day.isoformat(), until=day.isoformat())
    assert key not in refs(until=(day - timedelta(days=1)).isoformat())
    assert key not in refs(since=(day + timedelta(days=1)).isoformat())
