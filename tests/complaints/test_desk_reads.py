"""Issue #13 §5/§6 reads: the requests behind each KPI tile (the same definitions as the
figures), the previous period and the response limit, the firm's comparison across estates,
the desk's urgency order, "my tasks" with who to call, and the Excel export, all scoped."""

from __future__ import annotations

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context
from openpyxl import load_workbook

from complaints import services
from complaints.exports import time_left_text
from complaints.kpis import previous_period
from complaints.selectors import requester_contact
from estates.selectors import PeopleMasking
from tests.complaints.test_kpis import EXPECTED, quarter  # noqa: F401 (the fixture)
from tests.conftest import login

pytestmark = pytest.mark.django_db
LIST = "/api/v1/complaints/"
Q1 = {"created_from": "2025-01-01", "created_to": "2025-03-31"}


def _numbers(client, **params) -> list[str]:
    response = client.get(LIST, {**params, "page_size": 100})
    assert response.status_code == 200, response.content
    return sorted(r["description"] for r in response.json()["results"])


@pytest.mark.parametrize(
    ("kpi", "expected"),
    [
        # each tile's requests: the figure's numerator or its missing part, by hand (test_kpis)
        ("unanswered", ["楼道垃圾没人清"]),
        ("slow_response", ["楼上装修噪音"]),  # 30 h > the default 24 h response limit
        ("late_response", ["楼上装修噪音"]),
        ("late_plan", ["卫生间水管又漏水了"]),
        ("late_resolution", ["卫生间水管又漏水了", "夜间施工噪音扰民"]),
        ("on_time_resolution", ["楼上装修噪音"]),
        ("unresolved", ["单元门禁坏了", "楼道垃圾没人清", "阳台门关不上"]),
        ("reopened", ["夜间施工噪音扰民"]),
        ("repeated", ["卫生间水管又漏水了", "夜间施工噪音扰民"]),
        ("rated", ["卫生间水管又漏水了", "夜间施工噪音扰民"]),
    ],
)
def test_each_tile_clicks_through_to_exactly_its_requests(cast, quarter, kpi, expected):  # noqa: F811
    for who in ("manager", "committee", "admin"):
        got = _numbers(login(getattr(cast.a, who)), estate=quarter.pk, kpi=kpi, **Q1)
        assert got == expected, (who, got)


def test_the_counts_behind_the_tiles_match_the_lists(cast, quarter):  # noqa: F811
    manager = login(cast.a.manager)
    counts = EXPECTED["counts"]
    assert len(_numbers(manager, estate=quarter.pk, **Q1)) == EXPECTED["total"]
    assert len(_numbers(manager, estate=quarter.pk, kpi="answered", **Q1)) == counts["answered"]
    assert len(_numbers(manager, estate=quarter.pk, kpi="resolved", **Q1)) == counts["resolved"]
    late = len(_numbers(manager, estate=quarter.pk, kpi="late_resolution", **Q1))
    stopped = counts["clocks_stopped"]["resolution"] - counts["clocks_on_time"]["resolution"]
    assert late == stopped


def test_tile_lists_stay_in_scope(cast, quarter):  # noqa: F811
    # a manager of A1 asking for the whole firm's late requests sees A1's only
    manager = login(cast.a.manager)
    assert _numbers(manager, kpi="late_resolution", **Q1) == [
        "卫生间水管又漏水了",
        "夜间施工噪音扰民",
    ]
    assert _numbers(manager, estate=cast.a.estates["A2"], kpi="rated", **Q1) == []
    # firm B, whose ids overlap firm A's, sees nothing of firm A's under the same ids
    b = login(cast.b.manager)
    assert _numbers(b, estate=quarter.pk, kpi="late_resolution", **Q1) == []
    assert _numbers(b, kpi="repeated", **Q1) == []
    # slow_response reads an estate's limit: an estate outside scope is a 404, none is a 400
    assert (
        manager.get(LIST, {"kpi": "slow_response", "estate": cast.a.estates["A2"]}).status_code
        == 404
    )
    missing = manager.get(LIST, {"kpi": "slow_response"})
    assert missing.status_code == 400 and "estate" in missing.json()["fields"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kpi": "best"}, "kpi"),
        ({"created_from": "2025-13-01"}, "created_from"),
        ({"created_to": "tomorrow"}, "created_to"),
        ({"ordering": "salary"}, "ordering"),
    ],
)
def test_bad_desk_parameters_are_400s(cast, params, field):
    response = login(cast.a.manager).get(LIST, params)
    assert response.status_code == 400
    assert field in response.json()["fields"]


