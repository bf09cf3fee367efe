"""Writing the workbook: the empty template and an estate's export share one layout (openpyxl
write-only mode, so a large estate streams out without building the sheet in memory)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext, gettext_noop
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from core.clock import local, now

from ..models import Building, Estate, Occupancy, OwnerRecord, Unit
from ..selectors import PeopleMasking
from .columns import (
    BUILDING_COLUMNS,
    BUILDINGS_SHEET,
    HELP_SHEET,
    KIND_LABELS,
    UNIT_COLUMNS,
    UNITS_SHEET,
    USE_LABELS,
    Column,
    choice_label,
    sheet_title,
    uses_chinese,
)
from .reading import MAX_BYTES, MAX_ROWS

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")
EXAMPLE_FONT = Font(italic=True, color="808080")

GENERAL_HELP = (
    gettext_noop("第1行是表头，请勿修改；从第2行起每行一条记录。模板第2行是示例，请覆盖或删除。"),
    gettext_noop(
        "先预览再提交：预览逐行列出错误（行号即 Excel 行号），不写入任何数据；提交时全部成功或全部"
        "不导入。"
    ),
    gettext_noop(
        "重复导入不会产生重复数据：楼栋按名称、房屋按楼栋+房号、人员按电话（无电话时按该房屋内的"
        "姓名）匹配，只更新有变化的内容；留空的选填项保持原值。"
    ),
    gettext_noop("导入只新增或更新，不会删除文件中没有的楼栋、房屋、业主或住户。"),
    gettext_noop(
        "CSV 文件只含“房屋”表的列（UTF-8 或 GBK 编码均可），引用的楼栋必须已在小区中存在。"
    ),
    gettext_noop("每个文件最多 %(rows)s 行、%(mb)s MB。"),
)
LIMITS = {"rows": f"{MAX_ROWS:,}", "mb": MAX_BYTES // 1024 // 1024}


def _natural(value: str) -> tuple[Any, ...]:
    """ "2" before "10", "1-2" before "1-10"."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", value))


def _sheet(
    workbook: Workbook,
    title: str,
    columns: tuple[Column, ...],
    rows: Iterable[list[Any]],
    *,
    example: bool = False,
) -> None:
    sheet = workbook.create_sheet(sheet_title(title))
    for index, column in enumerate(columns, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = column.width
        if column.text:
            dimension.number_format = "@"
    sheet.freeze_panes = "A2"
    for key, choices in (("use", USE_LABELS), ("occupant_kind", KIND_LABELS)):
        keys = [c.key for c in columns]
        if key in keys:
            letter = get_column_letter(keys.index(key) + 1)
            words = list(choices) if uses_chinese() else list(choices.values())
            validation = DataValidation(
                type="list", formula1=f'"{",".join(words)}"', allow_blank=True
            )
            validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
            sheet.data_validations.append(validation)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = REQUIRED_FILL if column.required else HEADER_FILL
        header.append(cell)
    sheet.append(header)
    for row in rows:
        if example:  # grey italics: plainly a sample to overwrite
            row = [WriteOnlyCell(sheet, value=v) for v in row]
            for cell in row:
                cell.font = EXAMPLE_FONT
        sheet.append(row)


def _help_sheet(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(sheet_title(HELP_SHEET))
    for letter, width in zip("ABCD", (14, 16, 10, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    wrap = Alignment(wrap_text=True, vertical="top")

    def line(*values: Any, bold: bool = False) -> None:
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            cell.alignment = wrap
            if bold:
                cell.font = Font(bold=True)
            cells.append(cell)
        sheet.append(cells)

    line(gettext("导入说明"), bold=True)
    for number, text in enumerate(GENERAL_HELP, start=1):
        line(number, "", "", gettext(text) % LIMITS if "%(" in text else gettext(text))
    sheet.append([])
    line(gettext("表"), gettext("列"), gettext("必填"), gettext("说明"), bold=True)
    for title, columns in ((BUILDINGS_SHEET, BUILDING_COLUMNS), (UNITS_SHEET, UNIT_COLUMNS)):
        for column in columns:
            line(
                sheet_title(title),
                column.header,
                gettext("是") if column.required else gettext("否"),
                gettext(column.help),
            )


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _example(column: Column) -> object:
    if column.key == "use":
        return choice_label(str(column.example), USE_LABELS)
    if column.key == "occupant_kind":
        return choice_label(str(column.example), KIND_LABELS)
    return column.example


def template_xlsx() -> bytes:
    """The empty template in the active language (headers, help and choice words)."""
    workbook = Workbook(write_only=True)
    for title, columns in ((BUILDINGS_SHEET, BUILDING_COLUMNS), (UNITS_SHEET, UNIT_COLUMNS)):
        _sheet(workbook, title, columns, [[_example(c) for c in columns]], example=True)
    _help_sheet(workbook)
    return _save(workbook)


def _unit_rows(estate: Estate, masking: PeopleMasking) -> Iterator[list[Any]]:
    today = local(now()).date()
    current = Q(until__isnull=True) | Q(until__gte=today)
    owners: dict[int, list[tuple[Any, ...]]] = {}
    for owner_row in (
        OwnerRecord.objects.filter(current, unit__estate=estate)
        .order_by("unit_id", "id")
        .values_list("unit_id", "person__full_name", "person__phone", "person__id_number", "share")
    ):
        owners.setdefault(owner_row[0], []).append(owner_row[1:])
    occupants: dict[int, list[tuple[Any, ...]]] = {}
    for row in (
        Occupancy.objects.filter(current, unit__estate=estate)
        .order_by("unit_id", "id")
        .values_list("unit_id", "person__full_name", "person__phone", "kind")
    ):
        occupants.setdefault(row[0], []).append(row[1:])
    units = sorted(
        Unit.objects.filter(estate=estate).values_list(
            "id", "building__name", "number", "floor", "area", "use"
        ),
        key=lambda u: (_natural(u[1]), _natural(u[2])),
    )
    for pk, building, number, floor, area, use in units:
        unit_owners = owners.get(pk, [])
        unit_occupants = occupants.get(pk, [])
        for i in range(max(1, len(unit_owners), len(unit_occupants))):
            owner = unit_owners[i] if i < len(unit_owners) else (None, None, None, None)
            occupant = unit_occupants[i] if i < len(unit_occupants) else (None, None, None)
            yield [
                building,
                number,
                floor,
                area,
                choice_label(use, USE_LABELS),
                owner[0],
                masking.phone(owner[1] or "") or None,
                masking.id_number(owner[2] or "") or None,
                owner[3],
                occupant[0],
                masking.phone(occupant[1] or "") or None,
                choice_label(occupant[2], KIND_LABELS) if occupant[2] else None,
                estate.code,
            ]


def export_xlsx(*, estate: Estate, masking: PeopleMasking) -> bytes:
    workbook = Workbook(write_only=True)
    buildings = sorted(
        Building.objects.filter(estate=estate).values_list("name", "floors"),
        key=lambda b: _natural(b[0]),
    )
    building_rows = ([name, floors, estate.code] for name, floors in buildings)
    _sheet(workbook, BUILDINGS_SHEET, BUILDING_COLUMNS, building_rows)
    _sheet(workbook, UNITS_SHEET, UNIT_COLUMNS, _unit_rows(estate, masking))
    _help_sheet(workbook)
    return _save(workbook)
