"""The committee over HTTP. On a firm host: submit a filing (备案) and follow one's own
filings, the estate's roster and its public history, the chair's record of a resignation. On
the platform host: the review queue, read from the public schema only (the receipt is served
to platform admins and nobody else), confirm and reject. Thin: each write is one service of
committee.services; reads go through committee.selectors and estates.selectors (scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import (
    COMMITTEE_FILE,
    COMMITTEE_RESIGN,
    ESTATES_VIEW,
    PLATFORM_FILINGS_REVIEW,
)
from api.common import path_pk
from api.common import request_user as _user
from committee import selectors
from committee.exceptions import FilingNotFound, SeatNotFound
from committee.services import (
    FilingInput,
    MemberInput,
    Receipt,
    filing_confirm,
    filing_reject,
    filing_submit,
    seat_resign,
)
from committee.services.filing import RECEIPT_MAX, filed_as
from estates.models import CommitteeMembership, Estate
from estates.selectors import estate_get
from tenants.models import CommitteeFiling

from . import serializers as s
from .filters import FilingFilter

ID = r"\d+"
RECEIPT_RESPONSES: dict[Any, Any] = {
    (200, content_type): OpenApiTypes.BINARY
    for content_type in ("image/jpeg", "image/png", "application/pdf")
}


def _firm_id(request: Request) -> int:
    return int(request.tenant.pk)  # type: ignore[attr-defined]


def _receipt(upload: Any) -> Receipt:
    # one byte past the limit is enough for the service to refuse it: never read more
    return Receipt(name=str(upload.name), data=upload.read(RECEIPT_MAX + 1))


# --- the firm host -----------------------------------------------------------------------------


class FilingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[CommitteeFiling]
):
    """Filings the caller submitted (the chair, or an owner of record for a first filing) and
    where each stands. A firm role holds no `committee.file`: it neither files nor reads these."""

    queryset = CommitteeFiling.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.FilingSerializer
    filterset_class = FilingFilter
    lookup_value_regex = ID
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    required_capabilities = {"*": COMMITTEE_FILE}

    def get_queryset(self) -> QuerySet[CommitteeFiling]:
        if getattr(self, "swagger_fake_view", False):
            return CommitteeFiling.objects.none()
        return selectors.filings_submitted(
            firm_id=_firm_id(self.request), user_id=_user(self.request).pk
        )

    def get_object(self) -> CommitteeFiling:
        found = self.get_queryset().filter(pk=path_pk(self.kwargs["pk"])).first()
        if found is None:
            raise FilingNotFound()
        return found

    @extend_schema(
        request={"multipart/form-data": s.FilingCreateSerializer},
        responses={201: s.FilingSerializer},
    )
    def create(self, request: Request) -> Response:
        data = s.FilingCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        user = _user(request)
        estate = estate_get(user=user, pk=path_pk(v["estate"]))
        filing = filing_submit(
            estate=estate,
            by=user,
            data=FilingInput(
                number=v["number"],
                street_authority=v["street_authority"],
                housing_authority=v["housing_authority"],
                election_date=v["election_date"],
                filed_on=v["filed_on"],
                term_start=v["term_start"],
                term_end=v["term_end"],
                members=[MemberInput(**m) for m in v["members"]],
            ),
            receipt=_receipt(v["receipt"]),
        )
        return Response(s.FilingSerializer(filing).data, status=status.HTTP_201_CREATED)


class RosterViewSet(viewsets.GenericViewSet[Any]):
    """An estate's committee today (names, positions, term, filing number) and the append-only
    history of its changes: for everyone who sees the estate (its residents, its committee, the
    firm's roles in scope). Read-only: only a confirmed filing changes the roster."""

    queryset = Estate.objects.none()  # for the OpenAPI generator
    serializer_class = s.RosterSerializer
    lookup_value_regex = ID
    required_capabilities = {"*": ESTATES_VIEW}

    def _estate(self, pk: str) -> Estate:
        return estate_get(user=_user(self.request), pk=path_pk(pk))

    @extend_schema(responses={200: s.RosterSerializer})
    def retrieve(self, request: Request, pk: str) -> Response:
        estate = self._estate(pk)
        user = _user(request)
        capacity = filed_as(user=user, estate=estate)
        body = {
            "estate": estate.pk,
            "estate_name": estate.name,
            "filing": selectors.current_filing(estate=estate),
            "seats": selectors.roster(estate=estate),
            "filing_pending": selectors.filing_pending(
                firm_id=_firm_id(request), estate_id=estate.pk
            ),
            "can_file": capacity is not None,
            "filed_as": capacity,
            "can_resign": selectors.is_chair(user, estate.pk),
        }
        return Response(s.RosterSerializer(body).data)

    @extend_schema(responses={200: s.RosterEventSerializer(many=True)})
    @action(detail=True, methods=["get"])
    def history(self, request: Request, pk: str) -> Response:
        events = selectors.roster_history(estate=self._estate(pk))
        page = self.paginate_queryset(events)
        return self.get_paginated_response(s.RosterEventSerializer(page, many=True).data)


class SeatViewSet(viewsets.GenericViewSet[CommitteeMembership]):
    """The chair records a resignation: the seat ends at once. Nothing else about a seat
    changes here (a new roster is a new filing)."""

    queryset = CommitteeMembership.objects.none()  # for the OpenAPI generator
    serializer_class = s.SeatSerializer
    lookup_value_regex = ID
    required_capabilities = {"*": COMMITTEE_RESIGN}

    @extend_schema(request=None, responses={200: s.SeatSerializer})
    @action(detail=True, methods=["post"])
    def resign(self, request: Request, pk: str) -> Response:
        user = _user(request)
        seat = selectors.seat_visible(user=user, pk=path_pk(pk))
        if seat is None:
            raise SeatNotFound()
        seat = seat_resign(seat=seat, by=user)
        return Response(s.SeatSerializer(seat).data)


# --- the platform host -------------------------------------------------------------------------


class PlatformFilingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[CommitteeFiling]
):
    """The platform's review queue of committee filings: pending ones first. Everything here is
    the public-schema record the submitter sent; confirming seats the members in the firm's
    schema through committee.services (the only step that enters it)."""

    queryset = CommitteeFiling.objects.none()  # for the OpenAPI generator
    serializer_class = s.PlatformFilingSerializer
    filterset_class = FilingFilter
    lookup_value_regex = ID
    required_capabilities = {"*": PLATFORM_FILINGS_REVIEW}

    def get_queryset(self) -> QuerySet[CommitteeFiling]:
        if getattr(self, "swagger_fake_view", False):
            return CommitteeFiling.objects.none()
        return selectors.filing_queue()

    def get_object(self) -> CommitteeFiling:
        found = self.get_queryset().filter(pk=path_pk(self.kwargs["pk"])).first()
        if found is None:
            raise FilingNotFound()
        return found

    def _out(self, pk: int) -> Response:
        found = self.get_queryset().get(pk=pk)
        return Response(s.PlatformFilingSerializer(found).data)

    @extend_schema(responses=RECEIPT_RESPONSES)
    @action(detail=True, methods=["get"])
    def receipt(self, request: Request, pk: str) -> FileResponse:
        filing = self.get_object()
        extension = (filing.receipt.name or "").rsplit(".", 1)[-1]
        response = FileResponse(
            filing.receipt.open("rb"),
            content_type=filing.receipt_type,
            as_attachment=False,
            filename=f"filing-{filing.pk}-receipt.{extension}",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private, no-store"
        return response

    @extend_schema(request=None, responses={200: s.PlatformFilingSerializer})
    @action(detail=True, methods=["post"])
    def confirm(self, request: Request, pk: str) -> Response:
        filing = filing_confirm(filing_id=self.get_object().pk, by=_user(request))
        return self._out(filing.pk)

    @extend_schema(request=s.FilingRejectSerializer, responses={200: s.PlatformFilingSerializer})
    @action(detail=True, methods=["post"])
    def reject(self, request: Request, pk: str) -> Response:
        found = self.get_object()
        data = s.FilingRejectSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        filing = filing_reject(
            filing_id=found.pk, by=_user(request), reason=data.validated_data["reason"]
        )
        return self._out(filing.pk)