def test_kpis_carry_the_previous_period_and_the_response_limit(cast, quarter):  # noqa: F811
    assert previous_period(date(2025, 4, 1), date(2025, 6, 30)) == (
        date(2024, 12, 31),
        date(2025, 3, 31),
    )
    body = (
        login(cast.a.committee)
        .get(
            "/api/v1/complaints/kpis/",
            {"estate": quarter.pk, "start": "2025-04-01", "end": "2025-06-30"},
        )
        .json()
    )
    assert body["total"] == 1  # X1
    assert body["response_limit_hours"] == 24.0 and body["min_sample"] == 5
    previous = body["previous"]
    assert (previous["start"], previous["end"]) == ("2024-12-31", "2025-03-31")
    assert previous["total"] == EXPECTED["total"]
    assert previous["on_time"] == EXPECTED["on_time"]


def test_the_firm_compares_its_estates_and_a_manager_sees_only_theirs(cast, quarter):  # noqa: F811
    url = "/api/v1/complaints/kpis/estates/"
    period = {"start": "2025-01-01", "end": "2025-03-31"}
    rows = login(cast.a.admin).get(url, period).json()
    by_id = {r["estate"]: r for r in rows}
    assert set(by_id) == set(cast.a.estates.values())
    a1 = by_id[quarter.pk]
    assert (a1["total"], a1["on_time_resolution"], a1["response_p90_hours"]) == (7, 0.3333, 17.0)
    assert by_id[cast.a.estates["A2"]]["total"] == 1
    assert [r["estate"] for r in login(cast.a.manager).get(url, period).json()] == [quarter.pk]
    assert [r["estate"] for r in login(cast.a.committee).get(url, period).json()] == [quarter.pk]
    b_rows = login(cast.b.admin).get(url, period).json()
    assert {r["estate"] for r in b_rows} == set(cast.b.estates.values())
    assert all(r["total"] == 0 for r in b_rows)  # firm A's requests never count for firm B
    assert login(cast.a.staff).get(url, period).status_code == 403
    assert (
        login(cast.a.manager).get(url, {"start": "2025-03-01", "end": "2025-01-01"}).status_code
        == 400
    )


# --- the desk and "my tasks" -----------------------------------------------------------------


@pytest.fixture
def day(a1):
    """Three open A1 requests assigned to the cast's staff: one overdue by 2 days, one due in
    10 hours, one emergency due in 3 hours; one of A2, assigned to the A2 nobody."""
    now = timezone.now()
    h = timedelta(hours=1)
    made = {}
    for key, hours_ago, urgency in (
        ("late", 74, "normal"),
        ("soon", 14, "normal"),
        ("fire", 5, "emergency"),
    ):
        request = services.request_submit(
            estate=a1["estate"],
            kind="repair",
            category="repair",
            urgency=urgency,
            description=f"任务 {key}",
            channel="phone",
            unit=a1["unit"],
            requester=a1["resident"],
            contact_name="张阿姨",
            contact_phone="13900001111",
            now=now - hours_ago * h,
        )
        made[key] = services.request_accept(
            request=request,
            actor=a1["manager"],
            assignee=a1["staff"],
            now=now - (hours_ago - 1) * h,
        )
    return made


