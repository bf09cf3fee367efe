"""A statement on paper and in Excel: the notice-board PDF (Chinese text, the chain head
printed in full and as a QR code of the check page) and the workbook (the figures, the split
with its warnings, every line). Both read the statement's frozen summary and its lines: what
the committee signed is what is printed."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from io import BytesIO
from typing import Any

from django.utils.translation import gettext as _

from core.pdf import qr_svg, render_pdf

from .choices import ALL_CATEGORIES, LineKind, StatementKind, StatementStatus
from .models import LedgerLine, Statement

_CATEGORY = dict(ALL_CATEGORIES)


def check_url(*, site: str, statement: Statement) -> str:
    """What the notice's QR code opens: the check page compares the printed head with
    today's statement and the platform's witness (`site` is the firm's own origin)."""
    return f"{site.rstrip('/')}/disclosure/check/{statement.pk}?head={statement.head_hash}"


def warning_text(warning: dict[str, str]) -> str:
    actual, limit = warning.get("actual", ""), warning.get("limit", "")
    texts = {
        "no_split_rule": _("本小区尚未设置分配规则。"),
        "shares_not_100": _("物业分成与业主分成合计为 %(actual)s%%，不是 100%%。"),
        "reinvestment_below_target": _("反哺比例 %(actual)s%% 低于目标 %(limit)s%%。"),
        "staff_cost_over_cap": _("人员费用占比 %(actual)s%% 超过上限 %(limit)s%%。"),
        "maintenance_fund_below_minimum": _("转入维修资金占比 %(actual)s%% 低于下限 %(limit)s%%。"),
        "expenses_without_income": _("本期没有收入，却有 %(actual)s 元支出。"),
    }
    text = texts.get(warning["code"], warning["code"])
    return text % {"actual": actual, "limit": limit}


def _rows(summary: dict[str, Any], key: str) -> list[tuple[str, str]]:
    return [
        (str(_CATEGORY.get(code, code)), amount) for code, amount in summary.get(key, {}).items()
    ]


def _context(
    statement: Statement, lines: Iterable[LedgerLine], *, estate_name: str
) -> dict[str, Any]:
    summary = statement.summary or {}
    return {
        "statement": statement,
        "estate_name": estate_name,
        "kind_label": StatementKind(statement.kind).label,
        "status_label": StatementStatus(statement.status).label,
        "summary": summary,
        "income_rows": _rows(summary, "income_by_category"),
        "expense_rows": _rows(summary, "expense_by_category"),
        "warnings": [warning_text(w) for w in summary.get("warnings", [])],
        "lines": [
            {
                "seq": line.seq,
                "date": line.occurred_on.isoformat(),
                "kind": LineKind(line.kind).label,
                "category": _CATEGORY.get(line.category, line.category),
                "amount": line.amount,
                "counterparty": line.counterparty,
                "reverses": line.reverses.seq if line.reverses_id else None,  # type: ignore[union-attr]
            }
            for line in lines
        ],
    }


def statement_pdf(
    statement: Statement, lines: Iterable[LedgerLine], *, estate_name: str, site: str
) -> bytes:
    context = _context(statement, lines, estate_name=estate_name)
    url = check_url(site=site, statement=statement)
    context.update(check_url=url, qr=qr_svg(url))
    return render_pdf("disclosure/statement_pdf.html", context)


def statement_xlsx(statement: Statement, lines: Iterable[LedgerLine], *, estate_name: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    context = _context(statement, lines, estate_name=estate_name)
    summary = context["summary"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("汇总")
    bold = Font(bold=True)
    sheet.append([f"{estate_name} {context['kind_label']}"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("期间"), f"{statement.period_start} — {statement.period_end}"])
    sheet.append([_("状态"), str(context["status_label"])])
    sheet.append([_("链头"), statement.head_hash, _("序号"), statement.head_seq])
    sheet.append([])
    for label, key in (
        (_("收入合计"), "income_total"),
        (_("支出合计"), "expense_total"),
        (_("结余"), "net"),
    ):
        sheet.append([label, Decimal(summary.get(key, "0"))])
    sheet.append([])
    sheet.append([_("收入"), _("金额（元）")])
    for label, amount in context["income_rows"]:
        sheet.append([str(label), Decimal(amount)])
    sheet.append([_("支出"), _("金额（元）")])
    for label, amount in context["expense_rows"]:
        sheet.append([str(label), Decimal(amount)])
    if context["warnings"]:
        sheet.append([])
        sheet.append([_("提示")])
        for text in context["warnings"]:
            sheet.append([text])
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00"
    sheet.column_dimensions["A"].width = 24
    sheet.column_dimensions["B"].width = 70

    detail = book.create_sheet(_("明细"))
    header = [_("序号"), _("日期"), _("收支"), _("类别"), _("金额（元）"), _("对方单位"), _("冲正")]
    detail.append(header)
    for cell in detail[1]:
        cell.font = bold
    for line in context["lines"]:
        detail.append(
            [
                line["seq"],
                line["date"],
                str(line["kind"]),
                str(line["category"]),
                line["amount"],
                line["counterparty"],
                line["reverses"],
            ]
        )
        detail.cell(row=detail.max_row, column=5).number_format = "#,##0.00"
    for column, width in zip("ABCDEFG", (8, 12, 8, 22, 14, 30, 8), strict=True):
        detail.column_dimensions[column].width = width
    out = BytesIO()
    book.save(out)
    return out.getvalue()
