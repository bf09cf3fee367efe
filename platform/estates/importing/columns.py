"""The file layout: sheets and columns, each labelled in the user's language, and the help text.

The template, the export, the reader and the Help sheet all read this one description, so a
column added here appears everywhere at once. Labels and help are gettext messages with the
Chinese text as the source (`gettext_noop` here, translated when a workbook is written): a
Chinese user sees Chinese headers only, an English user English ones. The reader accepts the
labels of every language, the bare field keys and the bilingual headers of older templates.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, pgettext

BUILDINGS_SHEET = gettext_noop("楼栋")
UNITS_SHEET = gettext_noop("房屋")
HELP_SHEET = gettext_noop("说明")


@dataclass(frozen=True)
class Column:
    key: str  # the field's name in the code and the API, never shown in a workbook
    zh: str  # the label (the gettext source text)
    required: bool
    help: str  # the help text (the gettext source text)
    example: object = None
    width: int = 12
    text: bool = False  # formatted as text in Excel, so "0101" and phone numbers stay intact

    @property
    def header(self) -> str:
        """The column's header in the active language."""
        return gettext(self.zh)


ESTATE_CODE = Column(
    "estate_code",
    gettext_noop("小区编号"),
    False,
    gettext_noop(
        "可留空。填写时必须与导入的小区编号一致（导出文件会自动填写），防止把别的小区的文件导入进来。"
    ),
    None,
    12,
    True,
)

BUILDING_COLUMNS: tuple[Column, ...] = (
    Column(
        "building",
        gettext_noop("楼栋"),
        True,
        gettext_noop("楼栋名称，按住户的叫法填写，如 1、3号楼、A座。最多30个字。"),
        "1",
        12,
        True,
    ),
    Column(
        "floors",
        gettext_noop("楼层数"),
        False,
        gettext_noop("地上层数，整数 0–300。留空则不修改已有楼栋的层数。"),
        18,
        10,
    ),
    ESTATE_CODE,
)

UNIT_COLUMNS: tuple[Column, ...] = (
    Column(
        "building",
        gettext_noop("楼栋"),
        True,
        gettext_noop(
            "房屋所在楼栋，必须在“楼栋”表中或小区中已存在（CSV 文件只能引用已存在的楼栋）。"
        ),
        "1",
        10,
        True,
    ),
    Column(
        "unit",
        gettext_noop("房号"),
        True,
        gettext_noop("房号，如 101、1-202、B2-015。同一楼栋内唯一。最多20个字。"),
        "101",
        10,
        True,
    ),
    Column(
        "floor",
        gettext_noop("楼层"),
        False,
        gettext_noop("所在楼层，整数，地下为负数（如 -1）。留空则不修改已有房屋的楼层。"),
        1,
        8,
    ),
    Column(
        "area",
        gettext_noop("面积"),
        True,
        gettext_noop(
            "专有部分面积（平方米），大于0、小于100000，最多两位小数。用于按面积表决和分摊。"
        ),
        89.5,
        10,
    ),
    Column(
        "use",
        gettext_noop("用途"),
        False,
        gettext_noop("住宅、商铺、车位或其他。空白为住宅。"),
        "residential",
        8,
    ),
    Column(
        "owner_name",
        gettext_noop("业主姓名"),
        False,
        gettext_noop(
            "业主（产权人）姓名。一套房有多位业主时，每位业主一行，房屋各列重复填写、内容必须一致。"
        ),
        "张三",
        12,
    ),
    Column(
        "owner_phone",
        gettext_noop("业主电话"),
        False,
        gettext_noop("手机号（11位）或固定电话（含区号，如 010-12345678）。同一电话视为同一人。"),
        "13800138000",
        14,
        True,
    ),
    Column(
        "owner_id_number",
        gettext_noop("业主证件号"),
        False,
        gettext_noop(
            "身份证或其他证件号码，请以文本格式填写（数字格式会丢失后几位）。可留空。"
            "导出文件中打码的号码（如 3101**********0047）导入时保持原值。"
        ),
        None,
        20,
        True,
    ),
    Column(
        "owner_share",
        gettext_noop("产权份额%"),
        False,
        gettext_noop(
            "产权份额（百分比，大于0、不超过100，最多两位小数）。一套房所有业主份额合计不得超过100；"
            "留空则平分剩余份额。"
        ),
        100,
        10,
    ),
    Column(
        "occupant_name",
        gettext_noop("住户姓名"),
        False,
        gettext_noop(
            "住户或租户姓名（可报事报修，不参与表决）。多位住户时每人一行，房屋各列重复填写。"
        ),
        "李四",
        12,
    ),
    Column(
        "occupant_phone",
        gettext_noop("住户电话"),
        False,
        gettext_noop("住户的手机号或固定电话。"),
        "13900139000",
        14,
        True,
    ),
    Column(
        "occupant_kind",
        gettext_noop("住户类型"),
        False,
        gettext_noop("住户（业主家属等）或租户。空白为住户。"),
        "tenant",
        10,
    ),
    ESTATE_CODE,
)

