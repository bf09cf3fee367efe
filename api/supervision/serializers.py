"""Shapes of the supervision API."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from supervision.choices import Frequency, Result, ServiceLine
from supervision.models import (
    Addendum,
    Answer,
    EvidencePhoto,
    Rectification,
    RectificationEvent,
    Round,
    RoundPhoto,
    Schedule,
    Template,
    TemplateItem,
    TemplateVersion,
)
from supervision.policies import level, next_due_day, rectification_actions
from supervision.selectors import estate_managers


class LibraryQuerySerializer(serializers.Serializer[Any]):
    service_line = serializers.ChoiceField(choices=ServiceLine.choices, required=False)


class LibraryItemSerializer(serializers.Serializer[Any]):
    service_line = serializers.ChoiceField(choices=ServiceLine.choices)
    title = serializers.CharField()
    standard = serializers.CharField()
    photo_required = serializers.BooleanField()
    weight = serializers.IntegerField()


class ItemSerializer(serializers.ModelSerializer[TemplateItem]):
    class Meta:
        model = TemplateItem
        fields = ["id", "position", "title", "standard", "photo_required", "weight"]
        read_only_fields = fields


class VersionSerializer(serializers.ModelSerializer[TemplateVersion]):
    items = ItemSerializer(many=True, read_only=True)
    created_by_name = serializers.CharField(source="created_by.full_name", read_only=True)

    class Meta:
        model = TemplateVersion
        fields = ["id", "number", "name", "created_by_name", "created_at", "items"]
        read_only_fields = fields


class TemplateSerializer(serializers.ModelSerializer[Template]):
    current = serializers.SerializerMethodField()
    version_count = serializers.SerializerMethodField()
    created_by_name = serializers.CharField(source="created_by.full_name", read_only=True)

    class Meta:
        model = Template
        fields = [
            "id",
            "estate",
            "service_line",
            "name",
            "created_by_name",
            "created_at",
            "version_count",
            "current",
        ]
        read_only_fields = fields

    def _versions(self, obj: Template) -> list[TemplateVersion]:
        return sorted(obj.versions.all(), key=lambda v: -v.number)

    def get_current(self, obj: Template) -> dict[str, Any] | None:
        versions = self._versions(obj)
        return dict(VersionSerializer(versions[0]).data) if versions else None

    def get_version_count(self, obj: Template) -> int:
        return len(self._versions(obj))


class ItemInputSerializer(serializers.Serializer[Any]):
    title = serializers.CharField(max_length=100)
    standard = serializers.CharField(max_length=500, allow_blank=True, default="")
    photo_required = serializers.BooleanField(default=False)
    weight = serializers.IntegerField(min_value=1, max_value=10, default=1)


class TemplateCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    service_line = serializers.ChoiceField(choices=ServiceLine.choices)
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    items = ItemInputSerializer(many=True, required=False, help_text="omit: copy the library")


class VersionCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    items = ItemInputSerializer(many=True, allow_empty=False)


class ScheduleSerializer(serializers.ModelSerializer[Schedule]):
    template_name = serializers.CharField(source="template.name", read_only=True)
    created_by_name = serializers.CharField(source="created_by.full_name", read_only=True)
    next_due = serializers.SerializerMethodField()

    class Meta:
        model = Schedule
        fields = [
            "id",
            "estate",
            "template",
            "template_name",
            "frequency",
            "areas",
            "starts_on",
            "ends_on",
            "next_due",
            "created_by_name",
            "created_at",
        ]
        read_only_fields = fields

    def get_next_due(self, obj: Schedule) -> Any:
        return next_due_day(
            frequency=obj.frequency,
            starts_on=obj.starts_on,
            ends_on=obj.ends_on,
            after=timezone.localdate(),
        )


class ScheduleCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    template = serializers.IntegerField()
    frequency = serializers.ChoiceField(choices=Frequency.choices)
    areas = serializers.ListField(
        child=serializers.CharField(max_length=100), required=False, default=list, max_length=50
    )
    starts_on = serializers.DateField()
    ends_on = serializers.DateField(required=False, allow_null=True, default=None)


class ScheduleEndSerializer(serializers.Serializer[Any]):
    ends_on = serializers.DateField()


class AnswerSerializer(serializers.ModelSerializer[Answer]):
    answered_by_name = serializers.CharField(source="answered_by.full_name", read_only=True)

    class Meta:
        model = Answer
        fields = ["id", "item", "result", "note", "area", "answered_by_name", "answered_at"]
        read_only_fields = fields


class PhotoSerializer(serializers.ModelSerializer[RoundPhoto]):
    class Meta:
        model = RoundPhoto
        fields = ["id", "item", "key", "content_type", "taken_at"]
        read_only_fields = fields


class AddendumSerializer(serializers.ModelSerializer[Addendum]):
    written_by_name = serializers.CharField(source="written_by.full_name", read_only=True)

    class Meta:
        model = Addendum
        fields = ["id", "text", "written_by_name", "written_at"]
        read_only_fields = fields


class RoundListSerializer(serializers.ModelSerializer[Round]):
    estate_name = serializers.CharField(source="estate.name", read_only=True)
    template = serializers.IntegerField(source="version.template_id", read_only=True)
    template_name = serializers.CharField(source="version.name", read_only=True)
    version_number = serializers.IntegerField(source="version.number", read_only=True)
    started_by_name = serializers.CharField(source="started_by.full_name", read_only=True)
    published_at = serializers.SerializerMethodField()

    class Meta:
        model = Round
        fields = [
            "id",
            "estate",
            "estate_name",
            "template",
            "template_name",
            "version_number",
            "service_line",
            "area",
            "status",
            "key",
            "started_by_name",
            "started_at",
            "submitted_at",
            "published_at",
        ]
        read_only_fields = fields

    def get_published_at(self, obj: Round) -> Any:
        publication = getattr(obj, "publication", None)
        return publication.published_at if publication else None


class RoundRectificationSerializer(serializers.ModelSerializer[Rectification]):
    class Meta:
        model = Rectification
        fields = ["id", "answer", "title", "status", "due_at"]
        read_only_fields = fields


class RoundSerializer(RoundListSerializer):
    items = ItemSerializer(source="version.items", many=True, read_only=True)
    answers = AnswerSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    addenda = AddendumSerializer(many=True, read_only=True)
    rectifications = RoundRectificationSerializer(many=True, read_only=True)

    class Meta(RoundListSerializer.Meta):
        fields = [
            *RoundListSerializer.Meta.fields,
            "items",
            "answers",
            "photos",
            "addenda",
            "rectifications",
        ]
        read_only_fields = fields


class RoundCreateSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    template = serializers.IntegerField()
    key = serializers.CharField(min_length=8, max_length=64)
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    schedule = serializers.IntegerField(required=False, allow_null=True, default=None)


class AnswerInputSerializer(serializers.Serializer[Any]):
    item = serializers.IntegerField()
    result = serializers.ChoiceField(choices=Result.choices)
    key = serializers.CharField(min_length=8, max_length=64)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    area = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class PhotoInputSerializer(serializers.Serializer[Any]):
    item = serializers.IntegerField()
    key = serializers.CharField(min_length=8, max_length=64)
    file = serializers.FileField()


class AddendumInputSerializer(serializers.Serializer[Any]):
    text = serializers.CharField(max_length=2000)


class EvidenceSerializer(serializers.ModelSerializer[EvidencePhoto]):
    class Meta:
        model = EvidencePhoto
        fields = ["id", "stage", "content_type"]
        read_only_fields = fields


class RectificationEventSerializer(serializers.ModelSerializer[RectificationEvent]):
    written_by_name = serializers.CharField(source="written_by.full_name", read_only=True)
    assignee_name = serializers.CharField(
        source="assignee.full_name", read_only=True, allow_null=True, default=None
    )
    photos = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = RectificationEvent
        fields = ["id", "kind", "text", "assignee_name", "written_by_name", "written_at", "photos"]
        read_only_fields = fields


class RectificationSerializer(serializers.ModelSerializer[Rectification]):
    estate_name = serializers.CharField(source="estate.name", read_only=True)
    assignee_name = serializers.CharField(
        source="assignee.full_name", read_only=True, allow_null=True, default=None
    )
    level = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()

    class Meta:
        model = Rectification
        fields = [
            "id",
            "estate",
            "estate_name",
            "round",
            "service_line",
            "title",
            "area",
            "status",
            "level",
            "assignee",
            "assignee_name",
            "opened_at",
            "due_at",
            "verified_at",
            "verified_on_time",
            "actions",
        ]
        read_only_fields = fields

    def get_level(self, obj: Rectification) -> str:
        return level(
            status=obj.status, due_at=obj.due_at, yellow_at=obj.yellow_at, now=timezone.now()
        )

    def get_actions(self, obj: Rectification) -> list[str]:
        ctx = self.context
        return rectification_actions(
            status=obj.status,
            responds=obj.estate_id in ctx.get("responds", ()) or ctx.get("responds_all", False),
            supervises=obj.estate_id in ctx.get("supervised", ()),
        )


class RectificationAssigneeSerializer(serializers.Serializer[Any]):
    """A manager of the rectification's estate it may be handed to."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class RectificationDetailSerializer(RectificationSerializer):
    note = serializers.CharField(source="answer.note", read_only=True)
    item = serializers.IntegerField(source="answer.item_id", read_only=True)
    opened_by_name = serializers.CharField(source="opened_by.full_name", read_only=True)
    events = RectificationEventSerializer(many=True, read_only=True)
    assignees = serializers.SerializerMethodField()

    class Meta(RectificationSerializer.Meta):
        fields = [
            *RectificationSerializer.Meta.fields,
            "note",
            "item",
            "opened_by_name",
            "events",
            "assignees",
        ]
        read_only_fields = fields

    @extend_schema_field(RectificationAssigneeSerializer(many=True))
    def get_assignees(self, obj: Rectification) -> list[dict[str, Any]]:
        """Whom the reader may hand it to: the estate's other managers, only with `reassign`."""
        if "reassign" not in self.get_actions(obj):
            return []
        return [
            {"id": m.pk, "name": m.full_name}
            for m in estate_managers(estate_id=obj.estate_id)
            if m.pk != obj.assignee_id
        ]


