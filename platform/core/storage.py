"""Firm-aware file storage: every firm's files live under a prefix named after its schema.

Local files in development (MEDIA_ROOT/<schema>/...), S3 through django-storages/boto3 when
AWS_STORAGE_BUCKET_NAME is set (s3://bucket/<schema>/...). A name saved by firm A resolves
inside A's prefix only, so firm B cannot open it even if it learns the name.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

from config.sentry import current_schema_name


class FirmFileSystemStorage(FileSystemStorage):
    @property  # type: ignore[override]
    def base_location(self) -> str:
        return os.path.join(str(settings.MEDIA_ROOT), current_schema_name())

    @property  # type: ignore[override]
    def location(self) -> str:
        return os.path.abspath(self.base_location)

    @property  # type: ignore[override]
    def base_url(self) -> str:
        return f"{settings.MEDIA_URL}{current_schema_name()}/"


class FirmS3Storage(S3Storage):
    def __init__(self, **settings_: Any) -> None:
        super().__init__(**settings_)

    @property  # type: ignore[override]
    def location(self) -> str:
        return current_schema_name()

    @location.setter
    def location(self, value: str) -> None:  # S3Storage assigns it from settings; ignore
        pass
