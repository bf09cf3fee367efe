"""The committee's inspection on a phone (390×844) survives losing the signal: answers and a
photo given offline wait in the outbox (IndexedDB) and are sent when the phone is online again;
the server then holds every answer and the photo exactly once (idempotent by the device's key),
also after a reload while offline."""

from __future__ import annotations

from collections.abc import Iterator

import pgtrigger
import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, log_in

pytestmark = pytest.mark.e2e

NAME = "保洁离线检查（e2e）"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 400


def remove_template(schema: str, pk: int, *, titles: tuple[str, ...]) -> None:
    """Remove a test's template with its rounds, rectifications, photos and the supervision
    notifications naming `titles`; the triggers are lifted for these rows only."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from notifications.models import Notification
    from supervision import models as m

    from .test_notices import remove_system_notices

    with schema_context(schema):
        round_ids = list(
            m.Round.objects.filter(version__template_id=pk).values_list("pk", flat=True)
        )
    remove_system_notices(schema, [f"supervision.round:{r}" for r in round_ids])
    with pgtrigger.ignore(), schema_context(schema):
        rounds = m.Round.objects.filter(version__template_id=pk)
        fixes = m.Rectification.objects.filter(round__in=rounds)
        for title in titles:
            Notification.objects.filter(
                kind__startswith="supervision.", title__contains=title
            ).delete()
        m.EvidencePhoto.objects.filter(event__rectification__in=fixes).delete()
        m.RectificationEvent.objects.filter(rectification__in=fixes).delete()
        m.RectificationClock.objects.filter(rectification__in=fixes).delete()
        fixes.delete()
        m.Publication.objects.filter(round__in=rounds).delete()
        m.Addendum.objects.filter(round__in=rounds).delete()
        m.ClientWrite.objects.filter(round__in=rounds).delete()
        m.RoundPhoto.objects.filter(round__in=rounds).delete()
        m.Answer.objects.filter(round__in=rounds).delete()
        rounds.delete()
        m.TemplateItem.objects.filter(version__template_id=pk).delete()
        m.TemplateVersion.objects.filter(template_id=pk).delete()
        m.Template.objects.filter(pk=pk).delete()
    connection.set_schema_to_public()


@pytest.fixture
def template(cast) -> Iterator[int]:
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User
    from estates.models import Estate
    from supervision.services import template_create
    from supervision.services.templates import ItemInput

    with schema_context(cast.a.schema):
        user = User.objects.get(email=cast.a.committee.email)
        estate = Estate.objects.get(pk=cast.a.estates["A1"])
        found = template_create(
            user=user,
            estate=estate,
            service_line="cleaning",
            name=NAME,
            items=[
                ItemInput("垃圾桶清洁", "无污渍"),
                ItemInput("楼道地面", "无积水"),
                ItemInput("电梯轿厢", ""),
            ],
        )
        pk = found.pk
    connection.set_schema_to_public()
    yield pk
    remove_template(cast.a.schema, pk, titles=("楼道地面",))


def _photos(cast, round_id: int) -> list[int]:
    from django.db import connection
    from django_tenants.utils import schema_context

    from supervision.models import RoundPhoto

    with schema_context(cast.a.schema):
        found = list(RoundPhoto.objects.filter(round_id=round_id).values_list("item_id", flat=True))
    connection.set_schema_to_public()
    return found


def test_offline_answers_reach_the_server_exactly_once(
    db, cast, e2e_server, frontend_built, new_context, template
) -> None:
    firm = e2e_server.firm_url(cast.a.slug)
    context = new_context()
    phone = context.new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.committee.email, PASSWORD)
    phone.goto(f"{firm}/supervision/inspect")
    phone.get_by_test_id("inspect-template").click()
    phone.locator(".ant-select-item-option", has_text=NAME).click()
    phone.get_by_test_id("inspect-area").fill("3号楼")
    phone.get_by_test_id("inspect-start").click()
    expect(phone.get_by_test_id("round-page")).to_have_attribute("data-status", "draft")
    round_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])
    items = phone.get_by_test_id("round-item")
    expect(items).to_have_count(3)
    ids = [items.nth(i).get_attribute("data-item") for i in range(3)]

    context.set_offline(True)
    phone.get_by_test_id(f"round-item-{ids[0]}-pass").click()
    phone.get_by_test_id(f"round-item-{ids[1]}-fail").click()
    phone.get_by_test_id(f"round-item-{ids[2]}-na").click()
    expect(phone.get_by_test_id("round-pending")).to_contain_text("3")
    expect(phone.get_by_test_id("round-submit")).to_be_disabled()

    # back online with the page open: the outbox sends on the `online` event
    context.set_offline(False)
    expect(phone.get_by_test_id("round-pending")).to_have_count(0)

    # a photo taken offline, and the page closed before the signal returns: it waits on the
    # device and the round page sends it when it is opened again
    context.set_offline(True)
    phone.get_by_test_id(f"round-item-{ids[1]}-photo").set_input_files(
        {"name": "floor.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    expect(phone.get_by_test_id("round-pending")).to_contain_text("1")
    round_url = phone.url
    phone.close()
    context.set_offline(False)
    phone = context.new_page()
    phone.set_viewport_size(PHONE)
    phone.goto(round_url)
    # the reopened page reads the outbox from IndexedDB and sends it: wait until the server
    # has the photo (the page shows no pending badge before it has read the outbox either)
    for _ in range(80):
        if _photos(cast, round_id):
            break
        phone.wait_for_timeout(250)
    expect(phone.get_by_test_id("round-pending")).to_have_count(0)
    expect(phone.get_by_test_id("round-submit")).to_be_enabled()

    from django.db import connection
    from django_tenants.utils import schema_context

    from supervision.models import Answer

    with schema_context(cast.a.schema):
        answers = list(Answer.objects.filter(round_id=round_id).values_list("item_id", "result"))
    connection.set_schema_to_public()
    assert _photos(cast, round_id) == [int(ids[1] or 0)]
    assert sorted(answers) == sorted(
        zip([int(i or 0) for i in ids], ["pass", "fail", "na"], strict=True)
    )

    phone.get_by_test_id("round-submit").click()
    expect(phone.get_by_test_id("round-page")).to_have_attribute("data-status", "submitted")
    expect(phone.get_by_test_id("round-answer")).to_have_count(3)
