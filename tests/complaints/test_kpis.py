"""Complaint KPIs: the pure helpers, exact figures on a hand-built quarter, and who may read."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import services
from complaints.kpis import (
    estate_kpis,
    months_between,
    period_bounds,
    period_error,
    quarter_bounds,
    ranked,
    rate,
    trend_filled,
)
from core.clock import SHANGHAI
from tests.conftest import login

Q1 = (date(2025, 1, 1), date(2025, 3, 31))
URL = "/api/v1/complaints/kpis/"


def at(month: int, day: int, hour: int, minute: int = 0, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


# --- pure helpers (no database) ----------------------------------------------------------------


def test_rate_rounds_to_four_places_and_is_null_without_a_denominator() -> None:
    assert rate(6, 7) == 0.8571
    assert rate(1, 3) == 0.3333
    assert rate(0, 5) == 0.0
    assert rate(0, 0) is None


@pytest.mark.parametrize(
    ("day", "bounds"),
    [
        (date(2026, 1, 1), (date(2026, 1, 1), date(2026, 3, 31))),
        (date(2026, 5, 17), (date(2026, 4, 1), date(2026, 6, 30))),
        (date(2026, 9, 30), (date(2026, 7, 1), date(2026, 9, 30))),
        (date(2026, 12, 31), (date(2026, 10, 1), date(2026, 12, 31))),
        (date(2028, 2, 29), (date(2028, 1, 1), date(2028, 3, 31))),
    ],
)
def test_quarter_bounds(day: date, bounds: tuple[date, date]) -> None:
    assert quarter_bounds(day) == bounds


def test_period_bounds_are_shanghai_midnights_end_exclusive() -> None:
    since, until = period_bounds(*Q1)
    assert since.isoformat() == "2025-01-01T00:00:00+08:00"
    assert until.isoformat() == "2025-04-01T00:00:00+08:00"
    assert until - since == timedelta(days=90)


def test_months_between_crosses_the_year() -> None:
    assert months_between(date(2025, 11, 15), date(2026, 2, 1)) == [
        "2025-11",
        "2025-12",
        "2026-01",
        "2026-02",
    ]
    assert months_between(date(2025, 3, 5), date(2025, 3, 9)) == ["2025-03"]


def test_period_error_for_reversed_or_too_long_periods() -> None:
    assert period_error(date(2025, 1, 1), date(2025, 1, 1)) is None
    assert period_error(date(2024, 1, 1), date(2024, 12, 31)) is None  # 366 days, leap year
    # the messages are gettext with the Chinese text as the source (English in locale/en)
    assert "早于开始日期" in (period_error(date(2025, 2, 1), date(2025, 1, 31)) or "")
    assert "最长 366 天" in (period_error(date(2025, 1, 1), date(2026, 1, 2)) or "")


def test_trend_and_rankings_fill_and_order() -> None:
    assert trend_filled(["2025-01", "2025-02"], {"2025-02": (3, 1)}) == [
        {"month": "2025-01", "count": 0, "resolved": 0},
        {"month": "2025-02", "count": 3, "resolved": 1},
    ]
    assert ranked({"noise": 2, "repair": 2, "fees": 5}, "category") == [
        {"category": "fees", "count": 5},
        {"category": "noise", "count": 2},
        {"category": "repair", "count": 2},
    ]


# --- a hand-built quarter ------------------------------------------------------------------------


@pytest.fixture
def quarter(a1):
    """Estate A1, Q1 2025 (Shanghai dates). Every figure below is worked out by hand:

    P0  2024-12-20 repair/repair 101  before the period: makes R1 a repeat (16 days)
    R1  01-05 10:00 repair/repair 101    accept +2h, start +73h (plan late), resolve +74h
                                         (resolution late), rated 5 -> closed
    R2  01-10 09:00 complaint/noise 102  accept +30h (response late), deferred +31h..+81h,
                                         resolve +100h: 50 h of work -> plan, resolution on time
    R3  01-20 08:00 complaint/noise 102  repeat of R2 (10 days); accept +4h, resolve +20h,
                                         reopened +40h, accept +41h, resolve +120h (80 h after
                                         the restart: late), rated 2 -> stays resolved
    R4  02-01 01:00 repair/cleaning 101  never answered (January in UTC, February in Shanghai)
    R5  02-14 15:00 suggestion/greening  accept +1h (response clock only)
    R6  03-01 10:00 repair/repair 101    55 days after R1: no repeat; rejected +3h
    R7  03-31 23:30 complaint/security   deferred +1h (clocks paused, none stopped)
    X1  04-01 00:30 Shanghai = 03-31 16:30 UTC: outside the period
    A2  a request of estate A2 inside the period: another estate
    """
    unit, other = a1["unit"], a1["other_unit"]
    staff, resident = a1["staff"], a1["resident"]
    h = timedelta(hours=1)

    def submit(when, kind, category, place, description, by_resident=True):
        return services.request_submit(
            estate=place.estate,
            kind=kind,
            category=category,
            description=description,
            channel="app" if by_resident else "phone",
            unit=place,
            requester=resident if by_resident else None,
            entered_by=None if by_resident else staff,
            now=when,
        )

    p0 = submit(at(12, 20, 9, year=2024), "repair", "repair", unit, "水管漏水")
    services.request_accept(request=p0, actor=staff, now=at(12, 20, 10, year=2024))

    t = at(1, 5, 10)
    r1 = submit(t, "repair", "repair", unit, "卫生间水管又漏水了")
    services.request_accept(request=r1, actor=staff, now=t + 2 * h)
    services.request_start(request=r1, actor=staff, now=t + 73 * h)
    services.request_resolve(request=r1, actor=staff, note="换管", now=t + 74 * h)
    services.request_rate(request=r1, actor=resident, rating=5, now=t + 75 * h)

    t = at(1, 10, 9)
    r2 = submit(t, "complaint", "noise", other, "楼上装修噪音", by_resident=False)
    services.request_accept(request=r2, actor=staff, now=t + 30 * h)
    services.request_defer(
        request=r2, actor=staff, reason="等业主在家", until=date(2025, 1, 13), now=t + 31 * h
    )
    services.request_resume(request=r2, actor=staff, now=t + 81 * h)
    services.request_resolve(request=r2, actor=staff, note="已协调", now=t + 100 * h)

    t = at(1, 20, 8)
    r3 = submit(t, "complaint", "noise", other, "夜间施工噪音扰民")
    services.request_accept(request=r3, actor=staff, now=t + 4 * h)
    services.request_resolve(request=r3, actor=staff, note="已制止", now=t + 20 * h)
    services.request_reopen(request=r3, actor=resident, reason="又开始了", now=t + 40 * h)
    services.request_accept(request=r3, actor=staff, now=t + 41 * h)
    services.request_resolve(request=r3, actor=staff, note="再次制止", now=t + 120 * h)
    services.request_rate(request=r3, actor=resident, rating=2, now=t + 121 * h)

    submit(at(2, 1, 1), "repair", "cleaning", unit, "楼道垃圾没人清")

    t = at(2, 14, 15)
    r5 = submit(t, "suggestion", "greening", unit, "建议多种几棵树")
    services.request_accept(request=r5, actor=staff, now=t + h)

    t = at(3, 1, 10)
    r6 = submit(t, "repair", "repair", unit, "阳台门关不上")
    services.request_reject(request=r6, actor=staff, reason="属业主自有部分", now=t + 3 * h)

    t = at(3, 31, 23, 30)
    r7 = submit(t, "complaint", "security", other, "单元门禁坏了", by_resident=False)
    services.request_defer(
        request=r7, actor=staff, reason="等配件", until=date(2025, 4, 5), now=t + h
    )

    submit(at(4, 1, 0, 30), "complaint", "security", other, "门禁还是坏的", by_resident=False)
    from estates.models import Unit

    elsewhere = Unit.objects.exclude(estate=a1["estate"]).first()
    submit(at(2, 2, 9), "repair", "repair", elsewhere, "别的小区", by_resident=False)
    return a1["estate"]


EXPECTED = {
    "total": 7,
    # first responses (h): 2, 30, 4, 1, 3, 1 -> sorted 1 1 2 3 4 30
    "response_p50_hours": 2.5,
    "response_p90_hours": 17.0,  # 4 + 0.5 * (30 - 4)
    "on_time": {"response": 0.8, "plan": 0.6667, "resolution": 0.3333},
    "resolution_rate": 0.5,  # R1 closed, R2 and R3 resolved / 6 non-suggestions
    "reopen_rate": 0.3333,  # R3 / R1, R2, R3
    "repeat_rate": 0.3333,  # R1, R3 / R1 R2 R3 R4 R6 R7
    "average_rating": 3.5,
    "rated_count": 2,
    "answered_share": 0.8571,  # 6 / 7
    "targets": {
        "on_time": 0.95,
        "resolution_rate": 0.85,
        "average_rating": 4.2,
        "answered_share": 1.0,
    },
    "counts": {
        "answered": 6,
        "answerable": 7,
        "actionable": 6,
        "resolved": 3,
        "ever_resolved": 3,
        "reopened": 1,
        "with_unit": 6,
        "repeated": 2,
        # response: R1 R2 R3 R5 R6 stopped (R2 late); plan, resolution: R1 R2 R3 (R6 rejected)
        "clocks_stopped": {"response": 5, "plan": 3, "resolution": 3},
        "clocks_on_time": {"response": 4, "plan": 2, "resolution": 1},
    },
    "by_category": [
        {"category": "noise", "count": 2},
        {"category": "repair", "count": 2},
        {"category": "cleaning", "count": 1},
        {"category": "greening", "count": 1},
        {"category": "security", "count": 1},
    ],
    "by_status": [
        {"status": "resolved", "count": 2},
        {"status": "accepted", "count": 1},
        {"status": "closed", "count": 1},
        {"status": "deferred", "count": 1},
        {"status": "rejected", "count": 1},
        {"status": "submitted", "count": 1},
    ],
    "trend": [
        {"month": "2025-01", "count": 3, "resolved": 3},
        {"month": "2025-02", "count": 2, "resolved": 0},
        {"month": "2025-03", "count": 2, "resolved": 0},
    ],
}


@pytest.mark.django_db
def test_every_kpi_of_a_hand_built_quarter(quarter) -> None:
    kpis = estate_kpis(estate_id=quarter.pk, start=Q1[0], end=Q1[1])
    assert kpis == {"estate": quarter.pk, "start": Q1[0], "end": Q1[1], **EXPECTED}


@pytest.mark.django_db
def test_withdrawn_requests_are_neither_on_time_nor_late_nor_unresolved(quarter, a1) -> None:
    """W1 withdrawn before anyone answered; W2 accepted in 1 h, then withdrawn. W2's response
    is judged (on time); no other clock of theirs is; neither waits to be resolved."""
    h = timedelta(hours=1)
    for day, accept in ((3, False), (4, True)):
        t = at(3, day, 9)
        request = services.request_submit(
            estate=a1["estate"],
            kind="repair",
            category="greening",
            description=f"树枝挡住窗户 {day}",
            channel="app",
            unit=a1["unit"],
            requester=a1["resident"],
            now=t,
        )
        if accept:
            request = services.request_accept(request=request, actor=a1["staff"], now=t + h)
        services.request_withdraw(request=request, actor=a1["resident"], now=t + 2 * h)
    kpis = estate_kpis(estate_id=quarter.pk, start=Q1[0], end=Q1[1])
    counts = kpis["counts"]
    assert kpis["total"] == 9
    assert (counts["answered"], counts["answerable"], counts["actionable"]) == (7, 8, 6)
    assert kpis["answered_share"] == 0.875  # 7 / 8: W1 is not held against the firm
    assert kpis["resolution_rate"] == 0.5  # unchanged: 3 / 6
    assert counts["clocks_stopped"] == {"response": 6, "plan": 3, "resolution": 3}
    assert counts["clocks_on_time"] == {"response": 5, "plan": 2, "resolution": 1}


@pytest.mark.django_db
def test_a_repeat_is_the_same_unit_and_category_within_thirty_days(quarter) -> None:
    # January alone: R1 (repeat of P0 from December), R2, R3 (repeat of R2)
    january = estate_kpis(estate_id=quarter.pk, start=date(2025, 1, 1), end=date(2025, 1, 31))
    assert (january["counts"]["with_unit"], january["counts"]["repeated"]) == (3, 2)
    # March alone: R6 is 55 days after R1 (no repeat); R7 is the first security request
    march = estate_kpis(estate_id=quarter.pk, start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert (march["repeat_rate"], march["counts"]["with_unit"]) == (0.0, 2)


@pytest.mark.django_db
def test_the_period_is_read_in_shanghai_dates(quarter) -> None:
    # R7 at 03-31 23:30 and X1 at 04-01 00:30 Shanghai are both March 31 in UTC
    last_day = estate_kpis(estate_id=quarter.pk, start=date(2025, 3, 31), end=date(2025, 3, 31))
    first_day = estate_kpis(estate_id=quarter.pk, start=date(2025, 4, 1), end=date(2025, 4, 1))
    assert (last_day["total"], first_day["total"]) == (1, 1)
    assert first_day["trend"] == [{"month": "2025-04", "count": 1, "resolved": 0}]


@pytest.mark.django_db
def test_an_empty_period_gives_nulls_not_zeros(a1) -> None:
    kpis = estate_kpis(estate_id=a1["estate"].pk, start=date(2020, 1, 1), end=date(2020, 2, 15))
    assert kpis["total"] == 0 and kpis["rated_count"] == 0
    for key in (
        "response_p50_hours",
        "response_p90_hours",
        "resolution_rate",
        "reopen_rate",
        "repeat_rate",
        "average_rating",
        "answered_share",
    ):
        assert kpis[key] is None, key
    assert kpis["on_time"] == {"response": None, "plan": None, "resolution": None}
    assert kpis["by_category"] == [] and kpis["by_status"] == []
    assert kpis["trend"] == [
        {"month": "2020-01", "count": 0, "resolved": 0},
        {"month": "2020-02", "count": 0, "resolved": 0},
    ]


@pytest.mark.django_db
def test_one_statement_whatever_the_volume(quarter) -> None:
    with CaptureQueriesContext(connection) as queries:
        estate_kpis(estate_id=quarter.pk, start=Q1[0], end=Q1[1])
    statements = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    assert len(statements) == 1


# --- the API -------------------------------------------------------------------------------------


def _get(client, **params):
    return client.get(URL, params)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["admin", "manager", "committee"])
def test_firm_admin_manager_and_committee_read_the_kpis(cast, quarter, who: str) -> None:
    response = _get(
        login(getattr(cast.a, who)), estate=quarter.pk, start="2025-01-01", end="2025-03-31"
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["start"] == "2025-01-01" and body["end"] == "2025-03-31"
    assert {k: body[k] for k in EXPECTED} == EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["staff", "resident"])
def test_staff_and_residents_may_not(cast, quarter, who: str) -> None:
    response = _get(login(getattr(cast.a, who)), estate=quarter.pk)
    assert response.status_code == 403
    assert "total" not in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["manager", "committee"])
def test_an_estate_outside_scope_is_not_found(cast, who: str) -> None:
    response = _get(login(getattr(cast.a, who)), estate=cast.a.estates["A2"])
    assert response.status_code == 404
    assert response.json()["code"] == "estate_not_found"


@pytest.mark.django_db
def test_firm_b_never_sees_firm_a_figures(cast, quarter) -> None:
    b = login(cast.b.manager)
    # ids are per schema: A1's id may be B1's; whatever it names, it is firm B's own estate
    own = _get(b, estate=quarter.pk, start="2025-01-01", end="2025-03-31")
    if own.status_code == 200:
        assert own.json()["total"] == 0
    else:
        assert own.status_code == 404
    missing = max(cast.a.estates.values()) + 1000
    assert _get(b, estate=missing).status_code == 404
    assert _get(login(cast.b.resident), estate=quarter.pk).status_code == 403
    # firm B's session means nothing at firm A's host
    b.defaults["HTTP_HOST"] = cast.a.host
    assert _get(b, estate=quarter.pk).status_code == 401


@pytest.mark.django_db
def test_the_period_defaults_to_the_current_quarter(cast, a1) -> None:
    body = _get(login(cast.a.manager), estate=a1["estate"].pk).json()
    first, last = quarter_bounds(timezone.localdate())
    assert (body["start"], body["end"]) == (first.isoformat(), last.isoformat())
    only_start = _get(login(cast.a.manager), estate=a1["estate"].pk, start="2025-05-20").json()
    assert (only_start["start"], only_start["end"]) == ("2025-05-20", "2025-06-30")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"start": "2025-02-30"}, "start"),
        ({"start": "yesterday"}, "start"),
        ({"end": "2025/03/31"}, "end"),
        ({"start": "2025-03-01", "end": "2025-02-28"}, "end"),
        ({"start": "2025-01-01", "end": "2026-01-02"}, "end"),
        ({"estate": "abc"}, "estate"),
        ({"estate": None}, "estate"),
    ],
)
def test_bad_input_is_a_400_naming_the_field(cast, a1, params, field: str) -> None:
    query = {"estate": a1["estate"].pk, **params}
    query = {k: v for k, v in query.items() if v is not None}
    response = _get(login(cast.a.manager), **query)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and list(body["fields"]) == [field], body
