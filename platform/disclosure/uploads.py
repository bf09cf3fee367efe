"""Upload checks for contracts, receipts and decision documents: declared type, real content
(magic bytes), size. Files go through the firm-aware default storage like complaints' photos."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .exceptions import UploadRejected

MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are (PDF, JPEG, PNG, WEBP), or None."""
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_upload(upload: Upload, *, field: str = "file") -> str:
    """The real content type; raises UploadRejected naming `field`."""
    if not upload.data:
        raise UploadRejected(fields={field: [_("%(name)s：文件为空。") % {"name": upload.name}]})
    real = sniff(upload.data)
    if real is None:
        raise UploadRejected(
            fields={
                field: [_("%(name)s：只支持 PDF、JPG、PNG、WEBP 文件。") % {"name": upload.name}]
            }
        )
    if len(upload.data) > MAX_BYTES:
        raise UploadRejected(
            fields={
                field: [
                    _("%(name)s：文件不能超过 %(mb)s MB。")
                    % {"name": upload.name, "mb": MAX_BYTES // 1048576}
                ]
            }
        )
    return real
