"""Errors the import raises. Row-level problems are not exceptions: they are listed on the
ImportJob (`errors`) so the user sees all of them at once."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, ValidationFailed


class ImportFileInvalid(ValidationFailed):
    """The file as a whole cannot be read: format, size, columns, no rows, too many rows."""

    code = "import_file_invalid"
    default_detail = _("文件无法导入。")

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        message = str(detail or self.default_detail)
        fields = kwargs.pop("fields", None) or {"file": [message]}
        super().__init__(message, fields=fields, **kwargs)


class ImportHasErrors(Conflict):
    code = "import_has_errors"
    default_detail = _("预览发现错误，请修正文件后重新上传。")


class ImportAlreadyCommitted(Conflict):
    code = "import_not_committable"
    default_detail = _("该导入已提交或已结束。")
