"""Service scoring end to end, in real Chromium (#11): the firm's draft is opened by the
committee in the web app; a resident answers on a phone from the home card in three steps and
sees "已提交，可在截止前修改"; the committee enters a paper form, sees the response rate per
building and closes the survey; the score and its explanation appear; the export downloaded
from the score page is checked by tools/verify_score.py (standard library, offline), which
agrees, and detects a changed input; the resident's home then shows the score and opens it.

Scores are append-only below the API (PostgreSQL refuses UPDATE and DELETE), so the clean-up
lifts the triggers for this test's own rows only, as the notices test does."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from datetime import date

import pgtrigger
import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD, ROOT

from .test_complaints_loop import PHONE, log_in, shot

pytestmark = pytest.mark.e2e

PERIOD_START = date(2025, 4, 1)  # a quarter no other test uses; the survey covers Q2 2025


def _survey_ids(cast) -> list[int]:
    from scoring.models import Survey

    return list(
        Survey.objects.filter(
            estate_id=cast.a.estates["A1"], period_start=PERIOD_START
        ).values_list("pk", flat=True)
    )


@pytest.fixture
def clean_scoring(cast) -> Iterator[None]:
    yield
    from django.db import connection
    from django_tenants.utils import schema_context

    from notifications.models import Notification
    from scoring.models import Ballot, EstateScore, Participation, PlanClock, ScoreAlert, Survey

    from .test_notices import remove_system_notices

    with pgtrigger.ignore(), schema_context(cast.a.schema):
        ids = _survey_ids(cast)
        scores = list(EstateScore.objects.filter(survey_id__in=ids).values_list("pk", flat=True))
        alerts = ScoreAlert.objects.filter(key__in=[str(s) for s in scores])
        PlanClock.objects.filter(alert__in=alerts).delete()
        alerts.delete()
        EstateScore.objects.filter(pk__in=scores).delete()
        Ballot.objects.filter(survey_id__in=ids).delete()
        Participation.objects.filter(survey_id__in=ids).delete()
        Notification.objects.filter(kind__startswith="scoring.").delete()
        Survey.objects.filter(pk__in=ids).delete()
    connection.set_schema_to_public()
    remove_system_notices(cast.a.schema, [f"scoring.score:{pk}" for pk in scores])


def test_residents_answer_the_committee_closes_and_the_verifier_agrees(
    db, cast, e2e_server, frontend_built, new_context, clean_scoring, tmp_path
) -> None:
    from django.db import connection
    from django_tenants.utils import schema_context

    from estates.models import Estate
    from scoring import services
    from scoring.models import Ballot, EstateScore

    firm = e2e_server.firm_url(cast.a.slug)
    with schema_context(cast.a.schema):
        survey = services.survey_draft(
            user=cast.a.manager.user,
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            period_start=PERIOD_START,
        )
    connection.set_schema_to_public()

    # --- the committee reviews the firm's draft and opens it -----------------------------------
    committee = new_context().new_page()
    log_in(committee, firm, cast.a.committee.email, PASSWORD)
    committee.goto(f"{firm}/scoring/surveys/{survey.pk}")
    expect(committee.get_by_test_id("survey-template")).to_contain_text(
        "总体、保洁、安保、绿化、维修、客服"
    )
    committee.get_by_test_id("survey-open").click()
    committee.get_by_test_id("survey-open-confirm").click()
    expect(committee.get_by_text("问卷已开启")).to_be_visible()
    expect(committee.get_by_test_id("survey-status")).to_have_attribute("data-status", "open")

    # --- a resident on a phone: home card → six ratings → submit ----------------------------------
    phone = new_context().new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.resident.email, PASSWORD)
    phone.get_by_test_id(f"home-survey-answer-{survey.pk}").click()
    for dimension, rating in zip(
        ["overall", "cleaning", "security", "greening", "repairs", "service"],
        [4, 3, 5, 4, 2, 4],
        strict=True,
    ):
        phone.get_by_test_id(f"survey-form-{dimension}-{rating}").click()
    phone.get_by_test_id("survey-form-comment").fill("电梯维修太慢")
    phone.get_by_test_id("survey-form-submit").click()
    expect(phone.get_by_test_id("survey-submitted")).to_have_text("已提交，可在截止前修改")
    shot(phone, "scoring-resident-submitted")
    # the answer holds after a reload
    phone.reload()
    expect(phone.get_by_test_id("survey-submitted")).to_be_visible()

    # --- the committee: response rate, a paper form, close -------------------------------------
    committee.reload()
    expect(committee.get_by_test_id("survey-rates-total")).to_contain_text("全小区 1 /")
    committee.get_by_test_id("paper-unit").click()
    committee.keyboard.type("1-102")
    # the server's answer to the search, not the first page under it (which reshuffles on arrival)
    options = committee.locator(
        ".ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option"
    )
    expect(options).to_have_text(["1-102"])
    options.first.click()
    expect(committee.get_by_test_id("paper-unit")).to_contain_text("1-102")
    for dimension in ["overall", "cleaning", "security", "greening", "repairs", "service"]:
        committee.get_by_test_id(f"paper-form-{dimension}-3").click()
    committee.get_by_test_id("paper-form-submit").click()
    expect(committee.get_by_text("纸质问卷已录入")).to_be_visible()
    expect(committee.get_by_test_id("survey-rates-total")).to_contain_text("全小区 2 /")
    committee.get_by_test_id("survey-close").click()
    committee.get_by_test_id("survey-close-confirm").click()
    expect(committee.get_by_test_id("survey-closed")).to_be_visible()
    # two answers: under the threshold of five, no aggregate is shown to anyone
    expect(committee.get_by_test_id("results-suppressed")).to_have_text("少于5份，不显示")
    expect(committee.get_by_test_id("results-counts")).to_have_text("共 2 份：线上 1 份，纸质 1 份")

    with schema_context(cast.a.schema):
        score = EstateScore.objects.get(survey_id=survey.pk)
        channels = sorted(
            Ballot.objects.filter(survey_id=survey.pk).values_list("channel", flat=True)
        )
    connection.set_schema_to_public()
    assert channels == ["online", "paper"]

    # --- the score and its explanation appear; the export is verified offline ------------------
    committee.get_by_test_id("survey-score").click()
    expect(committee.get_by_test_id("score-value")).to_contain_text(str(score.score))
    expect(committee.get_by_test_id("score-meta")).to_contain_text("计算方法 v1")
    expect(committee.get_by_test_id("score-weights-source")).to_contain_text("平台默认权重")
    expect(committee.get_by_test_id("explain-counts-satisfaction")).to_contain_text("评分合计: 40")
    expect(committee.get_by_test_id("explain-counts-satisfaction")).to_contain_text("纸质问卷: 1")
    expect(committee.get_by_test_id("score-verify-command")).to_have_text(
        "python3 tools/verify_score.py export.json"
    )
    shot(committee, "scoring-score-explained")
    with committee.expect_download() as info:
        committee.get_by_test_id("score-export").click()
    export = tmp_path / "export.json"
    info.value.save_as(export)

    verify = [sys.executable, str(ROOT / "tools" / "verify_score.py"), str(export)]
    agreed = subprocess.run(verify, capture_output=True, text=True, check=False)
    assert agreed.returncode == 0, agreed.stdout + agreed.stderr
    assert f"score {score.score}" in agreed.stdout
    assert "the same as published" in agreed.stdout

    changed = json.loads(export.read_text())
    satisfaction = next(i for i in changed["inputs"] if i["key"] == "satisfaction")
    satisfaction["counts"]["ratings_sum"] += 1
    export.write_text(json.dumps(changed, ensure_ascii=False, indent=2))
    refused = subprocess.run(verify, capture_output=True, text=True, check=False)
    assert refused.returncode == 1
    assert "DIFFERS" in refused.stdout
    assert "satisfaction" in refused.stdout

    # --- the resident's home on the phone now shows the estate's score and opens its explanation
    a1 = cast.a.estates["A1"]
    phone.goto(f"{firm}/")
    expect(phone.get_by_test_id(f"home-digest-score-value-{a1}")).to_have_text(f"{score.score} 分")
    expect(phone.get_by_test_id(f"home-digest-score-period-{a1}")).to_have_text("2025 年第二季度")
    shot(phone, "scoring-resident-home-score")
    phone.get_by_test_id(f"home-digest-score-open-{a1}").click()
    phone.wait_for_url(f"**/scoring/scores/{score.pk}")
    expect(phone.get_by_test_id("score-value")).to_contain_text(str(score.score))
