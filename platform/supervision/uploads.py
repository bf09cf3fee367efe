"""Photo checks: declared as an image, really JPEG/PNG/WEBP (magic bytes), not too large."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .exceptions import UploadRejected

MAX_BYTES = 15 * 1024 * 1024


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    return None


def check_photo(upload: Upload, *, field: str = "file") -> str:
    """The real content type; raises UploadRejected naming `field`."""
    real = sniff(upload.data) if upload.data else None
    if real is None:
        raise UploadRejected(fields={field: [_("只支持 JPG、PNG、WEBP 照片。")]})
    if len(upload.data) > MAX_BYTES:
        raise UploadRejected(
            fields={field: [_("照片不能超过 %(mb)s MB。") % {"mb": MAX_BYTES // 1048576}]}
        )
    return real
