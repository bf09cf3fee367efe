"""The offline verifier against a score published by the real services with the real supervision
module installed (no stand-in for its KPIs): a round held in the survey's period, its failures
opened as rectifications and one of them verified. The verifier recomputes the published score
from the downloaded export, and names what differs when an input count or a weight is changed."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import datetime, time

from django_tenants.utils import schema_context

from core.clock import SHANGHAI
from tests.helpers import ROOT, login
from tests.supervision.conftest import photo, submitted_round

from .conftest import PERIOD_START, RATINGS


def _verify(path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "tools" / "verify_score.py"), str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin"},  # no project on the path: standard library only
    )


def test_the_verifier_recomputes_a_score_with_real_supervision_inputs_and_catches_changes(
    cast, db, survey_id, tmp_path
):
    from estates.models import Estate
    from supervision.kpis import estate_kpis
    from supervision.services import rectification_answer, rectification_verify

    held = datetime.combine(PERIOD_START.replace(day=10), time(10), tzinfo=SHANGHAI)
    with schema_context(cast.a.schema):
        a1 = {
            "estate": Estate.objects.get(pk=cast.a.estates["A1"]),
            "committee": cast.a.committee.user,
        }
        round_ = submitted_round(a1, ("pass", "fail", "fail"), now=held)
        fixed = round_.rectifications.order_by("id").first()
        rectification_answer(
            user=cast.a.manager.user, rectification=fixed, plan="已清理", after=[photo()], now=held
        )
        rectification_verify(user=cast.a.committee.user, rectification=fixed, now=held)

    resident = login(cast.a.resident)
    answered = resident.post(
        f"/api/v1/scoring/surveys/{survey_id}/answer/",
        {"unit": cast.a.units["A1-1-101"], "ratings": RATINGS},
        format="json",
    )
    assert answered.status_code == 200, answered.content
    closed = login(cast.a.committee).post(f"/api/v1/scoring/surveys/{survey_id}/close/")
    assert closed.status_code == 200, closed.content
    score_id = closed.json()["score"]
    score = resident.get(f"/api/v1/scoring/scores/{score_id}/").json()

    # the real seam's figures, as published
    with schema_context(cast.a.schema):
        kpis = estate_kpis(
            estate_id=cast.a.estates["A1"],
            start=PERIOD_START,
            end=PERIOD_START.replace(month=9, day=30),
        )
    inputs = {i["key"]: i for i in score["inputs"]}
    assert score["supervision_included"] is True
    assert (
        inputs["inspection_pass"]["counts"]
        == {
            "items_inspected": kpis.items_inspected,
            "items_passed": kpis.items_passed,
        }
        == {"items_inspected": 3, "items_passed": 1}
    )
    assert inputs["rectification"]["counts"]["rectifications_opened"] == 2
    assert inputs["rectification"]["counts"]["rectifications_verified"] == 1
    assert (inputs["inspection_pass"]["score"], inputs["rectification"]["score"]) == (
        "33.33",
        "50.00",
    )
    # (40 * 66.75 + 15 * 33.33 + 15 * 50.00) / 70 = 55.9993 -> 56.00
    assert score["score"] == "56.00"

    export = resident.get(f"/api/v1/scoring/scores/{score_id}/export/")
    assert export.status_code == 200
    path = tmp_path / "export.json"
    path.write_bytes(export.content)
    ok = _verify(path)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "score 56.00" in ok.stdout and "supervision: included" in ok.stdout

    # a changed inspection count: the line of the value it no longer gives
    doc = json.loads(export.content)
    item = next(i for i in doc["inputs"] if i["key"] == "inspection_pass")
    item["counts"]["items_passed"] = 2
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    bad = _verify(path)
    assert bad.returncode == 1
    assert "inspection_pass.value: the export says '33.33', recomputed '66.67'" in bad.stdout
    line = int(bad.stdout.split("line ")[1].split(":")[0])
    assert '"value": "33.33"' in path.read_text().splitlines()[line - 1]

    # a changed weight (still summing to 100): the score no longer follows
    doc = json.loads(export.content)
    doc["weights"]["satisfaction"] -= 5
    doc["weights"]["rectification"] += 5
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2))
    bad = _verify(path)
    # (35 * 66.75 + 15 * 33.33 + 20 * 50.00) / 70 = 54.8029 -> 54.80
    assert bad.returncode == 1
    assert "score: the export says '56.00', recomputed '54.80'" in bad.stdout
