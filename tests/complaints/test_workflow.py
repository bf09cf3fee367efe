"""Services: intake, clocks with pauses, the escalation sweep, dispatch, limits, close-out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from complaints import services
from complaints.exceptions import (
    DailyLimitReached,
    InvalidPlace,
    NearDuplicate,
    ReopenWindowClosed,
    TransitionNotAllowed,
    UploadRejected,
)
from complaints.models import Escalation, RequestEvent, ReturnVisit, ServiceRequest
from complaints.services import escalations
from complaints.uploads import Upload
from notifications.models import Notification

from .conftest import JPEG

DIFFERENT = [
    "客厅灯不亮",
    "厨房下水道堵塞",
    "阳台门关不上",
    "卧室墙面渗水发霉",
    "门铃没有声音",
    "窗户玻璃裂了一条缝",
    "热水器打不着火",
    "马桶一直漏水",
    "空调外机支架松动",
    "楼道声控灯坏了",
    "信箱锁头生锈",
]

pytestmark = pytest.mark.django_db


def submit(a1, now=None, **kw):
    args = {
        "estate": a1["estate"],
        "kind": "repair",
        "category": "repair",
        "description": "卫生间水管漏水，楼下天花板渗水",
        "channel": "app",
        "unit": a1["unit"],
        "requester": a1["resident"],
        "now": now,
    }
    args.update(kw)
    return services.request_submit(**args)


def test_intake_numbers_starts_three_clocks_and_writes_the_timeline(a1) -> None:
    first, second = submit(a1), submit(a1, description="客厅灯不亮")
    assert first.number.startswith("A1-") and int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert sorted(first.clocks.values_list("kind", flat=True)) == ["plan", "resolution", "response"]
    event = first.events.get()
    assert (event.action, event.to_status, event.channel) == ("submit", "submitted", "app")


def test_staff_entry_for_an_elderly_resident_records_who_typed_it(a1) -> None:
    request = submit(
        a1,
        channel="phone",
        requester=None,
        entered_by=a1["staff"],
        contact_name="孙奶奶",
        contact_phone="13611112222",
    )
    assert request.entered_by == a1["staff"]
    assert request.events.get().data["entered_by"] == a1["staff"].email


def test_place_must_be_one_unit_or_common_area_of_the_estate(a1) -> None:
    with pytest.raises(InvalidPlace):
        submit(a1, unit=None)
    from estates.models import Unit

    elsewhere = Unit.objects.exclude(estate=a1["estate"]).first()
    with pytest.raises(InvalidPlace):
        submit(a1, unit=elsewhere)
    assert ServiceRequest.objects.count() == 0


def test_the_closed_loop_with_a_poor_rating_reopen_and_a_good_rating(a1) -> None:
    r = submit(a1)
    r = services.request_accept(request=r, actor=a1["staff"])
    r = services.request_start(request=r, actor=a1["staff"])
    r = services.request_resolve(
        request=r,
        actor=a1["staff"],
        note="已更换水管",
        uploads=[Upload("after.jpg", "image/jpeg", JPEG)],
    )
    r = services.request_rate(request=r, actor=a1["resident"], rating=2, tags=["slow"])
    assert r.status == "resolved" and ReturnVisit.objects.filter(request=r).count() == 1
    r = services.request_reopen(request=r, actor=a1["resident"], reason="还在漏")
    assert (r.status, r.reopen_count, r.rating) == ("reopened", 1, None)
    r = services.request_accept(request=r, actor=a1["staff"])
    r = services.request_resolve(request=r, actor=a1["staff"], note="重新密封")
    r = services.request_rate(request=r, actor=a1["resident"], rating=5)
    assert r.status == "closed" and r.closed_at is not None
    actions = list(r.events.values_list("action", flat=True))
    assert actions == [
        "submit",
        "accept",
        "start",
        "resolve",
        "rate",
        "reopen",
        "accept",
        "resolve",
        "rate",
    ]
    assert r.attachments.get().event.action == "resolve"
    told = Notification.objects.filter(user=a1["resident"], kind="request.status").count()
    # every status change the resident did not make: accept, start, resolve, accept, resolve
    assert told == 5


def test_an_invalid_transition_names_the_allowed_ones_and_changes_nothing(a1) -> None:
    r = submit(a1)
    events = r.events.count()
    with pytest.raises(TransitionNotAllowed) as exc:
        services.request_resolve(request=r, actor=a1["staff"], note="x")
    assert exc.value.extra["allowed"] == ["accept", "defer", "reject"]
    r.refresh_from_db()
    assert r.status == "submitted" and r.events.count() == events


def test_only_the_requester_rates_or_reopens(a1) -> None:
    r = submit(a1)
    services.request_accept(request=r, actor=a1["staff"])
    r = services.request_resolve(request=r, actor=a1["staff"], note="done")
    from complaints.exceptions import NotRequester

    for someone in (a1["staff"], a1["manager"], a1["committee"]):
        with pytest.raises(NotRequester):
            services.request_rate(request=r, actor=someone, rating=5)
    r.refresh_from_db()
    assert r.rating is None and r.status == "resolved"


def test_reopen_only_within_seven_days(a1) -> None:
    start = timezone.now() - timedelta(days=10)
    r = submit(a1, now=start)
    services.request_accept(request=r, actor=a1["staff"], now=start)
    r = services.request_resolve(
        request=r, actor=a1["staff"], note="ok", now=start + timedelta(hours=1)
    )
    with pytest.raises(ReopenWindowClosed):
        services.request_reopen(request=r, actor=a1["resident"], reason="late")


def test_deferral_pauses_every_clock_and_resume_moves_due_times(a1) -> None:
    t0 = timezone.now() - timedelta(hours=40)
    r = submit(a1, now=t0)
    due_before = {c.kind: c.due_at for c in r.clocks.all()}
    services.request_defer(
        request=r,
        actor=a1["staff"],
        reason="等业主在家",
        until=t0.date(),
        now=t0 + timedelta(hours=2),
    )
    assert all(c.paused_at is not None and c.due_at is None for c in r.clocks.all())
    r = services.request_resume(request=r, actor=a1["staff"], now=t0 + timedelta(hours=32))
    assert r.status == "submitted"
    for clock in r.clocks.all():
        assert clock.paused_seconds == 30 * 3600
        assert clock.due_at == due_before[clock.kind] + timedelta(hours=30)


def test_accept_stops_the_response_clock_start_the_plan_clock(a1) -> None:
    r = submit(a1)
    services.request_accept(request=r, actor=a1["staff"])
    stopped = set(r.clocks.filter(stopped_at__isnull=False).values_list("kind", flat=True))
    assert stopped == {"response"}
    services.request_start(request=r, actor=a1["staff"])
    stopped = set(r.clocks.filter(stopped_at__isnull=False).values_list("kind", flat=True))
    assert stopped == {"response", "plan"}


def test_reopen_restarts_the_resolution_clock(a1) -> None:
    r = submit(a1)
    services.request_accept(request=r, actor=a1["staff"])
    r = services.request_resolve(request=r, actor=a1["staff"], note="ok")
    later = timezone.now() + timedelta(hours=3)
    services.request_reopen(request=r, actor=a1["resident"], reason="还坏", now=later)
    clock = r.clocks.get(kind="resolution")
    assert clock.stopped_at is None and clock.started_at == later


# --- escalations ------------------------------------------------------------------------------


def test_sweep_turns_yellow_then_red_exactly_once_each(
    a1, django_capture_on_commit_callbacks
) -> None:
    t0 = timezone.now() - timedelta(hours=20)  # response clock 24 h: yellow from 19.2 h
    r = submit(a1, now=t0)
    with django_capture_on_commit_callbacks(execute=True):
        first = services.sweep()
        again = services.sweep()
    assert first["yellow"] == 1 and again == {"yellow": 0, "red": 0, "recoloured": 0}
    r.refresh_from_db()
    assert r.colour == "yellow"
    yellow = Notification.objects.filter(kind="escalation.yellow")
    assert [n.user for n in yellow] == [a1["manager"]]
    assert "3 天内" in yellow[0].title
    emails = len(mail.outbox)

    later = timezone.now() + timedelta(hours=5)
    with django_capture_on_commit_callbacks(execute=True):
        services.sweep(now=later)
        services.sweep(now=later)
    r.refresh_from_db()
    assert r.colour == "red"
    assert Escalation.objects.filter(request=r, level="red", clock="response").count() == 1
    red_to = {n.user for n in Notification.objects.filter(kind="escalation.red")}
    assert red_to == {a1["admin"], a1["manager"]}
    assert len(mail.outbox) == emails + 2
    assert r in services.red_board(estate_id=a1["estate"].pk)


def test_a_sweep_killed_midway_is_completed_by_the_next_run_without_doubles(
    a1, monkeypatch
) -> None:
    t0 = timezone.now() - timedelta(hours=21)
    first, second = submit(a1, now=t0), submit(a1, now=t0, description="电梯异响，晚上很吵")
    real = escalations.notify
    calls = {"n": 0}

    def flaky(**kwargs):
        calls["n"] += 1
        if kwargs["dedupe_key"].startswith("escalation:") and calls["n"] == 2:
            raise ConnectionError("worker killed")
        return real(**kwargs)

    monkeypatch.setattr(escalations, "notify", flaky)
    with pytest.raises(ConnectionError):
        services.sweep()
    done = set(Escalation.objects.values_list("request_id", flat=True))
    assert len(done) == 1  # the request in flight rolled back entirely
    services.sweep()
    services.sweep()
    for request in (first, second):
        assert Escalation.objects.filter(request=request, level="yellow").count() == 1
        assert (
            Notification.objects.filter(
                kind="escalation.yellow", link=f"/requests/{request.pk}"
            ).count()
            == 1
        )


def test_paused_and_stopped_clocks_never_escalate(a1) -> None:
    t0 = timezone.now() - timedelta(hours=30)
    deferred = submit(a1, now=t0)
    services.request_defer(
        request=deferred,
        actor=a1["staff"],
        reason="等配件",
        until=t0.date(),
        now=t0 + timedelta(hours=1),
    )
    answered = submit(a1, now=t0, description="小区门禁坏了")
    services.request_accept(request=answered, actor=a1["staff"], now=t0 + timedelta(hours=1))
    services.sweep()
    assert not Escalation.objects.filter(request=deferred).exists()
    assert not Escalation.objects.filter(request=answered, clock="response").exists()


def test_auto_close_after_seven_days_without_rating(a1) -> None:
    t0 = timezone.now() - timedelta(days=8)
    r = submit(a1, now=t0)
    services.request_accept(request=r, actor=a1["staff"], now=t0)
    services.request_resolve(request=r, actor=a1["staff"], note="ok", now=t0 + timedelta(hours=2))
    fresh = submit(a1, description="单元门口有积水")
    services.request_accept(request=fresh, actor=a1["staff"])
    services.request_resolve(request=fresh, actor=a1["staff"], note="ok")
    assert services.auto_close_sweep() == 1
    assert services.auto_close_sweep() == 0
    r.refresh_from_db(), fresh.refresh_from_db()
    assert r.status == "closed" and fresh.status == "resolved"
    assert r.events.last().action == "auto_close"


# --- dispatch -----------------------------------------------------------------------------------


def test_dispatch_rule_round_robins_within_the_group(a1) -> None:
    from accounts.services import user_create
    from estates.services import staff_assign

    second = user_create(email="tech2@firm-a.test", role="staff", full_name="李师傅")
    staff_assign(estate=a1["estate"], user=second, role="staff", by=None)
    group = services.group_create(
        estate_id=a1["estate"].pk, name="维修组", member_ids=[a1["staff"].pk, second.pk]
    )
    services.rule_set(estate_id=a1["estate"].pk, category="repair", group=group)
    picks = [submit(a1, description=DIFFERENT[i]).assignee for i in range(4)]
    assert picks == [a1["staff"], second, a1["staff"], second]
    cleaning = submit(a1, category="cleaning", description="楼道很脏")
    assert cleaning.assignee is None
    assert RequestEvent.objects.filter(action="dispatch").count() == 4


def test_a_technician_takes_an_unassigned_order_but_not_someone_elses(a1) -> None:
    r = submit(a1)
    taken = services.request_take(request=r, actor=a1["staff"])
    assert taken.assignee == a1["staff"] and taken.status == "accepted"
    other = submit(a1, description="阳台门关不上")
    services.request_reassign(request=other, actor=a1["manager"], assignee=a1["manager"])
    with pytest.raises(TransitionNotAllowed):
        services.request_take(request=other, actor=a1["staff"])


# --- limits and uploads ---------------------------------------------------------------------


def test_at_most_ten_requests_per_resident_per_day(a1) -> None:
    for i in range(10):
        submit(a1, description=DIFFERENT[i])
    with pytest.raises(DailyLimitReached) as exc:
        submit(a1, description=DIFFERENT[10])
    assert exc.value.status == 429 and "今天" in exc.value.detail
    assert ServiceRequest.objects.count() == 10


def test_near_duplicates_are_refused_after_two(a1) -> None:
    submit(a1, description="3号楼电梯坏了，一直停在5楼")
    submit(a1, description="3号楼电梯坏了一直停在5楼！")
    with pytest.raises(NearDuplicate) as exc:
        submit(a1, description="3号楼 电梯坏了 一直停在5楼")
    assert len(exc.value.extra["duplicates"]) == 2
    submit(a1, description="地下车库的灯不亮")  # a different matter is fine


def test_limits_follow_estate_settings(a1) -> None:
    a1["estate"].settings["limits"] = {"requests_per_day": 1, "near_duplicates": 2}
    a1["estate"].save()
    submit(a1)
    with pytest.raises(DailyLimitReached):
        submit(a1, description="另一件事")


@pytest.mark.parametrize(
    ("upload", "reason"),
    [
        (Upload("virus.jpg", "image/jpeg", b"MZ\x90\x00 not an image"), "JPG"),
        (Upload("huge.jpg", "image/jpeg", JPEG + b"\x00" * (10 * 1024 * 1024)), "MB"),
        (Upload("doc.pdf", "application/pdf", b"%PDF-1.7"), "JPG"),
    ],
)
def test_uploads_are_checked_by_content_and_size(a1, upload, reason) -> None:
    with pytest.raises(UploadRejected) as exc:
        submit(a1, uploads=[upload])
    assert reason in exc.value.fields["files"][0]
    assert ServiceRequest.objects.count() == 0


def test_at_most_nine_attachments(a1) -> None:
    with pytest.raises(UploadRejected):
        submit(a1, uploads=[Upload(f"{i}.jpg", "image/jpeg", JPEG) for i in range(10)])


def test_a_request_staff_record_for_a_resident_with_an_account_is_theirs_to_rate(a1) -> None:
    from estates.models import Person

    person = Person.objects.get(user=a1["resident"])
    r = submit(a1, channel="phone", requester=None, requester_person=person, entered_by=a1["staff"])
    assert r.requester == a1["resident"] and r.entered_by == a1["staff"]
    services.request_accept(request=r, actor=a1["staff"])
    r = services.request_resolve(request=r, actor=a1["staff"], note="修好了")
    r = services.request_rate(request=r, actor=a1["resident"], rating=5, channel="web")
    assert r.status == "closed" and r.events.last().channel == "web"
