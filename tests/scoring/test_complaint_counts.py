"""The score reads its complaint figures with a statement of its own (only what the method uses,
bench/scoring); they must stay the figures of the KPI dashboard (`complaints.kpis`), checked on
the complaints tests' hand-built quarter: deferred and reopened requests, a rejection, a
suggestion, a request never answered, and the Shanghai day boundary."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.complaints.conftest import a1  # noqa: F401 (fixture)
from tests.complaints.test_kpis import Q1, quarter  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db

PERIODS = [
    Q1,
    (date(2025, 1, 1), date(2025, 1, 31)),
    (date(2025, 3, 1), date(2025, 3, 31)),
    (date(2025, 3, 31), date(2025, 3, 31)),
    (date(2025, 4, 1), date(2025, 4, 1)),
    (date(2020, 1, 1), date(2020, 2, 15)),  # nothing: nulls and zeros as the dashboard gives
]


def _dashboard(estate_id: int, start: date, end: date) -> dict:
    """The same figures from the KPI dashboard's own function."""
    from complaints.kpis import estate_kpis

    k = estate_kpis(estate_id=estate_id, start=start, end=end)
    counts = k["counts"]
    return {
        "answered": counts["answered"],
        "response_p90_hours": k["response_p90_hours"],
        "ever_resolved": counts["ever_resolved"],
        "reopened": counts["reopened"],
        "average_rating": k["average_rating"],
        "rated_count": k["rated_count"],
        "clocks_stopped": sum(counts["clocks_stopped"].values()),
        "clocks_on_time": sum(counts["clocks_on_time"].values()),
    }


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_the_score_reads_the_dashboard_figures(quarter, start, end) -> None:  # noqa: F811
    from scoring.services.scores import complaint_counts

    assert complaint_counts(estate_id=quarter.pk, start=start, end=end) == _dashboard(
        quarter.pk, start, end
    )


def test_the_hand_worked_quarter_in_one_statement(quarter) -> None:  # noqa: F811
    from scoring.services.scores import complaint_counts

    with CaptureQueriesContext(connection) as queries:
        got = complaint_counts(estate_id=quarter.pk, start=Q1[0], end=Q1[1])
    assert got == {
        "answered": 6,
        "response_p90_hours": 17.0,
        "ever_resolved": 3,
        "reopened": 1,
        "average_rating": 3.5,
        "rated_count": 2,
        "clocks_stopped": 11,  # response 5, plan 3, resolution 3
        "clocks_on_time": 7,  # 4 + 2 + 1
    }
    statements = [q["sql"] for q in queries if not q["sql"].startswith("SET search_path")]
    assert len(statements) == 1
