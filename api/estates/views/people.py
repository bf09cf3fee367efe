"""Owners and occupants: record, link to units, end links, give a login."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import PEOPLE_MANAGE, PEOPLE_VIEW
from api.hosts import base_url, firm_name
from api.lapse import MANAGEMENT
from core.exceptions import NotFound
from estates import selectors, services
from estates.models import Person, Unit

from .. import filters
from .. import serializers as s
from ._common import ID, caller


class PersonViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Person]
):
    queryset = Person.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.PersonSerializer
    filterset_class = filters.PersonFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"list": PEOPLE_VIEW, "retrieve": PEOPLE_VIEW, "*": PEOPLE_MANAGE}

    def get_queryset(self) -> Any:
        return selectors.people_list(user=caller(self.request))

    def _person(self, pk: str) -> Person:
        return selectors.person_get(user=caller(self.request), pk=int(pk))

    def _out(self, person: Person) -> dict[str, Any]:
        fresh = selectors.person_get(user=caller(self.request), pk=person.pk)
        return s.PersonSerializer(fresh, context=self.get_serializer_context()).data  # type: ignore[return-value]

    def _unit(self, unit_id: int) -> Unit:
        unit = selectors.unit_list(user=caller(self.request)).filter(pk=unit_id).first()
        if unit is None or not selectors.scope_for(user=caller(self.request)).sees_estate_in_full(
            unit.estate_id
        ):
            raise NotFound(fields={"unit": [gettext("没有该房屋。")]})
        return unit

    @extend_schema(request=s.PersonWriteSerializer, responses={201: s.PersonSerializer})
    def create(self, request: Request) -> Response:
        """Record a person; link them to a unit next (people appear in lists once linked)."""
        data = s.PersonWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = services.person_create(by=caller(request), **data.validated_data)
        return Response(self._out(person), status=status.HTTP_201_CREATED)

    @extend_schema(request=s.PersonUpdateSerializer, responses={200: s.PersonSerializer})
    def partial_update(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.PersonUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.person_update(person=person, **data.validated_data)
        return Response(self._out(person))

    @extend_schema(request=s.LinkOwnerSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="link-owner")
    def link_owner(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.LinkOwnerSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.owner_link(
            unit=self._unit(data.validated_data["unit"]),
            person=person,
            share=data.validated_data["share"],
            since=data.validated_data.get("since"),
        )
        return Response(self._out(person))

    @extend_schema(request=s.LinkOccupantSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="link-occupant")
    def link_occupant(self, request: Request, pk: str) -> Response:
        person = self._person(pk)
        data = s.LinkOccupantSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.occupancy_link(
            unit=self._unit(data.validated_data["unit"]),
            person=person,
            kind=data.validated_data["kind"],
            since=data.validated_data.get("since"),
        )
        return Response(self._out(person))

    @extend_schema(request=s.EndLinkSerializer, responses={200: s.PersonSerializer})
    @action(detail=True, methods=["post"], url_path="end-link")
    def end_link(self, request: Request, pk: str) -> Response:
        """End ownership and occupancy of one unit (sale, move-out); history is kept."""
        person = self._person(pk)
        data = s.EndLinkSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        unit = self._unit(data.validated_data["unit"])
        services.unit_links_end(person=person, unit=unit, on=data.validated_data.get("on"))
        return Response(self._out(person))

    @extend_schema(request=s.CreateAccountSerializer, responses={201: s.AccountCreatedSerializer})
    @action(detail=True, methods=["post"], url_path="create-account")
    def create_account(self, request: Request, pk: str) -> Response:
        """Give a person a login; `assisted` when staff manage it for them (elderly residents)."""
        person = self._person(pk)
        data = s.CreateAccountSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        _, link = services.resident_account_create(
            person=person,
            email=data.validated_data["email"],
            by=caller(request),
            base_url=base_url(request),
            firm_name=firm_name(request),
            assisted=data.validated_data["assisted"],
        )
        # The link is shown only for assisted accounts: staff hand it over in person.
        shown = link if data.validated_data["assisted"] else ""
        return Response(
            {"person": self._out(person), "invitation_link": shown},
            status=status.HTTP_201_CREATED,
        )
