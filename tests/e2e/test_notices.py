"""Estate notices end to end, in real Chromium: the committee publishes; no firm role (admin,
the estate's manager, staff) finds a way to change, unpin, expire, retract or delete it in the
web app or through the API, and PostgreSQL refuses an UPDATE or DELETE of it; a resident on a
phone sees it on the home, opens it, and the read is counted.

Notices are never deleted below the API (PostgreSQL refuses it), so the clean-up lifts the
triggers for its own rows only, as the disclosure test does."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pgtrigger
import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, log_in, shot

pytestmark = pytest.mark.e2e

TITLE = "业主大会会议通知（e2e）"


def remove_system_notices(schema: str, sources: list[str]) -> None:
    """Remove the system notices a test's publications posted (`source` keys), with their read
    receipts and notifications; the triggers are lifted for these rows only."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from notices.models import Notice, Read
    from notifications.models import Notification

    with pgtrigger.ignore(), schema_context(schema):
        ids = list(Notice.objects.filter(source__in=sources).values_list("pk", flat=True))
        Read.objects.filter(notice_id__in=ids).delete()
        for pk in ids:
            Notification.objects.filter(
                kind="notice.published", link__endswith=f"&notice={pk}"
            ).delete()
        Notice.objects.filter(pk__in=ids).delete()
    connection.set_schema_to_public()


@pytest.fixture
def clean_notices(cast) -> Iterator[None]:
    yield
    from django.db import connection
    from django_tenants.utils import schema_context

    from notices.models import Notice, Read, Retraction
    from notifications.models import Notification

    with pgtrigger.ignore(), schema_context(cast.a.schema):
        ids = list(Notice.objects.filter(title=TITLE).values_list("pk", flat=True))
        Read.objects.filter(notice_id__in=ids).delete()
        Retraction.objects.filter(notice_id__in=ids).delete()
        Notification.objects.filter(kind="notice.published", title__contains=TITLE).delete()
        Notice.objects.filter(pk__in=ids).delete()
    connection.set_schema_to_public()


def test_a_committee_notice_reaches_residents_and_survives_the_firm(
    db, cast, e2e_server, frontend_built, new_context, clean_notices
) -> None:
    firm = e2e_server.firm_url(cast.a.slug)

    # --- the committee publishes a pinned notice ---------------------------------------------
    committee = new_context().new_page()
    log_in(committee, firm, cast.a.committee.email, PASSWORD)
    committee.goto(f"{firm}/notices")
    committee.get_by_test_id("notice-new").click()
    committee.get_by_test_id("field-title").fill(TITLE)
    committee.get_by_test_id("field-body").fill("12 月 20 日 19:00 在会所召开业主大会。")
    committee.get_by_test_id("field-pinned").click()
    committee.get_by_test_id("notice-publish").click()
    expect(committee.get_by_text("公告已发布，住户会收到通知")).to_be_visible()
    expect(committee.get_by_text(TITLE)).to_be_visible()

    from django.db import connection
    from django_tenants.utils import schema_context

    from notices.models import Notice

    with schema_context(cast.a.schema):
        notice = Notice.objects.get(title=TITLE)
    connection.set_schema_to_public()

    # --- every firm role: nothing to click, and the API refuses ------------------------------
    for person in (cast.a.admin, cast.a.manager, cast.a.staff):
        firm_page = new_context().new_page()
        log_in(firm_page, firm, person.email, PASSWORD)
        firm_page.goto(f"{firm}/notices?estate={notice.estate_id}&notice={notice.pk}")
        expect(firm_page.get_by_test_id(f"notice-body-{notice.pk}")).to_be_visible()
        expect(firm_page.get_by_test_id(f"notice-retract-{notice.pk}")).to_have_count(0)
        expect(firm_page.get_by_test_id(f"notice-pin-{notice.pk}")).to_have_count(0)
        # the same calls the web app would make, from the signed-in page
        statuses = firm_page.evaluate(
            """async (id) => {
                const csrf = document.cookie.match(/csrftoken=([^;]+)/)[1];
                const call = (method, path, body) => fetch(`/api/v1/notices/${id}/${path}`, {
                    method, headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf},
                    body: body ? JSON.stringify(body) : undefined,
                }).then((r) => r.status);
                return [
                    await call('PATCH', '', {title: '已取消'}),
                    await call('PATCH', '', {pinned: false}),
                    await call('PATCH', '', {expires_on: '2020-01-01'}),
                    await call('POST', 'retract/', {reason: 'x'}),
                    await call('DELETE', ''),
                ];
            }""",
            notice.pk,
        )
        assert statuses == [403, 403, 403, 403, 405], (person.email, statuses)
    # and PostgreSQL itself refuses to change or delete it, whoever asks
    from django.db import DatabaseError, transaction

    with schema_context(cast.a.schema):
        with pytest.raises(DatabaseError), transaction.atomic():
            Notice.objects.filter(pk=notice.pk).update(title="已取消")
        with pytest.raises(DatabaseError), transaction.atomic():
            Notice.objects.filter(pk=notice.pk).delete()
        kept = Notice.objects.get(pk=notice.pk)
        assert (kept.title, kept.pinned, kept.expires_on) == (TITLE, True, notice.expires_on)
        assert not hasattr(kept, "retraction") or kept.retraction is None
    connection.set_schema_to_public()

    # --- a resident on a phone: the home shows it; opening it counts the read ------------------
    phone = new_context().new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.resident.email, PASSWORD)
    link = phone.get_by_test_id(f"home-notice-{notice.pk}")
    expect(link).to_contain_text(TITLE)
    link.click()
    expect(phone.get_by_test_id(f"notice-body-{notice.pk}")).to_contain_text("召开业主大会")
    expect(phone.get_by_test_id(f"notice-unread-{notice.pk}")).to_have_count(0)
    shot(phone, "notice-resident-read")
    committee.reload()
    # the admin, the manager and the staff member opened it too
    expect(committee.get_by_text("4 人已读")).to_be_visible()


