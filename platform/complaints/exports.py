"""The desk's list in Excel: the rows the caller's filters select (already scoped by the
selector), phones as PeopleMasking says for the caller, headers in the caller's language."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from accounts.models import User
from estates.selectors import PeopleMasking

from .choices import Category, Kind, Status, Urgency
from .models import ServiceRequest
from .selectors import next_due_at, requester_contact, unit_label

EXPORT_LIMIT = 10_000  # rows; the caller narrows the filters for more


def time_left_text(due: datetime | None, now: datetime) -> str:
    """ "剩余 5 小时" / "已超时 3 天": what the desk row says, in words for the sheet."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    amount = abs(seconds)
    if amount >= 86400:
        value, unit = int(amount // 86400), _("天")
    elif amount >= 3600:
        value, unit = int(amount // 3600), _("小时")
    else:
        value, unit = max(1, int(amount // 60)), _("分钟")
    if seconds < 0:
        return _("已超时 %(value)s %(unit)s") % {"value": value, "unit": unit}
    return _("剩余 %(value)s %(unit)s") % {"value": value, "unit": unit}


def _local(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def requests_xlsx(*, rows: Iterable[ServiceRequest], user: User, masking: PeopleMasking) -> bytes:
    now = timezone.now()
    kinds, categories = dict(Kind.choices), dict(Category.choices)
    statuses, urgencies = dict(Status.choices), dict(Urgency.choices)
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = str(_("报事报修"))
    headers = [
        _("编号"),
        _("小区"),
        _("类型"),
        _("分类"),
        _("紧急程度"),
        _("位置"),
        _("描述"),
        _("状态"),
        _("报事人"),
        _("电话"),
        _("处理人"),
        _("提交时间"),
        _("承诺时间"),
        _("剩余 / 超时"),
        _("评分"),
    ]
    sheet.append([str(h) for h in headers])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for request in rows:
        name, phone = requester_contact(request=request, user=user, masking=masking)
        due = next_due_at(request)
        assignee = request.assignee
        sheet.append(
            [
                request.number,
                request.estate.name,
                str(kinds.get(request.kind, request.kind)),
                str(categories.get(request.category, request.category)),
                str(urgencies.get(request.urgency, request.urgency)),
                unit_label(request),
                request.description,
                str(statuses.get(request.status, request.status)),
                name,
                phone,
                (assignee.full_name or assignee.email) if assignee else "",
                _local(request.created_at),
                _local(due),
                time_left_text(due, now),
                request.rating or "",
            ]
        )
    for column, width in zip(
        "ABCDEFGHIJKLMNO", (18, 14, 8, 8, 8, 22, 40, 10, 12, 14, 12, 17, 17, 14, 6), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    out = BytesIO()
    book.save(out)
    return out.getvalue()
