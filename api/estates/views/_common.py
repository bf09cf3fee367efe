"""What the estates views share: the caller, the estate they must run, the xlsx response."""

from __future__ import annotations

from django.http import HttpResponse
from rest_framework.request import Request

from accounts.models import User
from accounts.selectors import user_capabilities
from api.hosts import host_kind
from estates import selectors
from estates.models import Estate
from estates.selectors import PeopleMasking

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ID = r"\d+"  # the router's `lookup_value_regex`: "abc" in an id's place is a 404, not a 500


def caller(request: Request) -> User:
    return request.user  # type: ignore[return-value]


def estate_full(request: Request, estate_id: int | str) -> Estate:
    """An estate the caller sees in full (not as a resident), or EstateNotFound."""
    return selectors.estate_get(user=caller(request), pk=int(estate_id), full=True)


def masking(request: Request) -> PeopleMasking:
    """The caller's view of phones and ID numbers: the API and the exports use this one."""
    user = caller(request)
    if not user.is_authenticated:
        return PeopleMasking(full_contact=False, full_id_number=False)
    caps = user_capabilities(user=user, host_kind=host_kind(request))
    return PeopleMasking.for_capabilities(caps)


def xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