def test_urgency_puts_overdue_first_then_least_time_left(cast, day):
    rows = login(cast.a.manager).get(LIST, {"ordering": "urgency", "status": "accepted"}).json()
    order = [r["description"] for r in rows["results"] if r["description"].startswith("任务")]
    assert order[0] == "任务 late"
    dues = [r["due_at"] for r in rows["results"] if r["due_at"]]
    assert dues == sorted(dues)
    newest = login(cast.a.manager).get(LIST, {"ordering": "-created_at"}).json()["results"]
    assert newest[0]["description"] == "任务 fire"


def test_my_tasks_lists_mine_with_who_and_where_and_the_full_phone(cast, day):
    body = login(cast.a.staff).get("/api/v1/complaints/my-tasks/").json()
    tasks = [t for t in body["results"] if t["description"].startswith("任务")]
    assert tasks[0]["description"] == "任务 late"
    first = tasks[0]
    assert first["requester_name"] == "张阿姨"
    assert first["requester_phone"] == "13900001111"  # the assignee calls their own task's resident
    assert first["place_label"].endswith("101") and " " in first["place_label"]
    assert "start" in first["actions"] and body["now"]
    # the manager assigned them but they are not the manager's tasks
    mine = login(cast.a.manager).get("/api/v1/complaints/my-tasks/").json()["results"]
    assert not [t for t in mine if t["description"].startswith("任务")]
    # firm B (its user ids may equal firm A's) gets nothing of firm A's
    b = login(cast.b.manager).get("/api/v1/complaints/my-tasks/").json()["results"]
    assert not [t for t in b if t["description"].startswith("任务")]
    assert login(cast.a.committee).get("/api/v1/complaints/my-tasks/").status_code == 403


def test_a_reader_who_is_not_the_assignee_sees_the_phone_masked(cast, day, a1):
    with schema_context(cast.a.schema):
        request = day["late"]
        masked = PeopleMasking(full_contact=False, full_id_number=False)
        _name, phone = requester_contact(request=request, user=a1["manager"], masking=masked)
        assert phone != "13900001111" and phone.startswith("139") and phone.endswith("1111")
        _name, own = requester_contact(request=request, user=a1["staff"], masking=masked)
        assert own == "13900001111"


def test_time_left_in_words():
    now = timezone.now()
    assert time_left_text(now - timedelta(days=3, hours=2), now) == "已超时 3 天"
    assert time_left_text(now + timedelta(hours=5, minutes=10), now) == "剩余 5 小时"
    assert time_left_text(None, now) == ""


def test_the_export_is_the_filtered_list_in_scope(cast, day):
    response = login(cast.a.manager).get("/api/v1/complaints/export/", {"ordering": "urgency"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "编号"
    described = [r for r in rows[1:] if str(r[6]).startswith("任务")]
    assert next(r[6] for r in described) == "任务 late"
    assert described[0][13].startswith("已超时")
    assert all(r[1] != "" for r in rows[1:])
    # only A1's rows for the A1 manager, even when asking for A2
    with schema_context(cast.a.schema):
        from estates.models import Estate

        a2_name = Estate.objects.get(pk=cast.a.estates["A2"]).name
    assert all(r[1] != a2_name for r in rows[1:])
    a2 = login(cast.a.manager).get("/api/v1/complaints/export/", {"estate": cast.a.estates["A2"]})
    assert len(list(load_workbook(BytesIO(a2.content)).active.iter_rows())) == 1
    # firm B with the same filters: none of firm A's rows
    b = login(cast.b.manager).get("/api/v1/complaints/export/")
    assert not [
        r
        for r in load_workbook(BytesIO(b.content)).active.iter_rows(values_only=True)
        if str(r[6]).startswith("任务")
    ]
    bad = login(cast.a.manager).get("/api/v1/complaints/export/", {"kpi": "x"})
    assert bad.status_code == 400
    assert login(cast.a.committee).get("/api/v1/complaints/export/").status_code == 403
