from __future__ import annotations

from rest_framework import serializers

from exports.models import ExportJob


class ExportJobSerializer(serializers.ModelSerializer[ExportJob]):
    """An export job and its progress (datasets done of total; the files count as one)."""

    file_name = serializers.SerializerMethodField()

    class Meta:
        model = ExportJob
        fields = [
            "id",
            "status",
            "requested_by_name",
            "created_at",
            "started_at",
            "finished_at",
            "datasets_total",
            "datasets_done",
            "size",
            "sha256",
            "counts",
            "file_name",
        ]
        read_only_fields = fields

    def get_file_name(self, job: ExportJob) -> str:
        return job.archive.rsplit("/", 1)[-1] if job.archive else ""