SCORE_PERIOD = date(2025, 4, 1)  # a quarter no other test scores


@pytest.fixture
def clean_score(cast) -> Iterator[None]:
    yield
    from django.db import connection
    from django_tenants.utils import schema_context

    from notifications.models import Notification
    from scoring.models import EstateScore, PlanClock, ScoreAlert, Survey

    with schema_context(cast.a.schema):
        surveys = list(
            Survey.objects.filter(period_start=SCORE_PERIOD).values_list("pk", flat=True)
        )
        scores = list(
            EstateScore.objects.filter(survey_id__in=surveys).values_list("pk", flat=True)
        )
    connection.set_schema_to_public()
    remove_system_notices(cast.a.schema, [f"scoring.score:{pk}" for pk in scores])
    with pgtrigger.ignore(), schema_context(cast.a.schema):
        alerts = ScoreAlert.objects.filter(key__in=[str(s) for s in scores])
        PlanClock.objects.filter(alert__in=alerts).delete()
        alerts.delete()
        EstateScore.objects.filter(pk__in=scores).delete()
        Notification.objects.filter(kind__startswith="scoring.").delete()
        Survey.objects.filter(pk__in=surveys).delete()
    connection.set_schema_to_public()


def test_a_published_score_is_on_the_residents_board_as_a_system_notice_of_its_type(
    db, cast, e2e_server, frontend_built, new_context, clean_score
) -> None:
    from django.db import connection
    from django_tenants.utils import schema_context

    from estates.models import Estate
    from notices.models import Notice
    from scoring import services
    from scoring.models import EstateScore

    firm = e2e_server.firm_url(cast.a.slug)
    # the committee closes the quarter's survey: the score is published, and with it the notice
    with schema_context(cast.a.schema):
        survey = services.survey_draft(
            user=cast.a.manager.user,
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            period_start=SCORE_PERIOD,
        )
        services.survey_open(user=cast.a.committee.user, survey=survey)
        services.survey_close(user=cast.a.committee.user, survey=survey)
        score = EstateScore.objects.get(survey=survey)
        notice = Notice.objects.get(source=f"scoring.score:{score.pk}")
    connection.set_schema_to_public()
    assert (notice.side, notice.kind, notice.author_id) == ("system", "score", None)

    phone = new_context().new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.resident.email, PASSWORD)
    card = phone.get_by_test_id(f"home-notice-{notice.pk}")
    expect(card).to_contain_text(notice.title)
    expect(card).to_contain_text("系统")
    expect(phone.get_by_test_id(f"home-notice-kind-{notice.pk}")).to_have_text("服务评分")
    shot(phone, "notice-system-home")
    card.click()
    body = phone.get_by_test_id(f"notice-body-{notice.pk}")
    expect(body).to_contain_text(notice.body)
    expect(phone.get_by_test_id(f"notice-kind-{notice.pk}")).to_have_text("服务评分")
    expect(phone.get_by_text("系统发布", exact=False).first).to_be_visible()
    expect(phone.get_by_test_id(f"notice-source-{notice.pk}")).to_have_attribute(
        "href", f"/scoring/scores/{score.pk}"
    )
    # nothing to do with it, for the resident or anyone
    expect(phone.get_by_test_id(f"notice-retract-{notice.pk}")).to_have_count(0)
