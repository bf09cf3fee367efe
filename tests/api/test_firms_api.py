"""The platform console's firm endpoints: onboarding by API, suspension, who may call them."""

from __future__ import annotations

import pytest

from tenants.models import Firm
from tests.helpers import PUBLIC_HOST, client_at, login

pytestmark = pytest.mark.django_db

GOOD = {
    "name": "绿城物业",
    "slug": "lvcheng",
    "contact_name": "周经理",
    "contact_email": "zhou@lc.test",
    "contact_phone": "0571-88886666",
    "admin_name": "周经理",
    "admin_email": "admin@lc.test",
}


def test_platform_admin_onboards_a_firm_and_gets_a_pending_status(cast) -> None:
    response = login(cast.platform_admin).post("/api/v1/platform/firms/", GOOD)
    assert response.status_code == 202
    body = response.json()
    assert body["provisioning_status"] == "pending"
    assert body["url"] == "http://lvcheng.localhost:8000/"
    assert Firm.all_objects.get(slug="lvcheng").admin_email == "admin@lc.test"


def test_bad_input_gets_field_messages_and_writes_nothing(cast) -> None:
    client = login(cast.platform_admin)
    before = Firm.all_objects.count()
    for payload, fields in [
        ({}, {"name", "slug", "admin_email"}),
        ({**GOOD, "slug": "Bad Slug!"}, {"slug"}),
        ({**GOOD, "slug": "www"}, {"slug"}),
        ({**GOOD, "admin_email": "nope"}, {"admin_email"}),
        ({**GOOD, "contact_phone": "call me"}, {"contact_phone"}),
        ({**GOOD, "slug": "x" * 300}, {"slug"}),
    ]:
        response = client.post("/api/v1/platform/firms/", payload)
        assert response.status_code == 400, payload
        assert set(response.json()["fields"]) >= fields, response.json()
    assert Firm.all_objects.count() == before


def test_taken_slug_is_409(cast) -> None:
    response = login(cast.platform_admin).post(
        "/api/v1/platform/firms/", {**GOOD, "slug": "firm-a"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "slug_taken"
    assert Firm.all_objects.filter(slug="firm-a").count() == 1


def test_slug_availability(cast) -> None:
    client = login(cast.platform_admin)
    url = "/api/v1/platform/firms/slug-availability/"
    assert client.get(url, {"slug": "free-one"}).json()["available"] is True
    taken = client.get(url, {"slug": "firm-a"}).json()
    assert taken["available"] is False and taken["reason"]
    assert client.get(url, {"slug": "admin"}).json()["available"] is False


def test_only_platform_admins_may_use_the_console(cast) -> None:
    before = Firm.all_objects.count()
    anonymous = client_at(PUBLIC_HOST)
    assert anonymous.get("/api/v1/platform/firms/").status_code == 401
    assert anonymous.post("/api/v1/platform/firms/", GOOD).status_code == 401
    # the console does not exist on a firm host, even for the firm's admin
    firm_admin = login(cast.a.admin)
    assert firm_admin.get("/api/v1/platform/firms/").status_code == 404
    assert firm_admin.post("/api/v1/platform/firms/", GOOD).status_code == 404
    assert Firm.all_objects.count() == before


def test_firm_list_shows_firms_but_not_the_platform_itself(cast) -> None:
    slugs = {
        f["slug"]
        for f in login(cast.platform_admin).get("/api/v1/platform/firms/").json()["results"]
    }
    assert {"firm-a", "firm-b"} <= slugs
    assert "public" not in slugs


def test_suspended_firm_answers_403_and_reactivation_restores_it(cast) -> None:
    console = login(cast.platform_admin)
    firm = Firm.objects.get(slug="firm-b")
    assert (
        console.post(f"/api/v1/platform/firms/{firm.pk}/suspend/").json()["status"] == "suspended"
    )

    api = client_at(cast.b.host).get("/api/v1/site/")
    assert api.status_code == 403 and api.json()["code"] == "firm_suspended"
    page = client_at(cast.b.host).get("/login")
    assert page.status_code == 403 and "暂停" in page.content.decode()
    assert client_at(cast.a.host).get("/api/v1/site/").status_code == 200  # others unaffected

    console.post(f"/api/v1/platform/firms/{firm.pk}/activate/")
    assert client_at(cast.b.host).get("/api/v1/site/").status_code == 200


def test_unknown_host_is_a_clear_404_naming_no_firm(cast) -> None:
    api = client_at("nobody.localhost").get("/api/v1/site/")
    assert api.status_code == 404
    assert api.json()["code"] == "unknown_host"
    page = client_at("nobody.localhost").get("/")
    assert page.status_code == 404
    assert "firm-a" not in page.content.decode()


def test_pending_or_failed_firms_have_no_reachable_host(cast) -> None:
    login(cast.platform_admin).post("/api/v1/platform/firms/", {**GOOD, "slug": "not-yet"})
    assert client_at("not-yet.localhost").get("/api/v1/site/").status_code == 404


def test_site_endpoint_tells_the_app_which_host_it_is_on(cast) -> None:
    assert client_at(PUBLIC_HOST).get("/api/v1/site/").json()["host_kind"] == "public"
    firm = client_at(cast.a.host).get("/api/v1/site/").json()
    assert firm["host_kind"] == "firm" and firm["firm"]["slug"] == "firm-a"


def test_openapi_schema_and_docs_are_served(cast) -> None:
    assert client_at(PUBLIC_HOST).get("/api/schema/").status_code == 200
    assert client_at(cast.a.host).get("/api/docs/").status_code == 200
