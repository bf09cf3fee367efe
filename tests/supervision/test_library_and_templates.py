"""The built-in library and the committee's versioned templates."""

from __future__ import annotations

import pytest
from django.utils import translation
from django_tenants.utils import schema_context

from tests.helpers import login

from .conftest import small_template

pytestmark = pytest.mark.django_db


def test_the_library_has_sixty_items_over_every_service_line_with_english() -> None:
    from supervision.choices import ServiceLine
    from supervision.library import LIBRARY

    assert len(LIBRARY) >= 60
    assert {i.service_line for i in LIBRARY} == set(ServiceLine.values)
    with translation.override("en"):
        untranslated = [i.title for i in LIBRARY if translation.gettext(i.title) == i.title] + [
            i.standard for i in LIBRARY if translation.gettext(i.standard) == i.standard
        ]
    assert untranslated == []


def test_the_library_endpoint_speaks_the_readers_language(cast) -> None:
    from supervision.library import library_items

    zh = login(cast.a.manager).get("/api/v1/supervision/library/?service_line=fire")
    assert zh.status_code == 200
    assert zh.json()[0]["title"] == "消防通道"
    with translation.override("en"):
        assert library_items("fire")[0].translated()["title"] == "Fire engine access"
    bad = login(cast.a.manager).get("/api/v1/supervision/library/?service_line=x")
    assert bad.status_code == 400
    assert "service_line" in bad.json()["fields"]


def test_the_committee_copies_a_library_line_and_a_round_keeps_its_version(cast) -> None:
    client = login(cast.a.committee)
    estate = cast.a.estates["A1"]
    created = client.post(
        "/api/v1/supervision/templates/",
        {"estate": estate, "service_line": "fire"},
        format="json",
    )
    assert created.status_code == 201, created.content
    template = created.json()
    assert template["current"]["number"] == 1
    assert len(template["current"]["items"]) == 9
    assert template["name"] == "消防"
    started = client.post(
        "/api/v1/supervision/rounds/",
        {"estate": estate, "template": template["id"], "key": "round-key-0001"},
        format="json",
    )
    assert started.status_code == 201
    edited = client.post(
        f"/api/v1/supervision/templates/{template['id']}/versions/",
        {"items": [{"title": "只查一项", "standard": "消防通道畅通", "photo_required": True}]},
        format="json",
    )
    assert edited.status_code == 201
    assert edited.json()["current"]["number"] == 2
    assert edited.json()["version_count"] == 2
    round_ = client.get(f"/api/v1/supervision/rounds/{started.json()['id']}/").json()
    assert round_["version_number"] == 1
    assert len(round_["items"]) == 9


@pytest.mark.parametrize("who", ["admin", "manager", "staff", "resident"])
def test_no_firm_role_or_resident_creates_or_edits_a_template(cast, a1, who: str) -> None:
    from supervision.models import Template, TemplateVersion

    template = small_template(a1)
    before = (Template.objects.count(), TemplateVersion.objects.count())
    client = login(getattr(cast.a, who))
    created = client.post(
        "/api/v1/supervision/templates/",
        {"estate": a1["estate"].pk, "service_line": "fire"},
        format="json",
    )
    edited = client.post(
        f"/api/v1/supervision/templates/{template.pk}/versions/",
        {"items": [{"title": "改", "standard": ""}]},
        format="json",
    )
    assert created.status_code == 403
    assert edited.status_code == 403
    with schema_context(cast.a.schema):
        assert (Template.objects.count(), TemplateVersion.objects.count()) == before


def test_bad_items_are_a_400_naming_the_field(cast) -> None:
    response = login(cast.a.committee).post(
        "/api/v1/supervision/templates/",
        {"estate": cast.a.estates["A1"], "service_line": "fire", "items": [{"weight": 99}]},
        format="json",
    )
    assert response.status_code == 400
    assert "items" in str(response.json()["fields"])
