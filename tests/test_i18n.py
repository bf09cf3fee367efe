"""One way to translate: gettext with Simplified Chinese as the source, English from the
catalogues. An error speaks the request's language (the user's saved one, else
Accept-Language, else zh-hans), and only that language."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.db import connection
from django_tenants.utils import schema_context

from tests.helpers import ROOT, client_at, login

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# "中文。 English." in one literal: what gettext replaced
BILINGUAL = re.compile(r"[\u4e00-\u9fff][。！？）]\s*[A-Z][a-z]+[ ,']")
# the folders whose strings live in the root catalogue (locale/)
ROOT_CATALOGUE_DIRS = ["api", "platform/config", "platform/core", "tenants"]
OTHER_APIS = {"estates", "complaints", "notifications", "users"}  # api/<app>: their owners


def _token_login_error(host: str, **headers: str) -> dict:
    response = client_at(host).post("/api/v1/auth/token/", {"email": "nope"}, **headers)
    connection.set_schema_to_public()
    assert response.status_code == 400
    return response.json()


def _chinese_only(text: str) -> None:
    assert CJK.search(text), text
    assert not LATIN_WORD.search(text), text


def _english_only(text: str) -> None:
    assert LATIN_WORD.search(text), text
    assert not CJK.search(text), text


def test_errors_are_chinese_by_default(cast) -> None:
    body = _token_login_error(cast.a.host)
    assert body["code"] == "invalid"
    _chinese_only(body["detail"])
    _chinese_only(body["fields"]["email"][0])  # Django REST framework's own catalogue


def test_errors_are_english_with_accept_language_en(cast) -> None:
    body = _token_login_error(cast.a.host, HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert body["code"] == "invalid"
    assert body["detail"] == "Some fields are not valid."
    _english_only(body["fields"]["email"][0])


def test_chinese_variants_of_accept_language_are_chinese(cast) -> None:
    for header in ("zh-CN", "zh", "zh-Hans-CN,zh;q=0.9,en;q=0.8"):
        _chinese_only(_token_login_error(cast.a.host, HTTP_ACCEPT_LANGUAGE=header)["detail"])


def test_unknown_host_answers_in_the_request_language(db) -> None:
    zh = client_at("nobody.localhost").get("/api/v1/site/")
    en = client_at("nobody.localhost").get("/api/v1/site/", HTTP_ACCEPT_LANGUAGE="en")
    assert zh.status_code == en.status_code == 404
    assert zh.json()["code"] == en.json()["code"] == "unknown_host"
    _chinese_only(zh.json()["detail"])
    _english_only(en.json()["detail"])


def test_the_guards_answer_in_the_request_language(cast) -> None:
    en = client_at(cast.a.host).get("/api/v1/join/a%00b/", HTTP_ACCEPT_LANGUAGE="en")
    assert en.json()["code"] == "invalid_character"
    _english_only(en.json()["detail"])


def test_the_saved_language_of_a_user_wins_over_accept_language(cast) -> None:
    with schema_context(cast.a.schema):
        user = cast.a.staff.user
        user.language = "en"
        user.save(update_fields=["language"])
    session = login(cast.a.staff)
    bad = session.patch("/api/v1/auth/me/", {"language": "klingon"}, HTTP_ACCEPT_LANGUAGE="zh")
    assert bad.status_code == 400
    _english_only(bad.json()["detail"])

    token = client_at(cast.a.host).post(
        "/api/v1/auth/token/", {"email": cast.a.staff.email, "password": cast.a.staff.password}
    )
    connection.set_schema_to_public()
    header = f"Token {token.json()['token']}"
    bad = client_at(cast.a.host).patch(
        "/api/v1/auth/me/", {"language": "x"}, HTTP_AUTHORIZATION=header, HTTP_ACCEPT_LANGUAGE="zh"
    )
    _english_only(bad.json()["detail"])


def test_a_user_who_saved_chinese_gets_chinese_even_from_an_english_browser(cast) -> None:
    session = login(cast.a.manager)
    bad = session.patch("/api/v1/auth/me/", {"language": "x"}, HTTP_ACCEPT_LANGUAGE="en")
    _chinese_only(bad.json()["detail"])


# --- the catalogues -----------------------------------------------------------------------


def _messages(folder: Path) -> list[tuple[str, int, str]]:
    from babel.messages.extract import extract_from_dir

    found = []
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(folder), method_map=[("**.py", "python")]
    ):
        if "migrations" in filename or (
            folder.name == "api" and filename.split("/")[0] in OTHER_APIS
        ):
            continue
        if isinstance(message, tuple):
            found.extend((filename, lineno, m) for m in message if m)
        else:
            found.append((filename, lineno, message))
    return found


def test_every_string_in_the_root_catalogue_folders_has_an_english_translation() -> None:
    from babel.messages.pofile import read_po

    with (ROOT / "locale" / "en" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        catalogue = read_po(handle)
    missing = [
        f"{folder}/{filename}:{lineno} {message}"
        for folder in ROOT_CATALOGUE_DIRS
        for filename, lineno, message in _messages(ROOT / folder)
        if not (catalogue.get(message) and catalogue.get(message).string)
    ]
    assert missing == []


def test_source_strings_are_chinese() -> None:
    english_sources = [
        f"{folder}/{filename}:{lineno} {message}"
        for folder in ROOT_CATALOGUE_DIRS
        for filename, lineno, message in _messages(ROOT / folder)
        if not CJK.search(message)
    ]
    assert english_sources == []


def test_no_bilingual_literals_are_left() -> None:
    found = []
    for folder in ROOT_CATALOGUE_DIRS:
        for path in (ROOT / folder).rglob("*.py"):
            rel = path.relative_to(ROOT)
            if "migrations" in rel.parts or (rel.parts[0] == "api" and rel.parts[1] in OTHER_APIS):
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and BILINGUAL.search(text):
                    found.append(f"{rel}:{node.lineno}")
    assert found == []


# ASCII punctuation touching a Chinese character (not 9:00, 1,000 or a placeholder)
HALF_WIDTH_IN_CHINESE = re.compile(
    r"[\u4e00-\u9fff][,;:?!)]|[\u4e00-\u9fff] [,;:?!]|\([\u4e00-\u9fff]|[\u4e00-\u9fff]\("
)


def test_chinese_source_strings_use_full_width_punctuation() -> None:
    """#13 §8: Chinese text takes ，；：？！（）, in every catalogue of the server (the source
    strings are the Chinese ones)."""
    from babel.messages.pofile import read_po

    catalogues = [
        p
        for p in ROOT.glob("**/locale/en/LC_MESSAGES/django.po")
        if not {".venv", "node_modules"} & set(p.parts)
    ]
    assert len(catalogues) >= 10
    found = []
    for path in catalogues:
        with path.open("rb") as handle:
            for message in read_po(handle):
                for source in message.id if isinstance(message.id, tuple) else (message.id,):
                    if source and HALF_WIDTH_IN_CHINESE.search(source):
                        found.append(f"{path.relative_to(ROOT)}: {source}")
    assert found == []
    assert HALF_WIDTH_IN_CHINESE.search("原因:") and HALF_WIDTH_IN_CHINESE.search("（可选)")
    assert not HALF_WIDTH_IN_CHINESE.search("上午 9:00–12:00，共 {count} 件（可选）：")
