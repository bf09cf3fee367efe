"""Slug rules: pure, no database."""

from __future__ import annotations

import pytest

from tenants.policies import RESERVED_SLUGS, firm_url, schema_name_for, slug_problem


@pytest.mark.parametrize("slug", ["abc", "sunshine", "wanke-01", "a1b2c3", "x" * 40])
def test_valid_dns_labels_are_accepted(slug: str) -> None:
    assert slug_problem(slug) is None


@pytest.mark.parametrize(
    "slug",
    [
        "",
        "ab",
        "x" * 41,
        "Abc",
        "1abc",
        "-abc",
        "abc-",
        "ab_c",
        "a b",
        "ab.c",
        "阳光物业",
        "xn--abc",
    ],
)
def test_invalid_labels_are_refused_with_a_message(slug: str) -> None:
    assert slug_problem(slug)


@pytest.mark.parametrize("slug", ["www", "api", "admin", "public", "static", "template"])
def test_reserved_words_are_refused(slug: str) -> None:
    assert slug in RESERVED_SLUGS
    assert "保留" in (slug_problem(slug) or "")


def test_schema_names_cannot_collide_with_the_template_or_each_other() -> None:
    assert schema_name_for("my-firm") == "firm_my_firm"
    assert slug_problem("template") is not None  # would be firm_template, the clone source


def test_firm_url_omits_default_ports() -> None:
    assert (
        firm_url("acme", base_domain="linli.cn", scheme="https", port="")
        == "https://acme.linli.cn/"
    )
    assert firm_url("acme", base_domain="localhost", scheme="http", port="8000") == (
        "http://acme.localhost:8000/"
    )
