from __future__ import annotations

from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints.choices import (
    PEOPLE_CHANNELS,
    Category,
    Channel,
    ClockState,
    Kind,
    RatingTag,
    StopReason,
    Urgency,
)
from complaints.models import (
    Attachment,
    DispatchGroup,
    DispatchRule,
    Escalation,
    RequestEvent,
    RequestMessage,
    ServiceRequest,
    SlaPolicy,
)
from complaints.policies import OPEN_STATUSES
from complaints.selectors import (
    actions_for,
    assignee_phone_for,
    chase_again_at,
    clock_readings,
    next_due_at,
    thread_access_for,
)


class PlaceMixin(serializers.Serializer[Any]):
    place = serializers.SerializerMethodField()

    def get_place(self, request: ServiceRequest) -> str:
        if request.unit is not None:
            return f"{request.unit.building.name}-{request.unit.number}"
        return request.common_area.name if request.common_area is not None else ""


class RequestListSerializer(PlaceMixin, serializers.ModelSerializer[ServiceRequest]):
    estate_code = serializers.CharField(source="estate.code", read_only=True)
    assignee_name = serializers.SerializerMethodField()
    due_at = serializers.SerializerMethodField(
        help_text="the promised time it runs against now (earliest running clock), or null"
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "number",
            "estate",
            "estate_code",
            "kind",
            "category",
            "urgency",
            "place",
            "description",
            "channel",
            "status",
            "colour",
            "assignee",
            "assignee_name",
            "created_at",
            "resolved_at",
            "rating",
            "reopen_count",
            "is_public",
            "reject_reason",
            "due_at",
            "preferred_visit_from",
            "preferred_visit_to",
            "departed_at",
        ]
        read_only_fields = fields

    def get_assignee_name(self, request: ServiceRequest) -> str:
        return (request.assignee.full_name or request.assignee.email) if request.assignee else ""

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_due_at(self, request: ServiceRequest) -> datetime | None:
        return next_due_at(request)


class AttachmentSerializer(serializers.ModelSerializer[Attachment]):
    url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "event", "content_type", "size", "url", "created_at"]
        read_only_fields = fields

    def get_url(self, attachment: Attachment) -> str:
        return f"/api/v1/complaints/{attachment.request_id}/attachments/{attachment.pk}/"


class EventSerializer(serializers.ModelSerializer[RequestEvent]):
    actor_name = serializers.SerializerMethodField()

    class Meta:
        model = RequestEvent
        fields = [
            "id",
            "at",
            "action",
            "from_status",
            "to_status",
            "channel",
            "note",
            "data",
            "actor_name",
        ]
        read_only_fields = fields

    def get_actor_name(self, event: RequestEvent) -> str:
        if event.actor is None:
            return str(_("系统")) if event.channel == Channel.SYSTEM else ""
        return event.actor.full_name or event.actor.email


class ClockSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField()
    budget_hours = serializers.FloatField()
    due_at = serializers.DateTimeField(allow_null=True)
    remaining_seconds = serializers.IntegerField()
    colour = serializers.CharField()
    running = serializers.BooleanField()
    paused = serializers.BooleanField()
    on_time = serializers.BooleanField(
        allow_null=True, help_text="set once the clock stopped with its work done"
    )
    state = serializers.ChoiceField(choices=ClockState.choices)
    stop_reason = serializers.ChoiceField(
        choices=StopReason.choices,
        allow_blank=True,
        help_text="why it stopped before its work was done; blank otherwise",
    )


class EscalationSerializer(serializers.ModelSerializer[Escalation]):
    class Meta:
        model = Escalation
        fields = ["id", "clock", "level", "created_at", "plan_due_at", "plan", "plan_at"]
        read_only_fields = fields


class RequestDetailSerializer(RequestListSerializer):
    events = EventSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    escalations = EscalationSerializer(many=True, read_only=True)
    clocks = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    entered_by_name = serializers.SerializerMethodField()
    assignee_phone = serializers.SerializerMethodField(
        help_text="the assignee's phone for the requester and the estate's staff while the "
        "request is in hand; blank otherwise"
    )
    thread = serializers.SerializerMethodField(
        help_text='the message thread for this user: "write", "read" (finished) or "" (none)'
    )
    next_chase_at = serializers.SerializerMethodField(
        help_text="for the requester of an open request chased in the last 24 h: when they may "
        "chase again; null otherwise"
    )

    class Meta(RequestListSerializer.Meta):
        fields = [
            *RequestListSerializer.Meta.fields,
            "unit",
            "common_area",
            "contact_name",
            "defer_reason",
            "deferred_until",
            "rating_tags",
            "rating_comment",
            "first_response_at",
            "closed_at",
            "events",
            "attachments",
            "escalations",
            "clocks",
            "actions",
            "entered_by_name",
            "next_chase_at",
            "assignee_phone",
            "thread",
        ]
        read_only_fields = fields

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, request: ServiceRequest) -> list[dict[str, Any]]:
        return clock_readings(request=request)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_actions(self, request: ServiceRequest) -> list[str]:
        """What the current user may do now (drives the buttons)."""
        return actions_for(user=self.context["request"].user, request=request)

    @extend_schema_field(serializers.ChoiceField(choices=["write", "read", ""]))
    def get_thread(self, request: ServiceRequest) -> str:
        return thread_access_for(user=self.context["request"].user, request=request)

    def get_assignee_phone(self, request: ServiceRequest) -> str:
        return assignee_phone_for(user=self.context["request"].user, request=request)

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_next_chase_at(self, request: ServiceRequest) -> datetime | None:
        user = self.context["request"].user
        if request.requester_id != user.pk or request.status not in OPEN_STATUSES:
            return None
        return chase_again_at(request=request)

    def get_entered_by_name(self, request: ServiceRequest) -> str:
        return (
            (request.entered_by.full_name or request.entered_by.email) if request.entered_by else ""
        )


