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
# the clock-and-escalation code belongs to the deadlines work; its strings move with it
NOT_OURS = {"platform/complaints/services/escalations.py", "platform/complaints/deadlines.py"}


def _chinese_messages(folder: str) -> list[tuple[str, int, str]]:
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(ROOT / folder), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        if "migrations" in filename or f"{folder}/{filename}" in NOT_OURS:
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
                if "/migrations/" in rel or rel in NOT_OURS:
                    continue
                for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                    text = node.value if isinstance(node, ast.Constant) else None
                    if isinstance(text, str) and BILINGUAL.search(text):
                        found.append(f"{rel}:{node.lineno}")
    assert found == []
