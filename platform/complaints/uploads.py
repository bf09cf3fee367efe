"""Upload checks for photos and short videos: declared type, real content (magic bytes), size."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .exceptions import UploadRejected

MAX_FILES = 9
IMAGE_MAX = 10 * 1024 * 1024
VIDEO_MAX = 50 * 1024 * 1024
ALLOWED = {
    "image/jpeg": ("image", IMAGE_MAX),
    "image/png": ("image", IMAGE_MAX),
    "image/webp": ("image", IMAGE_MAX),
    "image/heic": ("image", IMAGE_MAX),
    "video/mp4": ("video", VIDEO_MAX),
    "video/quicktime": ("video", VIDEO_MAX),
}


@dataclass(frozen=True)
class Upload:
    name: str
    content_type: str
    data: bytes


def sniff(data: bytes) -> str | None:
    """The content type the bytes really are, or None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in {b"heic", b"heix", b"mif1", b"msf1"}:
            return "image/heic"
        if brand == b"qt  ":
            return "video/quicktime"
        return "video/mp4"
    return None


def check_uploads(uploads: list[Upload]) -> None:
    if len(uploads) > MAX_FILES:
        raise UploadRejected(
            fields={"files": [_("最多 %(count)s 个附件。") % {"count": MAX_FILES}]}
        )
    problems = []
    for upload in uploads:
        real = sniff(upload.data)
        if real is None or real not in ALLOWED:
            problems.append(
                _("%(name)s：只支持 JPG/PNG/WEBP/HEIC 照片和 MP4/MOV 视频。")
                % {"name": upload.name}
            )
            continue
        kind, limit = ALLOWED[real]
        if len(upload.data) > limit:
            message = (
                _("%(name)s：照片不能超过 %(mb)s MB。")
                if kind == "image"
                else _("%(name)s：视频不能超过 %(mb)s MB。")
            )
            problems.append(message % {"name": upload.name, "mb": limit // 1048576})
        if len(upload.data) == 0:
            problems.append(_("%(name)s：文件为空。") % {"name": upload.name})
    if problems:
        raise UploadRejected(fields={"files": problems})
