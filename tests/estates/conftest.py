"""Fixtures for the import tests (tests/estates/test_import.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django_tenants.utils import schema_context


@pytest.fixture
def import_media(settings, tmp_path):
    """Uploaded import files go to a folder of their own for the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def in_firm_a(cast, db) -> Iterator[None]:
    """The test body runs in firm A's schema, as a request at firm A's host would."""
    with schema_context(cast.a.schema):
        yield


@pytest.fixture
def import_estate(in_firm_a, import_media):
    """A fresh, empty estate of firm A (ORM-made: the test is about the import only)."""
    from estates.models import Estate

    return Estate.objects.create(
        name="阳光花园", code="IMP1", city="杭州", join_code="join-imp1-fixed"
    )
