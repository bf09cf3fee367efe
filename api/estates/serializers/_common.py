"""What the estates serializers share: the phone pattern and the reader's masking."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from accounts.selectors import user_capabilities
from api.hosts import host_kind
from estates import selectors

PHONE = r"^\+?[0-9 -]{5,20}$"


def caps(serializer: serializers.Field[Any, Any, Any, Any]) -> frozenset[str]:
    request = serializer.context.get("request")
    if request is None or not request.user.is_authenticated:
        return frozenset()
    return user_capabilities(user=request.user, host_kind=host_kind(request))


def masking_of(serializer: serializers.Field[Any, Any, Any, Any]) -> selectors.PeopleMasking:
    """The reader's view of phones and ID numbers (`selectors.PeopleMasking`, which the exports
    apply too)."""
    given = serializer.context.get("masking")
    if isinstance(given, selectors.PeopleMasking):
        return given
    return selectors.PeopleMasking.for_capabilities(caps(serializer))