class RectificationAnswerSerializer(serializers.Serializer[Any]):
    plan = serializers.CharField(max_length=2000)
    key = serializers.CharField(required=False, allow_blank=True, default="", max_length=64)
    before = serializers.ListField(child=serializers.FileField(), required=False, default=list)
    after = serializers.ListField(child=serializers.FileField(), required=False, default=list)


class RectificationVerifySerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RectificationRejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=2000)


class RectificationReassignSerializer(serializers.Serializer[Any]):
    assignee = serializers.IntegerField()


class SupervisionKpiQuerySerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": _("结束日期不能早于开始日期。")})
        if (attrs["end"] - attrs["start"]).days > 3660:
            raise serializers.ValidationError({"end": _("期间不能超过十年。")})
        return attrs


class SupervisionServiceLineKpiSerializer(serializers.Serializer[Any]):
    service_line = serializers.CharField()
    inspected = serializers.IntegerField()
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True)


class SupervisionKpiCountsSerializer(serializers.Serializer[Any]):
    items_inspected = serializers.IntegerField()
    items_passed = serializers.IntegerField()
    rectifications_opened = serializers.IntegerField()
    rectifications_verified = serializers.IntegerField()
    rectifications_verified_on_time = serializers.IntegerField()
    rounds_scheduled = serializers.IntegerField()
    rounds_held = serializers.IntegerField()


class SupervisionKpiSerializer(serializers.Serializer[Any]):
    estate = serializers.IntegerField()
    start = serializers.DateField()
    end = serializers.DateField()
    counts = SupervisionKpiCountsSerializer()
    rectification_rate = serializers.FloatField(allow_null=True)
    on_time_rate = serializers.FloatField(allow_null=True)
    pass_rate = serializers.FloatField(allow_null=True)
    rounds_rate = serializers.FloatField(allow_null=True)
    service_lines = SupervisionServiceLineKpiSerializer(many=True)
