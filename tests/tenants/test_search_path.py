"""The search_path is set once per connection and schema (TENANT_LIMIT_SET_CALLS), so these check
that the cached path never outlives a switch of firm or a rollback that undid the SET."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection, transaction
from django_tenants.utils import schema_context

from estates.models import Estate
from tests.helpers import login


class Boom(Exception):
    pass


def _path() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW search_path")
        return str(cursor.fetchone()[0])


def test_the_setting_is_on() -> None:
    assert settings.TENANT_LIMIT_SET_CALLS is True


@pytest.mark.django_db
def test_each_switch_of_firm_sets_the_path_again(cast) -> None:
    with schema_context(cast.a.schema):
        assert _path().startswith(cast.a.schema)
        a_estates = set(Estate.objects.values_list("code", flat=True))
        with schema_context(cast.b.schema):
            assert _path().startswith(cast.b.schema)
            b_estates = set(Estate.objects.values_list("code", flat=True))
        assert _path().startswith(cast.a.schema)
        assert set(Estate.objects.values_list("code", flat=True)) == a_estates
    assert _path().startswith("public")
    assert a_estates and b_estates


@pytest.mark.django_db
def test_a_rolled_back_set_is_issued_again(cast) -> None:
    from tenants.models import Firm

    firm_a = Firm.objects.get(schema_name=cast.a.schema)
    connection.set_schema_to_public()
    assert _path().startswith("public")
    try:
        try:
            with transaction.atomic():  # a savepoint, taken while the path is public
                connection.set_tenant(firm_a)
                Estate.objects.count()  # sets firm A's path inside the savepoint
                raise Boom()
        except Boom:
            pass
        # the rollback restored PostgreSQL's path to public while the connection still
        # serves firm A: the next query must set the path again, not trust the cached one
        assert _path().startswith(cast.a.schema)
        assert Estate.objects.filter(pk=cast.a.estates["A1"]).exists()
    finally:
        connection.set_schema_to_public()


@pytest.mark.django_db
def test_requests_for_two_firms_on_one_connection_each_see_their_own(cast) -> None:
    a = login(cast.a.admin)
    b = login(cast.b.admin)
    for _ in range(2):
        seen_a = {e["code"] for e in a.get("/api/v1/estates/").json()["results"]}
        seen_b = {e["code"] for e in b.get("/api/v1/estates/").json()["results"]}
        assert seen_a == set(cast.a.estates)
        assert seen_b == set(cast.b.estates)