class MessageSerializer(serializers.ModelSerializer[RequestMessage]):
    author_name = serializers.SerializerMethodField()
    mine = serializers.SerializerMethodField()
    attachments = AttachmentSerializer(many=True, read_only=True)

    class Meta:
        model = RequestMessage
        fields = ["id", "author_name", "from_staff", "mine", "body", "created_at", "attachments"]
        read_only_fields = fields

    def get_author_name(self, message: RequestMessage) -> str:
        return (message.author.full_name or message.author.email) if message.author else ""

    def get_mine(self, message: RequestMessage) -> bool:
        return message.author_id == self.context["request"].user.pk


class MessagePostSerializer(serializers.Serializer[Any]):
    body = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class RequestSubmitSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    kind = serializers.ChoiceField(choices=Kind.choices)
    category = serializers.ChoiceField(choices=Category.choices)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    unit = serializers.IntegerField(required=False, allow_null=True)
    common_area = serializers.IntegerField(required=False, allow_null=True)
    description = serializers.CharField(min_length=4, max_length=2000)
    channel = serializers.ChoiceField(choices=PEOPLE_CHANNELS, default=Channel.WEB)
    is_public = serializers.BooleanField(default=False)
    # staff recording for a resident: the resident's account or person record, or a contact
    requester = serializers.IntegerField(required=False, allow_null=True)
    requester_person = serializers.IntegerField(required=False, allow_null=True)
    contact_name = serializers.CharField(
        max_length=100, required=False, allow_blank=True, default=""
    )
    contact_phone = serializers.RegexField(
        r"^\+?[0-9 -]{5,20}$", required=False, allow_blank=True, default=""
    )
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    # a repair's preferred visit window (期望上门时间): both or neither, not over yet, within
    # 30 days, at most 12 hours long
    preferred_visit_from = serializers.DateTimeField(required=False, allow_null=True, default=None)
    preferred_visit_to = serializers.DateTimeField(required=False, allow_null=True, default=None)
    # the client's idempotency key, one per submit form (a UUID): sent again after an error or
    # a lost answer, it finds the request the first send saved (201, `Idempotent-Replayed`)
    client_key = serializers.RegexField(
        r"^[A-Za-z0-9_-]{8,64}$", required=False, allow_blank=True, default=""
    )


class NoteSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class AcceptSerializer(NoteSerializer):
    assignee = serializers.IntegerField(required=False, allow_null=True)


class ReassignSerializer(NoteSerializer):
    assignee = serializers.IntegerField()


class BulkAssignSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(child=serializers.IntegerField(), min_length=1, max_length=200)
    assignee = serializers.IntegerField()


class BulkAssignResultSerializer(serializers.Serializer[Any]):
    assigned = serializers.ListField(child=serializers.IntegerField())
    skipped = serializers.DictField(child=serializers.CharField())


class DeferSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=200)
    until = serializers.DateField()


class ResolveSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000)
    files = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class RejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(min_length=2, max_length=500)


class RateSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=PEOPLE_CHANNELS, default=Channel.WEB)
    rating = serializers.IntegerField(min_value=1, max_value=5)
    tags = serializers.ListField(
        child=serializers.ChoiceField(choices=RatingTag.choices), required=False, default=list
    )
    comment = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ReopenSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=PEOPLE_CHANNELS, default=Channel.WEB)
    reason = serializers.CharField(min_length=2, max_length=500)


class ChaseSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=PEOPLE_CHANNELS, default=Channel.WEB)
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class WithdrawSerializer(serializers.Serializer[Any]):
    channel = serializers.ChoiceField(choices=PEOPLE_CHANNELS, default=Channel.WEB)
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class PlanSerializer(serializers.Serializer[Any]):
    plan = serializers.CharField(min_length=2, max_length=4000)


class DispatchGroupSerializer(serializers.ModelSerializer[DispatchGroup]):
    class Meta:
        model = DispatchGroup
        fields = ["id", "estate", "name", "members"]


class DispatchRuleSerializer(serializers.ModelSerializer[DispatchRule]):
    class Meta:
        model = DispatchRule
        fields = ["id", "estate", "category", "group"]


class SlaPolicySerializer(serializers.ModelSerializer[SlaPolicy]):
    class Meta:
        model = SlaPolicy
        fields = [
            "id",
            "estate",
            "category",
            "urgency",
            "response_hours",
            "plan_hours",
            "resolution_hours",
        ]
