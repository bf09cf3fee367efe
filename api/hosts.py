"""What kind of host a request arrived at, and the base URL for links in e-mails."""

from __future__ import annotations

from django.http import HttpRequest

from core.db import current_schema


def host_kind(request: HttpRequest | None = None) -> str:
    tenant = getattr(request, "tenant", None) if request is not None else None
    schema = getattr(tenant, "schema_name", None) or current_schema()
    return "public" if schema == "public" else "firm"


def base_url(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def firm_name(request: HttpRequest) -> str:
    tenant = getattr(request, "tenant", None)
    return getattr(tenant, "name", "") or "邻里 Linli"
