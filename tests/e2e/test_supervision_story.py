"""Owner supervision end to end (#9's browser story), in real Chromium. The committee's filing
and the platform's confirmation are tests/e2e/test_committee_filing.py; here A1's chair (seated
by a confirmed filing) inspects on a phone and fails two items with photos; the estate's manager
answers both; the committee rejects one and verifies the other; the board, the KPIs and the
resident's page of the published round show it.

Submitted rounds, rectification events and photos are append-only below the API (pgtrigger), so
the clean-up lifts the triggers for this test's rows only, as the offline test does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD

from .test_complaints_loop import PHONE, log_in, shot
from .test_supervision_offline import remove_template

pytestmark = pytest.mark.e2e

NAME = "楼道巡查（e2e 故事）"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 400


def _photo(name: str) -> dict:
    return {"name": name, "mimeType": "image/jpeg", "buffer": JPEG}


@pytest.fixture
def story_template(cast) -> Iterator[int]:
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User
    from estates.models import Estate
    from supervision.services import template_create
    from supervision.services.templates import ItemInput

    with schema_context(cast.a.schema):
        found = template_create(
            user=User.objects.get(email=cast.a.committee.email),
            estate=Estate.objects.get(pk=cast.a.estates["A1"]),
            service_line="cleaning",
            name=NAME,
            items=[
                ItemInput("楼道杂物", "无堆放"),
                ItemInput("消防通道", "畅通"),
                ItemInput("垃圾房", "无异味"),
            ],
        )
        pk = found.pk
    connection.set_schema_to_public()
    yield pk
    remove_template(cast.a.schema, pk, titles=("楼道杂物", "消防通道", "垃圾房"))


def _open_rectification(page: Page, firm: str, title: str) -> None:
    page.goto(f"{firm}/supervision/rectifications")
    page.get_by_test_id("supervision-status-all").click()
    page.get_by_test_id("rectification-row").filter(has_text=title).click()
    expect(page.get_by_test_id("rectification-detail")).to_contain_text(title)


def test_inspect_fail_answer_reject_verify_and_everyone_sees_it(
    db, cast, e2e_server, frontend_built, new_context, story_template
) -> None:
    firm = e2e_server.firm_url(cast.a.slug)

    # --- the chair inspects on a phone and fails two items, each with a photo ------------------
    phone = new_context().new_page()
    phone.set_viewport_size(PHONE)
    log_in(phone, firm, cast.a.committee.email, PASSWORD)
    phone.goto(f"{firm}/supervision/inspect")
    phone.get_by_test_id("inspect-template").click()
    phone.locator(".ant-select-item-option", has_text=NAME).click()
    phone.get_by_test_id("inspect-area").fill("2号楼")
    phone.get_by_test_id("inspect-start").click()
    expect(phone.get_by_test_id("round-page")).to_have_attribute("data-status", "draft")
    round_id = int(phone.url.rstrip("/").rsplit("/", 1)[1])
    items = phone.get_by_test_id("round-item")
    expect(items).to_have_count(3)
    ids = [items.nth(i).get_attribute("data-item") for i in range(3)]
    phone.get_by_test_id(f"round-item-{ids[0]}-fail").click()
    phone.get_by_test_id(f"round-item-{ids[0]}-note").fill("楼道堆放纸箱")
    phone.get_by_test_id(f"round-item-{ids[0]}-photo").set_input_files(_photo("boxes.jpg"))
    phone.get_by_test_id(f"round-item-{ids[1]}-fail").click()
    phone.get_by_test_id(f"round-item-{ids[1]}-photo").set_input_files(_photo("lane.jpg"))
    phone.get_by_test_id(f"round-item-{ids[2]}-pass").click()
    expect(phone.get_by_test_id("round-pending")).to_have_count(0)
    phone.get_by_test_id("round-submit").click()
    expect(phone.get_by_test_id("round-page")).to_have_attribute("data-status", "submitted")
    phone.get_by_test_id("round-publish").click()
    expect(phone.get_by_test_id("round-published")).to_be_visible()
    shot(phone, "supervision-story-round")

    # --- the estate's manager answers both ------------------------------------------------------
    office = new_context().new_page()
    log_in(office, firm, cast.a.manager.email, PASSWORD)
    for title, plan in (("楼道杂物", "已清理纸箱"), ("消防通道", "已移走电动车")):
        _open_rectification(office, firm, title)
        office.get_by_test_id("rectification-plan").fill(plan)
        office.get_by_test_id("rectification-after").set_input_files(_photo("after.jpg"))
        office.get_by_test_id("rectification-answer-submit").click()
        expect(office.get_by_test_id("rectification-status")).to_have_text("待验收")

    # --- the committee rejects one and verifies the other ----------------------------------------
    committee = new_context().new_page()
    log_in(committee, firm, cast.a.committee.email, PASSWORD)
    _open_rectification(committee, firm, "楼道杂物")
    committee.get_by_test_id("rectification-reject-reason").fill("楼梯间仍有纸箱")
    committee.get_by_test_id("rectification-reject").click()
    expect(committee.get_by_test_id("rectification-status")).to_have_text("待整改")
    expect(committee.get_by_test_id("rectification-events")).to_contain_text("楼梯间仍有纸箱")
    _open_rectification(committee, firm, "消防通道")
    committee.get_by_test_id("rectification-verify").click()
    expect(committee.get_by_test_id("rectification-status")).to_have_text("已验收")

    # --- the board and the KPIs ------------------------------------------------------------------
    office.goto(f"{firm}/supervision/rectifications")
    open_rows = office.get_by_test_id("rectification-row")
    expect(open_rows.filter(has_text="楼道杂物")).to_have_attribute("data-status", "open")
    expect(open_rows.filter(has_text="消防通道")).to_have_count(0)  # closed: not on the open board
    office.goto(f"{firm}/supervision/kpis")
    expect(office.get_by_test_id("supervision-kpi-rectification")).to_contain_text(
        "已验收 1 / 发起 2"
    )
    expect(office.get_by_test_id("supervision-kpi-pass")).to_contain_text("合格 1 / 检查 3")
    shot(office, "supervision-story-kpis")

    # --- the resident reads the published round ------------------------------------------------
    resident = new_context().new_page()
    resident.set_viewport_size(PHONE)
    log_in(resident, firm, cast.a.resident.email, PASSWORD)
    resident.goto(f"{firm}/supervision/rounds/{round_id}")
    expect(resident.get_by_test_id("round-published")).to_be_visible()
    expect(resident.get_by_test_id("round-answer")).to_have_count(3)
    expect(resident.get_by_test_id("round-page")).to_contain_text("楼道堆放纸箱")
    expect(resident.get_by_test_id("round-publish")).to_have_count(0)
    shot(resident, "supervision-story-resident")
