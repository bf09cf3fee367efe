"""The deliberation hall (议事厅) in real Chromium at 390×844 (#15 §1): a resident raises a topic
with a photo; the committee sets the agenda threshold to one support and, as an owner, supports
it, which puts it on the agenda (where it could be put to a vote); the committee answers it
adopted and the resident reads the public answer. A topic the committee hides shows its reason
to its author."""

from __future__ import annotations

import base64

import pytest
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import DRAW_JPEG, PHONE, log_in, shot

pytestmark = pytest.mark.e2e


def _clean_up(cast) -> None:
    import pgtrigger
    from django.db import connection
    from django_tenants.utils import schema_context

    from votes.models import Topic, TopicHall, TopicPhoto, TopicSupport

    with pgtrigger.ignore(), schema_context(cast.a.schema):
        mine = Topic.objects.filter(author__email=cast.a.resident.email)
        TopicSupport.objects.filter(topic__in=mine).delete()
        TopicPhoto.objects.filter(topic__in=mine).delete()
        mine.delete()
        TopicHall.objects.filter(estate_id=cast.a.estates["A1"]).delete()
    connection.set_schema_to_public()


def _topic_id(url: str) -> int:
    return int(url.rstrip("/").rsplit("/", 1)[1])


def test_a_topic_is_raised_with_a_photo_reaches_the_agenda_and_is_adopted(
    db, cast, e2e_server, frontend_built, new_context
):
    firm = e2e_server.firm_url(cast.a.slug)
    estate = cast.a.estates["A1"]

    try:
        # --- the committee sets the support the agenda needs ------------------------------------
        committee = new_context().new_page()
        committee.set_viewport_size(PHONE)
        log_in(committee, firm, cast.a.committee.email, PASSWORD)
        committee.goto(f"{firm}/topics?estate={estate}")
        committee.get_by_test_id("threshold-input").fill("1")
        committee.get_by_test_id("threshold-save").click()
        expect(committee.get_by_text("支持达到 1 人即列入业委会议程", exact=False)).to_be_visible()

        # --- a resident raises a topic with a photo ----------------------------------------------
        phone = new_context().new_page()
        phone.set_viewport_size(PHONE)
        log_in(phone, firm, cast.a.resident.email, PASSWORD)
        phone.goto(f"{firm}/topics?estate={estate}")
        phone.get_by_test_id("topic-raise").click()
        phone.get_by_test_id("topic-title").fill("南门口雨后积水严重")
        phone.get_by_test_id("topic-body").fill("希望疏通排水沟")
        jpeg = base64.b64decode(phone.evaluate(DRAW_JPEG))
        phone.get_by_test_id("topic-photos").set_input_files(
            files=[{"name": "water.jpg", "mimeType": "image/jpeg", "buffer": jpeg}]
        )
        expect(phone.get_by_test_id("topic-photos-thumbs").locator("img")).to_have_count(1)
        shot(phone, "topics-raise")
        phone.get_by_test_id("topic-submit").click()
        phone.wait_for_url(lambda url: "/topics/new" not in url and "/topics/" in url)
        topic = _topic_id(phone.url)
        expect(phone.get_by_test_id("topic-status-open")).to_be_visible()
        photo = phone.get_by_test_id("topic-photos").locator("img")
        expect(photo).to_have_count(1)
        # the element is there before its bytes are: wait for the browser to decode the photo
        loaded = photo.element_handle()
        phone.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=loaded)
        assert phone.evaluate("(img) => img.naturalWidth", loaded) == 320
        expect(phone.get_by_test_id("topic-support")).to_have_count(0)  # not their own

        # --- the committee, as an owner, supports it: it goes on the agenda ----------------------
        committee.goto(f"{firm}/topics/{topic}")
        committee.get_by_test_id("topic-support").click()
        expect(committee.get_by_test_id("topic-status-agenda")).to_be_visible()
        expect(committee.get_by_test_id("topic-support-count")).to_have_text("1 人支持")

        # --- it could be put to a vote; the committee answers it adopted instead -----------------
        expect(committee.get_by_test_id("topic-to-vote")).to_have_attribute(
            "href", f"/votes/new?topic={topic}"
        )
        committee.locator("label", has=committee.get_by_test_id("topic-outcome-adopted")).click()
        committee.get_by_test_id("topic-answer-text").fill("采纳：本月内疏通南门排水沟")
        committee.get_by_test_id("topic-answer-submit").click()
        expect(committee.get_by_test_id("topic-status-adopted")).to_be_visible()
        expect(committee.get_by_test_id("topic-to-vote")).to_have_count(0)  # answered for good

        phone.goto(f"{firm}/topics/{topic}")
        expect(phone.get_by_test_id("topic-answer")).to_contain_text("采纳：本月内疏通南门排水沟")
        shot(phone, "topics-adopted")

        # --- a hidden topic shows its reason to its author ---------------------------------------
        phone.goto(f"{firm}/topics/new?estate={estate}")
        phone.get_by_test_id("topic-title").fill("某某业主是骗子")
        phone.get_by_test_id("topic-submit").click()
        phone.wait_for_url(lambda url: "/topics/new" not in url and "/topics/" in url)
        hidden = _topic_id(phone.url)
        committee.goto(f"{firm}/topics/{hidden}")
        committee.get_by_test_id("topic-hide-reason").fill("含对个人的攻击，请就事论事")
        committee.get_by_test_id("topic-hide-submit").click()
        expect(committee.get_by_test_id("topic-status-hidden")).to_be_visible()
        phone.reload()
        expect(phone.get_by_test_id("topic-hidden")).to_contain_text("含对个人的攻击，请就事论事")
        shot(phone, "topics-hidden-author")
    finally:
        _clean_up(cast)
