"""An owners' vote in real Chromium at 390×844 (#15): the committee chair drafts a vote on a phone
and opens it once the notice period is over (the announcement is dated 20 days back, as the
backend tests do), two owners vote on their phones and keep their receipts, the chair enters a
paper ballot and a second member confirms it (the chair cannot), the vote is closed at its
window's end (the service with the clock moved on; the window is fixed once announced), the chair
publishes, and an owner checks their receipt against the published result."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from tests.helpers import PASSWORD
from tests.votes.conftest import votes  # noqa: F401  (the fixture)

from .test_complaints_loop import PHONE, log_in, shot

pytestmark = pytest.mark.e2e

JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 100


def _local(dt) -> str:  # type: ignore[no-untyped-def]
    from django.utils import timezone

    return timezone.localtime(dt).strftime("%Y-%m-%dT%H:%M")


def _phone(new_context, firm: str, email: str) -> Page:  # type: ignore[no-untyped-def]
    page = new_context().new_page()
    page.set_viewport_size(PHONE)
    log_in(page, firm, email, PASSWORD)
    return page


def _pick(page: Page, test_id: str, text: str) -> None:
    page.get_by_test_id(test_id).click()
    options = page.locator(".ant-select-dropdown:visible .ant-select-item-option")
    options.filter(has_text=text).first.click()


def _vote_as_owner(page: Page, firm: str, pk: int, option: int) -> str:
    page.goto(f"{firm}/votes/{pk}")  # where the notification of the opening links
    page.get_by_test_id(f"cast-option-{option}").check()
    page.get_by_test_id("cast-submit").click()
    page.get_by_test_id("cast-confirm").click()
    receipt = page.get_by_test_id("cast-receipt").locator("code").inner_text()
    assert receipt
    return receipt


def _legible(page: Page, locator, name: str) -> None:  # type: ignore[no-untyped-def]
    """At the elder size (21 px and up) and whole on the phone's screen."""
    expect(locator).to_be_visible()
    size = locator.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert size >= 21, (name, size)
    box = locator.bounding_box()
    assert box is not None and box["x"] >= 0, (name, box)
    assert box["x"] + box["width"] <= PHONE["width"], (name, box)


