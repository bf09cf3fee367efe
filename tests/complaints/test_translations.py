"""Complaints and notifications translate like the rest of the server (issue #8 §4): gettext
with the Chinese text as the source, every Chinese source string translated in its app's
English catalogue, no "中文。 English." literal left."""

from __future__ import annotations

import ast
import re

import pytest

from tests.helpers import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
BILINGUAL = re.compile(r"[\u4e00-\u9fff][。！？）]\s*[A-Z][a-z]+[ ,']")
KEYWORDS = {"_": None, "gettext": None, "gettext_lazy": None}
APPS = {
    "complaints": ["platform/complaints", "api/complaints"],
    "notifications": ["platform/notifications", "api/notifications"],
}


def _chinese_messages(folder: str) -> list[tuple[str, int, str]]:
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if "migrations" in filename:
            continue
        for text in message if isinstance(message, tuple) else (message,):
            if text and CJK.search(text):
                found.append((f"{folder}/{filename}", lineno, text))
    return found


@pytest.mark.parametrize("app", sorted(APPS))
def test_every_chinese_string_has_an_english_translation(app: str) -> None:
    from babel.messages.pofile import read_po

    path = ROOT / "platform" / app / "locale" / "en" / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle)
    messages = [m for folder in APPS[app] for m in _chinese_messages(folder)]
    assert messages  # the extraction found the app's strings
    missing = [
        f"{where}:{line} {text}"
        for where, line, text in messages
        if not (catalogue.get(text) and catalogue.get(text).string)
    ]
    assert missing == []


def test_no_bilingual_literals_are_left() -> None:
    found = []
    for folders in APPS.values():
        for folder in folders:
            for path in (ROOT / folder).rglob("*.py"):
                rel = path.relative_to(ROOT).as_posix()
                if "/migrations/" in rel:
                    continue
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                    text = node.value if isinstance(node, ast.Constant) else None
                    if isinstance(text, str) and BILINGUAL.search(text):
                        found.append(f"{rel}:{node.lineno}")
    assert found == []


@pytest.mark.django_db
def test_errors_and_notifications_speak_each_persons_language(cast, a1) -> None:
    from complaints import services
    from notifications.models import Notification
    from tests.helpers import login

    a1["resident"].language = "en"
    a1["resident"].save(update_fields=["language"])
    request = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="卫生间水管漏水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
    )
    services.request_accept(request=request, actor=a1["staff"])
    titles = {n.user_id: n.title for n in Notification.objects.all()}
    assert titles[a1["resident"].pk] == f"Your request {request.number}: accepted"
    # an API error in the user's saved language, with the stable code
    staff = a1["staff"]
    staff.language = "en"
    staff.save(update_fields=["language"])
    response = login(cast.a.staff).post(
        "/api/v1/complaints/",
        {
            "estate": cast.a.estates["A1"],
            "kind": "repair",
            "category": "repair",
            "unit": cast.a.units["A1-1-102"],
            "description": "楼道灯坏了",
            "channel": "phone",
            "requester": 999_999,
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["fields"]["requester"] == ["No such record."]


def test_choice_labels_are_chinese_with_an_english_translation() -> None:
    from django.utils import translation

    from complaints.choices import Category, Colour, Kind, Status

    assert [str(Kind.COMPLAINT.label), str(Category.CLEANING.label)] == ["投诉", "保洁"]
    with translation.override("en"):
        assert [str(Kind.COMPLAINT.label), str(Category.CLEANING.label)] == [
            "Complaint",
            "Cleaning",
        ]
        assert str(Colour.RED.label) == "Red"
        assert str(Status.DEFERRED.label) == "on hold"  # shared with the notification wording


@pytest.mark.django_db
def test_escalation_titles_speak_each_recipients_language(a1) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from complaints import services
    from notifications.models import Notification

    a1["manager"].language = "en"
    a1["manager"].save(update_fields=["language"])
    request = services.request_submit(
        estate=a1["estate"],
        kind="repair",
        category="repair",
        description="卫生间水管漏水",
        channel="app",
        unit=a1["unit"],
        requester=a1["resident"],
        now=timezone.now() - timedelta(hours=20),  # response clock 24 h: yellow from 19.2 h
    )
    services.sweep()
    (yellow,) = Notification.objects.filter(kind="escalation.yellow")
    assert yellow.title == (
        f"Yellow: {request.number} Response clock at 80%; send a plan within 3 days"
    )
    services.sweep(now=timezone.now() + timedelta(hours=5))
    titles = {n.user_id: n.title for n in Notification.objects.filter(kind="escalation.red")}
    assert titles == {
        a1["manager"].pk: f"Red: {request.number} Response clock breached; escalated to the firm"
        " admin and shown to the committee",
        a1["admin"].pk: f"红色督办：{request.number} 响应已超时，已上报公司并公示给业委会",
    }


def test_every_status_reads_as_words_in_a_notification_never_as_its_code() -> None:
    from django.utils import translation

    from complaints.choices import Status
    from complaints.services.notify import STATUS_LABEL

    assert set(STATUS_LABEL) == set(Status.values)
    for value in Status.values:
        with translation.override("zh-hans"):
            chinese = str(STATUS_LABEL[value])
        with translation.override("en"):
            english = str(STATUS_LABEL[value])
        assert CJK.search(chinese), (value, chinese)
        # English words ("submitted"), never a code ("in_progress") nor the Chinese left over
        assert english and not CJK.search(english) and "_" not in english, (value, english)
