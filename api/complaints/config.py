"""Complaints configuration over HTTP: an estate's dispatch groups, dispatch rules and SLA
policies."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from rest_framework import viewsets

from accounts.capabilities import COMPLAINTS_CONFIGURE, COMPLAINTS_HANDLE
from api.common import request_user as _user
from api.lapse import MANAGEMENT
from complaints import services
from complaints.models import DispatchGroup, DispatchRule, SlaPolicy
from estates.selectors import scope_for

from . import serializers as s


# Reads are scoped here; every write is one service call that checks the estates (old and
# new) and the objects the body names. (A comment, not a docstring: it is not API text.)
class _ConfigViewSet(viewsets.ModelViewSet[Any]):
    lapse = {"*": MANAGEMENT}  # api.lapse: read-only while payment has lapsed
    required_capabilities = {
        "list": COMPLAINTS_HANDLE,
        "retrieve": COMPLAINTS_HANDLE,
        "*": COMPLAINTS_CONFIGURE,
    }
    http_method_names = ["get", "post", "patch", "delete"]

    def get_queryset(self) -> QuerySet[Any]:
        scope = scope_for(user=_user(self.request))
        model: Any = self.serializer_class.Meta.model  # type: ignore[union-attr]
        qs = model.objects.all()
        return qs if scope.all_estates else qs.filter(estate_id__in=scope.estate_ids)


class DispatchGroupViewSet(_ConfigViewSet):
    queryset = DispatchGroup.objects.none()
    serializer_class = s.DispatchGroupSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.dispatch_group_create(
            by=_user(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.dispatch_group_update(
            by=_user(self.request), group=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: DispatchGroup) -> None:
        services.dispatch_group_delete(by=_user(self.request), group=instance)


class DispatchRuleViewSet(_ConfigViewSet):
    queryset = DispatchRule.objects.none()
    serializer_class = s.DispatchRuleSerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.dispatch_rule_create(
            by=_user(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.dispatch_rule_update(
            by=_user(self.request), rule=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: DispatchRule) -> None:
        services.dispatch_rule_delete(by=_user(self.request), rule=instance)


class SlaPolicyViewSet(_ConfigViewSet):
    queryset = SlaPolicy.objects.none()
    serializer_class = s.SlaPolicySerializer

    def perform_create(self, serializer: Any) -> None:
        serializer.instance = services.sla_policy_create(
            by=_user(self.request), **serializer.validated_data
        )

    def perform_update(self, serializer: Any) -> None:
        serializer.instance = services.sla_policy_update(
            by=_user(self.request), policy=serializer.instance, **serializer.validated_data
        )

    def perform_destroy(self, instance: SlaPolicy) -> None:
        services.sla_policy_delete(by=_user(self.request), policy=instance)