def test_an_owners_vote_from_draft_to_a_checked_receipt(
    db, request, e2e_server, frontend_built, new_context
):
    from django.db import connection
    from django.utils import timezone
    from django_tenants.utils import schema_context

    from votes import services
    from votes.models import Ballot, Vote

    vote_estate = request.getfixturevalue("votes")  # tests.votes.conftest
    cast = vote_estate.cast
    firm = e2e_server.firm_url(cast.a.slug)
    now = timezone.now()

    # --- the chair drafts the vote on a phone ------------------------------------------------
    chair = _phone(new_context, firm, cast.a.committee.email)
    chair.goto(f"{firm}/votes")
    expect(chair.get_by_test_id("vote-new")).to_be_visible()
    chair.goto(f"{firm}/votes/new?estate={vote_estate.estate}")
    chair.get_by_test_id("field-title").fill("是否使用维修资金更换 2 号楼电梯")
    chair.get_by_test_id("field-opens_at").fill(_local(now - timedelta(days=1)))
    chair.get_by_test_id("field-closes_at").fill(_local(now + timedelta(days=3)))
    chair.get_by_test_id("vote-save").click()
    chair.wait_for_url(re.compile(r"/votes/\d+$"))
    pk = int(chair.url.rstrip("/").rsplit("/", 1)[1])
    expect(chair.get_by_test_id("vote-status-draft")).to_be_visible()
    expect(chair.get_by_test_id("vote-rule")).to_contain_text("2/3")

    # the notice went out 20 days ago (the 15-day notice period is over)
    with schema_context(cast.a.schema):
        services.vote_announce(
            user=cast.a.committee.user, vote=Vote.objects.get(pk=pk), now=now - timedelta(days=20)
        )
    connection.set_schema_to_public()
    chair.reload()
    chair.get_by_test_id("vote-open").click()
    chair.get_by_test_id("vote-open-ok").click()
    expect(chair.get_by_test_id("vote-status-open")).to_be_visible()
    shot(chair, "votes-chair-open")

    # --- two owners vote on their phones --------------------------------------------------------
    zhang = _phone(new_context, firm, vote_estate.owners["zhang"].email)
    receipt = _vote_as_owner(zhang, firm, pk, 0)
    shot(zhang, "votes-owner-receipt")
    # 赵六 votes in elder mode (text ×1.5): the same three steps, each legible on the phone
    from accounts.models import User

    with schema_context(cast.a.schema):
        User.objects.filter(email=vote_estate.owners["zhao"].email).update(elder_mode=True)
    connection.set_schema_to_public()
    zhao = _phone(new_context, firm, vote_estate.owners["zhao"].email)
    zhao.goto(f"{firm}/votes/{pk}")
    expect(zhao.locator("html")).to_have_class(re.compile(r"\belder-mode\b"))
    # a secret vote, still open: turnout only, the counts come at the close
    expect(zhao.get_by_test_id("tally-sealed")).to_be_visible()
    expect(zhao.get_by_test_id("tally-options")).to_have_count(0)
    # the vote's details stack each label above its value (beside it: one character a line)
    matter = zhao.get_by_test_id("vote-details").get_by_text("使用建筑物及其附属设施的维修资金")
    _legible(zhao, matter, "matter")
    assert (matter.bounding_box() or {"width": 0})["width"] >= 0.6 * PHONE["width"]
    for index in range(3):
        _legible(zhao, zhao.get_by_test_id(f"cast-option-text-{index}"), f"option {index}")
    zhao.get_by_test_id("cast-option-1").check()
    _legible(zhao, zhao.get_by_test_id("cast-submit"), "submit")
    zhao.get_by_test_id("cast-submit").click()
    _legible(zhao, zhao.get_by_test_id("cast-confirm"), "confirm")
    zhao.get_by_test_id("cast-confirm").click()
    _legible(zhao, zhao.get_by_test_id("cast-receipt"), "receipt")
    assert zhao.get_by_test_id("cast-receipt").locator("code").inner_text()
    assert zhao.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(zhao, "votes-owner-elder-receipt")

    # --- a paper ballot: the chair enters it, the second member confirms it -----------------------
    chair.reload()
    _pick(chair, "paper-elector", "李四")
    _pick(chair, "paper-choice", "同意")
    chair.get_by_test_id("paper-scan").set_input_files(
        {"name": "ballot.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
    )
    chair.get_by_test_id("paper-save").click()
    expect(chair.get_by_test_id("paper-entered")).to_be_visible()
    pending = chair.get_by_test_id("paper-pending").locator("[data-testid^='pending-']")
    expect(pending).to_have_count(1)
    expect(chair.locator("[data-testid^='paper-accept-']")).to_have_count(0)

    member2 = _phone(new_context, firm, vote_estate.member2.email)
    member2.goto(f"{firm}/votes/{pk}")
    member2.locator("[data-testid^='paper-accept-']").click()
    expect(
        member2.get_by_test_id("paper-pending").locator("[data-testid^='pending-']")
    ).to_have_count(0)
    with schema_context(cast.a.schema):
        paper = Ballot.objects.get(vote_id=pk, channel="paper")
        assert paper.status == "counted" and paper.confirmed_by_id is not None
    connection.set_schema_to_public()

    # --- the window ends (the close runs at the window's end, the way the backend tests do: the
    # window is fixed once announced); the chair publishes ---------------------------------------
    expect(chair.get_by_test_id("vote-close")).to_have_count(0)  # not before the window's end
    with schema_context(vote_estate.cast.a.schema):
        found = Vote.objects.get(pk=pk)
        services.vote_close(
            user=vote_estate.cast.a.committee.user,
            vote=found,
            now=found.closes_at + timedelta(minutes=1),
        )
    connection.set_schema_to_public()
    chair.reload()
    expect(chair.get_by_test_id("vote-status-closed")).to_be_visible()
    chair.get_by_test_id("vote-publish").click()
    chair.get_by_test_id("vote-publish-ok").click()
    expect(chair.get_by_test_id("vote-status-published")).to_be_visible()
    expect(chair.get_by_test_id("tally-card")).to_be_visible()
    expect(chair.get_by_test_id("tally-buildings")).to_contain_text("2")

    # --- an owner checks their receipt against the published result ------------------------
    zhang.goto(f"{firm}/votes/{pk}")
    expect(zhang.get_by_test_id("vote-status-published")).to_be_visible()
    zhang.get_by_test_id("receipt-input").fill(receipt)
    zhang.get_by_test_id("receipt-submit").click()
    expect(zhang.get_by_test_id("receipt-included")).to_be_visible()
    expect(zhang.get_by_test_id("receipt-included")).not_to_contain_text("同意")
    shot(zhang, "votes-owner-receipt-checked")
