"""Import jobs: the preview's errors in the reader's language, and progress."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from estates.importing import import_progress
from estates.importing.columns import column_label
from estates.models import ImportJob


class ImportRowErrorSerializer(serializers.Serializer[Any]):
    sheet = serializers.CharField()
    row = serializers.IntegerField(allow_null=True)
    field = serializers.CharField(help_text="The column's key (`owner_phone`), for programs.")
    column = serializers.CharField(help_text="The column's header in the reader's language.")
    message = serializers.CharField()


class ImportJobSerializer(serializers.ModelSerializer[ImportJob]):
    progress = serializers.SerializerMethodField()
    # DRF takes declared fields off the class, so this does not hide `Serializer.errors`.
    errors = serializers.SerializerMethodField()  # type: ignore[assignment]

    class Meta:
        model = ImportJob
        fields = [
            "id",
            "estate",
            "filename",
            "status",
            "total_rows",
            "processed_rows",
            "errors",
            "summary",
            "progress",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ImportRowErrorSerializer(many=True))
    def get_errors(self, job: ImportJob) -> list[dict[str, Any]]:
        # People read the column as their workbook shows it, never the field key.
        return [
            {**e, "column": column_label(e.get("field", "")) if e.get("field") else ""}
            for e in job.errors
        ]

    @extend_schema_field(serializers.DictField())
    def get_progress(self, job: ImportJob) -> dict[str, Any]:
        return import_progress(job=job)


class ImportUploadSerializer(serializers.Serializer[Any]):
    file = serializers.FileField()

    def validate_file(self, value: Any) -> Any:
        if value.size > 20 * 1024 * 1024:
            raise serializers.ValidationError(_("文件不能超过 20 MB。"))
        return value
