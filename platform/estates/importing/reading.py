"""Reading an uploaded file into rows: .xlsx (openpyxl read-only, streamed) or .csv (UTF-8 with
or without BOM, GBK/GB18030 as Excel in China writes it).

Problems with the file as a whole (format, size, columns, too many rows) raise
ImportFileInvalid; problems inside a row are the validation step's business. Row numbers are
the ones the user sees in Excel (the header is row 1).
"""

from __future__ import annotations

import csv
import io
import logging
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import PurePath
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import load_workbook

from .columns import (
    BUILDING_KEYS,
    BUILDING_REQUIRED,
    BUILDINGS_SHEET,
    UNIT_KEYS,
    UNIT_REQUIRED,
    UNITS_SHEET,
    column_label,
    header_key,
    sheet_title,
)
from .exceptions import ImportFileInvalid

logger = logging.getLogger(__name__)

MAX_BYTES = 20 * 1024 * 1024
MAX_UNZIPPED = 400 * 1024 * 1024  # a workbook that inflates beyond this is not a unit list
MAX_ROWS = 50_000
HEADER_SEARCH_ROWS = 10

TOO_BIG = _("文件超过 20 MB。")
TOO_BIG_UNZIPPED = _("Excel 文件解压后过大。")
TOO_MANY_ROWS = _("文件超过 %(rows)s 行，请拆分后导入。")
EMPTY = _("文件中没有数据行。")
UNSUPPORTED = _("仅支持 .xlsx 和 .csv 文件。")
OLD_XLS = _("不支持旧版 .xls 文件，请另存为 .xlsx。")
BAD_XLSX = _("无法读取该 Excel 文件。")
BAD_CSV = _("无法读取该 CSV 文件（需为 UTF-8 或 GBK 编码）。")
NO_UNITS = _("找不到“房屋”表或其表头。")


@dataclass(slots=True)
class RawRow:
    sheet: str
    row: int
    values: dict[str, Any]


@dataclass
class RowCounter:
    """Counts data rows across sheets and stops the read past MAX_ROWS."""

    rows: int = 0
    on_rows: Any = None  # callable(count) every `every` rows: progress while re-reading
    every: int = 500

    def add(self) -> None:
        self.rows += 1
        if self.rows > MAX_ROWS:
            raise ImportFileInvalid(str(TOO_MANY_ROWS % {"rows": f"{MAX_ROWS:,}"}))
        if self.on_rows is not None and self.rows % self.every == 0:
            self.on_rows(self.rows)


@dataclass
class Sheet:
    kind: str  # "buildings" | "units"
    title: str
    keys: list[str | None]
    _rows: Iterator[tuple[int, Sequence[Any]]]
    counter: RowCounter
    unreadable: str | Promise = BAD_XLSX

    @property
    def has_estate_code(self) -> bool:
        return "estate_code" in self.keys

    def rows(self) -> Iterator[RawRow]:
        numbered = iter(self._rows)
        while True:
            try:
                number, cells = next(numbered)
            except StopIteration:
                return
            except Exception:  # a broken file can fail anywhere in the stream
                raise ImportFileInvalid(str(self.unreadable)) from None
            values = {key: cells[i] for i, key in enumerate(self.keys) if key and i < len(cells)}
            if all(_blank(v) for v in values.values()):
                continue
            self.counter.add()
            yield RawRow(self.title, number, values)


@dataclass
class Source:
    units: Sheet
    buildings: Sheet | None = None
    is_csv: bool = False
    counter: RowCounter = field(default_factory=RowCounter)


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _check_header(kind: str, title: str, keys: list[str | None]) -> None:
    allowed, required = (
        (UNIT_KEYS, UNIT_REQUIRED) if kind == "units" else (BUILDING_KEYS, BUILDING_REQUIRED)
    )
    named = [k for k in keys if k]
    problems = [gettext("未知列“%(column)s”") % {"column": k} for k in named if k not in allowed]
    problems += [
        gettext("重复列“%(column)s”") % {"column": column_label(k)}
        for k in allowed
        if named.count(k) > 1
    ]
    problems += [
        gettext("缺少列“%(column)s”") % {"column": column_label(k)}
        for k in required
        if k not in named
    ]
    if problems:
        raise ImportFileInvalid(
            gettext("“%(sheet)s”表的列不正确：%(problems)s")
            % {"sheet": title, "problems": gettext("；").join(problems)}
        )