UNIT_KEYS = frozenset(c.key for c in UNIT_COLUMNS)
BUILDING_KEYS = frozenset(c.key for c in BUILDING_COLUMNS)
UNIT_REQUIRED = tuple(c.key for c in UNIT_COLUMNS if c.required)
BUILDING_REQUIRED = tuple(c.key for c in BUILDING_COLUMNS if c.required)

# Cell values of the two choice columns: the Chinese words, and the codes (what English
# workbooks show). The reader takes either, whatever the user's language.
USE_LABELS = {"住宅": "residential", "商铺": "shop", "车位": "parking", "其他": "other"}
USE_ZH = {code: label for label, code in USE_LABELS.items()}
KIND_LABELS = {"住户": "occupant", "租户": "tenant"}
KIND_ZH = {code: label for label, code in KIND_LABELS.items()}

_ASCII_WORD = re.compile(r"[a-z_]+")
_SPACES = re.compile(r"\s+")


def uses_chinese() -> bool:
    return (translation.get_language() or settings.LANGUAGE_CODE).lower().startswith("zh")


def sheet_title(title: str) -> str:
    """A sheet's title in the active language ("楼栋" / "Buildings")."""
    return pgettext("sheet", title)


def choice_label(code: str, labels: dict[str, str]) -> str:
    """A use or occupant kind as a cell shows it in the active language ("住宅" / "residential")."""
    if uses_chinese():
        return {c: word for word, c in labels.items()}.get(code, code)
    return code


def column_label(key: str) -> str:
    """The header of the column `key` in the active language (the key itself if unknown)."""
    column = next((c for c in (*BUILDING_COLUMNS, *UNIT_COLUMNS) if c.key == key), None)
    return column.header if column is not None else key


def _normal(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


@functools.cache
def _labels() -> dict[str, str]:
    """Every language's label of every column, normalized -> key."""
    found: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for column in (*BUILDING_COLUMNS, *UNIT_COLUMNS):
                found.setdefault(_normal(column.header), column.key)
    for column in (*BUILDING_COLUMNS, *UNIT_COLUMNS):
        found.setdefault(_normal(column.zh), column.key)
        found.setdefault(column.key, column.key)
    return found


def header_key(cell: object) -> str | None:
    """The field key a header cell names: "面积", "Area (m²)", "area" and an older template's
    "面积 area" all mean `area`. None for an empty cell; the cell's text itself when it names
    nothing we know."""
    if cell is None:
        return None
    text = str(cell).strip()
    if not text:
        return None
    labels = _labels()
    if _normal(text) in labels:
        return labels[_normal(text)]
    for word in _ASCII_WORD.findall(text.lower()):
        if word in UNIT_KEYS or word in BUILDING_KEYS:
            return word
    chinese = re.sub(r"[\sA-Za-z_()（）]+", "", text)
    return labels.get(chinese, text)
