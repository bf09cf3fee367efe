"""Errors the import raises. Row-level problems are not exceptions: they are listed on the
ImportJob (`errors`) so the user sees all of them at once."""

from __future__ import annotations

from typing import Any

from core.exceptions import Conflict, ValidationFailed


class ImportFileInvalid(ValidationFailed):
    """The file as a whole cannot be read: format, size, columns, no rows, too many rows."""

    code = "import_file_invalid"
    default_detail = "文件无法导入。 The file cannot be imported."

    def __init__(self, detail: str | None = None, **kwargs: Any) -> None:
        message = detail or self.default_detail
        fields = kwargs.pop("fields", None) or {"file": [message]}
        super().__init__(message, fields=fields, **kwargs)


class ImportHasErrors(Conflict):
    code = "import_has_errors"
    default_detail = (
        "预览发现错误，请修正文件后重新上传。 "
        "The preview found errors: fix the file and upload it again."
    )


class ImportAlreadyCommitted(Conflict):
    code = "import_not_committable"
    default_detail = "该导入已提交或已结束。 This import was already committed or has finished."