def _split_header(
    rows: Iterable[Sequence[Any]],
) -> tuple[list[str | None], Iterator[tuple[int, Sequence[Any]]]] | None:
    """The header is the first row naming the `building` column within the first rows (a title
    row above it is allowed), else the first non-empty row; the rest are data rows."""
    numbered = enumerate(rows, start=1)
    seen: list[tuple[int, Sequence[Any]]] = []
    for number, cells in numbered:
        keys = [header_key(c) for c in cells]
        if "building" in keys:
            return keys, numbered
        seen.append((number, cells))
        if number >= HEADER_SEARCH_ROWS:
            break
    for index, (_number, cells) in enumerate(seen):
        if any(not _blank(c) for c in cells):
            return [header_key(c) for c in cells], chain(seen[index + 1 :], numbered)
    return None


def _kind_of(title: str, keys: list[str | None] | None) -> str | None:
    lowered = title.lower()
    if "说明" in title or "help" in lowered:
        return None
    if "房屋" in title or "unit" in lowered:
        return "units"
    if "楼栋" in title or "building" in lowered:
        return "buildings"
    if keys and "unit" in keys:
        return "units"
    if keys and "building" in keys:
        return "buildings"
    return None


@contextmanager
def open_source(*, filename: str, content: bytes) -> Iterator[Source]:
    """The file's sheets, ready to stream. Raises ImportFileInvalid."""
    if len(content) > MAX_BYTES:
        raise ImportFileInvalid(str(TOO_BIG))
    if not content.strip():
        raise ImportFileInvalid(str(EMPTY))
    suffix = PurePath(filename).suffix.lower()
    is_zip = content[:4] == b"PK\x03\x04"
    if suffix == ".xls":
        raise ImportFileInvalid(str(OLD_XLS))
    if suffix in (".xlsx", ".xlsm") or (is_zip and suffix != ".csv"):
        if not is_zip:
            raise ImportFileInvalid(str(BAD_XLSX))
        with _open_xlsx(content) as source:
            yield source
    elif suffix in (".csv", ".txt"):
        yield _open_csv(content)
    else:
        raise ImportFileInvalid(str(UNSUPPORTED))


@contextmanager
def _open_xlsx(content: bytes) -> Iterator[Source]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            inflated = sum(member.file_size for member in archive.infolist())
    except zipfile.BadZipFile:
        raise ImportFileInvalid(str(BAD_XLSX)) from None
    if inflated > MAX_UNZIPPED:
        raise ImportFileInvalid(str(TOO_BIG_UNZIPPED))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many types for broken archives
        logger.info("unreadable xlsx upload", exc_info=True)
        raise ImportFileInvalid(str(BAD_XLSX)) from None
    try:
        counter = RowCounter()
        found: dict[str, Sheet] = {}
        for worksheet in workbook.worksheets:
            worksheet.reset_dimensions()  # some writers store a wrong size: read every row
            try:
                split = _split_header(worksheet.iter_rows(values_only=True))
            except Exception:
                raise ImportFileInvalid(str(BAD_XLSX)) from None
            keys = split[0] if split else None
            kind = _kind_of(worksheet.title, keys)
            if kind is None or split is None:
                continue
            if kind in found:
                raise ImportFileInvalid(
                    gettext("有两个“%(kind)s”表：“%(first)s”和“%(second)s”")
                    % {
                        "kind": sheet_title(UNITS_SHEET if kind == "units" else BUILDINGS_SHEET),
                        "first": found[kind].title,
                        "second": worksheet.title,
                    }
                )
            _check_header(kind, worksheet.title, split[0])
            found[kind] = Sheet(kind, worksheet.title, split[0], split[1], counter)
        if "units" not in found:
            raise ImportFileInvalid(str(NO_UNITS))
        yield Source(units=found["units"], buildings=found.get("buildings"), counter=counter)
    finally:
        workbook.close()


def _decode(content: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):  # GB18030 reads everything GBK wrote
        try:
            decoded = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" in decoded:
            break
        return decoded
    raise ImportFileInvalid(str(BAD_CSV))


def _open_csv(content: bytes) -> Source:
    decoded = _decode(content)
    first_line = decoded.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first_line.count)
    try:
        reader = csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter)
        split = _split_header(reader)
    except csv.Error:
        raise ImportFileInvalid(str(BAD_CSV)) from None
    if split is None:
        raise ImportFileInvalid(str(EMPTY))
    title = sheet_title(UNITS_SHEET)
    _check_header("units", title, split[0])
    counter = RowCounter()
    units = Sheet("units", title, split[0], split[1], counter, BAD_CSV)
    return Source(units=units, is_csv=True, counter=counter)


__all__ = ["MAX_BYTES", "MAX_ROWS", "RawRow", "Sheet", "Source", "open_source"]
