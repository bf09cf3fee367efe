"""Staff assignments and (read-only) committee seats of an estate."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from accounts.capabilities import ESTATES_STAFF_ASSIGN, ESTATES_VIEW
from accounts.models import User
from api.lapse import MANAGEMENT
from core.exceptions import NotFound
from estates import selectors, services
from estates.models import CommitteeMembership, StaffAssignment

from .. import filters
from .. import serializers as s
from ._common import ID, caller, estate_full


def _user_or_404(user_id: int) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise NotFound(fields={"user": [gettext("没有该用户。")]})
    return user


class StaffAssignmentViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[StaffAssignment]):
    queryset = StaffAssignment.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.StaffAssignmentSerializer
    filterset_class = filters.StaffAssignmentFilter
    lookup_value_regex = ID
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {"list": ESTATES_VIEW, "*": ESTATES_STAFF_ASSIGN}

    def get_queryset(self) -> Any:
        return selectors.staff_assignment_list(user=caller(self.request))

    @extend_schema(request=s.StaffAssignSerializer, responses={201: s.StaffAssignmentSerializer})
    def create(self, request: Request) -> Response:
        data = s.StaffAssignSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        estate = estate_full(request, data.validated_data["estate"])
        assignment = services.staff_assign(
            estate=estate,
            user=_user_or_404(data.validated_data["user"]),
            role=data.validated_data["role"],
            by=caller(request),
        )
        return Response(
            s.StaffAssignmentSerializer(assignment).data, status=status.HTTP_201_CREATED
        )

    def destroy(self, request: Request, pk: str) -> Response:
        services.staff_unassign(assignment=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)


class CommitteeMembershipViewSet(
    mixins.ListModelMixin, viewsets.GenericViewSet[CommitteeMembership]
):
    """The committee seats of the estates in scope, read-only: the firm cannot seat or end a
    committee member (only a filing confirmed by the platform does; see api/committee)."""

    queryset = CommitteeMembership.objects.none()  # for the OpenAPI generator; get_queryset scopes
    serializer_class = s.CommitteeMembershipSerializer
    filterset_class = filters.CommitteeMembershipFilter
    lookup_value_regex = ID
    required_capabilities = {"list": ESTATES_VIEW}

    def get_queryset(self) -> Any:
        return selectors.committee_list(user=caller(self.request))
