"""The estate score: published when the committee closes the survey, append-only, recomputable
offline from its export (tools/verify_score.py), with and without the supervision input;
thresholds alert once."""

from __future__ import annotations

import json
import subprocess
import sys
import types
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from django_tenants.utils import schema_context

from tests.helpers import ROOT, login

from .conftest import RATINGS, open_survey


@dataclass(frozen=True)
class FakeSupervisionKpis:
    items_inspected: int = 40
    items_passed: int = 30
    rectifications_opened: int = 10
    rectifications_verified: int = 8
    rectifications_verified_on_time: int = 6
    rounds_scheduled: int = 4
    rounds_held: int = 4


@pytest.fixture
def supervision_absent(monkeypatch):
    """The supervision module cannot be imported (None in sys.modules: ImportError). The URLs
    are loaded first: the supervision API imports the module too, and a test that is the first
    to resolve a URL would otherwise fail on that import instead."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view module)
    monkeypatch.setitem(sys.modules, "supervision.kpis", None)


@pytest.fixture
def supervision_present(monkeypatch):
    module = types.ModuleType("supervision.kpis")
    module.estate_kpis = lambda *, estate_id, start, end: FakeSupervisionKpis()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "supervision.kpis", module)


def _answer_and_close(cast, survey_id: int, ratings: dict) -> dict:
    resident = login(cast.a.resident)
    answered = resident.post(
        f"/api/v1/scoring/surveys/{survey_id}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": ratings},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    closed = login(cast.a.committee).post(f"/api/v1/scoring/surveys/{survey_id}/close/")
    assert closed.status_code == 200, closed.content
    score_id = closed.json()["score"]
    got = resident.get(f"/api/v1/scoring/scores/{score_id}/")
    assert got.status_code == 200
    return got.json()


def _verify(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_score.py"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no project on the path: standard library only
    )


def test_without_supervision_the_score_says_so_and_the_verifier_agrees(
    cast, db, survey_id, supervision_absent, tmp_path
):
    score = _answer_and_close(cast, survey_id, RATINGS)
    assert score["method_version"] == "v1" and score["weights_source"] == "default"
    assert score["supervision_included"] is False
    inputs = {i["key"]: i for i in score["inputs"]}
    assert inputs["inspection_pass"]["reason"] == "supervision_absent"
    assert inputs["rectification"]["reason"] == "supervision_absent"
    # 6 ratings summing 22: mean 3.67 -> (3.67 - 1) / 4 * 100 = 66.75
    assert inputs["satisfaction"]["counts"] == {
        "ballots_online": 1,
        "ballots_paper": 0,
        "ratings_sum": 22,
        "ratings_count": 6,
    }
    assert (inputs["satisfaction"]["value"], inputs["satisfaction"]["score"]) == ("3.67", "66.75")
    # no complaints in A1 this period: satisfaction alone carries the weight
    assert score["score"] == "66.75"

    export = login(cast.a.resident).get(f"/api/v1/scoring/scores/{score['id']}/export/")
    assert export.status_code == 200
    assert "attachment" in export["Content-Disposition"]
    path = tmp_path / "export.json"
    path.write_bytes(export.content)
    ok = _verify(path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "score 66.75" in ok.stdout and "supervision: absent" in ok.stdout

    doc = json.loads(export.content)
    assert doc["supervision_included"] is False and doc["weights_source"] == "default"
    doc["inputs"][0]["counts"]["ratings_sum"] = 24  # a changed input
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    bad = _verify(path)
    assert bad.returncode == 1
    line = int(bad.stdout.split("line ")[1].split(":")[0])
    assert '"value": "3.67"' in path.read_text().splitlines()[line - 1]
    assert "satisfaction.value" in bad.stdout and "'4.00'" in bad.stdout

    doc = json.loads(export.content)
    doc["score"] = "80.00"  # a changed result
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    bad = _verify(path)
    assert (
        bad.returncode == 1 and "score: the export says '80.00', recomputed '66.75'" in bad.stdout
    )


def test_with_supervision_its_inputs_count_and_the_verifier_agrees(
    cast, db, survey_id, supervision_present, tmp_path
):
    score = _answer_and_close(cast, survey_id, RATINGS)
    assert score["supervision_included"] is True
    inputs = {i["key"]: i for i in score["inputs"]}
    assert inputs["inspection_pass"]["score"] == "75.00"
    assert inputs["rectification"]["score"] == "80.00"
    # (40 * 66.75 + 15 * 75 + 15 * 80) / 70 = 71.36
    assert score["score"] == "71.36"
    export = login(cast.a.committee).get(f"/api/v1/scoring/scores/{score['id']}/export/")
    path = tmp_path / "export.json"
    path.write_bytes(export.content)
    ok = _verify(path)
    assert ok.returncode == 0 and "score 71.36" in ok.stdout, ok.stdout


def test_the_method_and_the_verifier_agree_on_awkward_figures():
    """Half-up rounding and the response cap, through both implementations."""
    import importlib.util

    from scoring import method

    spec = importlib.util.spec_from_file_location(
        "verify_score", ROOT / "tools" / "verify_score.py"
    )
    assert spec and spec.loader
    verifier = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(verifier)
    cases = [
        ("satisfaction", {"ratings_sum": 7, "ratings_count": 6}),
        ("complaint_on_time", {"clocks_stopped": 3, "clocks_on_time": 2}),
        ("complaint_reopen", {"ever_resolved": 7, "reopened": 1}),
        ("complaint_rating", {"rated_count": 3, "average_rating": "4.33"}),
        ("complaint_response", {"answered": 9, "p90_hours": "36.00", "limit_hours": "24.00"}),
        ("complaint_response", {"answered": 9, "p90_hours": "3.50", "limit_hours": "24.00"}),
    ]
    for key, counts in cases:
        mine = method.input_from_counts(key, counts)
        value, score = verifier.recompute(key, counts)
        assert (mine.value, mine.score) == (value, score), key
    assert method.input_from_counts(*cases[4]).score == Decimal("66.67")


def test_a_published_score_cannot_be_changed_or_deleted(cast, db, survey_id, supervision_absent):
    from scoring.models import EstateScore

    score = _answer_and_close(cast, survey_id, RATINGS)
    with schema_context(cast.a.schema):
        for attempt in (
            lambda: EstateScore.objects.filter(pk=score["id"]).update(score=Decimal("99")),
            lambda: EstateScore.objects.filter(pk=score["id"]).delete(),
        ):
            with pytest.raises(DatabaseError), transaction.atomic():
                attempt()
        assert EstateScore.objects.get(pk=score["id"]).score == Decimal("66.75")


def test_thresholds_alert_once_each(cast, db, supervision_absent):
    from notifications.models import Notification
    from scoring.models import EstateScore, ScoreAlert
    from scoring.services.scores import check_thresholds

    worst = dict.fromkeys(RATINGS, 1)
    first = open_survey(cast, start=date(2025, 10, 1))
    assert _answer_and_close(cast, first, worst)["score"] == "0.00"
    with schema_context(cast.a.schema):
        assert not ScoreAlert.objects.exists()
    second = open_survey(cast, start=date(2026, 7, 1))
    latest = _answer_and_close(cast, second, worst)
    with schema_context(cast.a.schema):
        kinds = sorted(ScoreAlert.objects.values_list("kind", "key"))
        assert kinds == [("improvement_plan", str(latest["id"])), ("retender", "2026")]
        plan = ScoreAlert.objects.get(kind="improvement_plan")
        assert plan.clocks.get().due_at is not None
        notes = Notification.objects.filter(kind="scoring.alert")
        # the plan: firm admin, A1's manager and the committee; the flag: the committee only
        assert sorted(notes.values_list("user__email", flat=True)) == sorted(
            [
                cast.a.admin.email,
                cast.a.manager.email,
                cast.a.committee.email,
                cast.a.committee.email,
            ]
        )
        before = notes.count()
        again = check_thresholds(
            score=EstateScore.objects.get(pk=latest["id"]), now=plan.created_at
        )
        assert again == [] and ScoreAlert.objects.count() == 2 and notes.count() == before
    seen = login(cast.a.committee).get("/api/v1/scoring/alerts/").json()
    assert sorted(a["kind"] for a in seen["results"]) == ["improvement_plan", "retender"]
    firm = login(cast.a.manager).get("/api/v1/scoring/alerts/").json()
    assert [a["kind"] for a in firm["results"]] == ["improvement_plan"]
    assert login(cast.a.resident).get("/api/v1/scoring/alerts/").json()["results"] == []
