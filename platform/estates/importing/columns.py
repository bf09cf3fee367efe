"""The file layout: sheets, columns (Chinese label + English key), and the help text.

The template, the export, the reader and the Help sheet all read this one description, so a
column added here appears everywhere at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BUILDINGS_SHEET = "楼栋 Buildings"
UNITS_SHEET = "房屋 Units"
HELP_SHEET = "说明 Help"


@dataclass(frozen=True)
class Column:
    key: str
    zh: str
    required: bool
    help_zh: str
    help_en: str
    example: object = None
    width: int = 12
    text: bool = False  # formatted as text in Excel, so "0101" and phone numbers stay intact

    @property
    def header(self) -> str:
        return f"{self.zh} {self.key}"


ESTATE_CODE = Column(
    "estate_code",
    "小区编号",
    False,
    "可留空。填写时必须与导入的小区编号一致（导出文件会自动填写），防止把别的小区的文件导入进来。",
    "Optional. When filled it must equal the code of the estate being imported into (exports "
    "fill it in), so one estate's file cannot be imported into another.",
    None,
    12,
    True,
)

BUILDING_COLUMNS: tuple[Column, ...] = (
    Column(
        "building",
        "楼栋",
        True,
        "楼栋名称，按住户的叫法填写，如 1、3号楼、A座。最多30个字。",
        "Building name as residents say it, e.g. 1, 3号楼, A座. At most 30 characters.",
        "1",
        12,
        True,
    ),
    Column(
        "floors",
        "楼层数",
        False,
        "地上层数，整数 0–300。留空则不修改已有楼栋的层数。",
        "Number of floors, a whole number 0–300. Blank leaves an existing building's value.",
        18,
        10,
    ),
    ESTATE_CODE,
)

UNIT_COLUMNS: tuple[Column, ...] = (
    Column(
        "building",
        "楼栋",
        True,
        "房屋所在楼栋，必须在“楼栋”表中或小区中已存在（CSV 文件只能引用已存在的楼栋）。",
        "The unit's building: listed in the Buildings sheet or already in the estate (a CSV "
        "file may only name existing buildings).",
        "1",
        10,
        True,
    ),
    Column(
        "unit",
        "房号",
        True,
        "房号，如 101、1-202、B2-015。同一楼栋内唯一。最多20个字。",
        "Unit number, e.g. 101, 1-202, B2-015; unique within the building. At most 20 characters.",
        "101",
        10,
        True,
    ),
    Column(
        "floor",
        "楼层",
        False,
        "所在楼层，整数，地下为负数（如 -1）。留空则不修改已有房屋的楼层。",
        "Floor, a whole number, negative below ground (e.g. -1). Blank leaves an existing "
        "unit's value.",
        1,
        8,
    ),
    Column(
        "area",
        "面积",
        True,
        "专有部分面积（平方米），大于0、小于100000，最多两位小数。用于按面积表决和分摊。",
        "Exclusive floor area in m²: more than 0, less than 100,000, at most 2 decimals. Used "
        "for area-weighted votes and cost shares.",
        89.5,
        10,
    ),
    Column(
        "use",
        "用途",
        False,
        "住宅、商铺、车位或其他（也可填 residential / shop / parking / other）。空白为住宅。",
        "住宅, 商铺, 车位 or 其他 (or residential / shop / parking / other). Blank means "
        "residential.",
        "住宅",
        8,
    ),
    Column(
        "owner_name",
        "业主姓名",
        False,
        "业主（产权人）姓名。一套房有多位业主时，每位业主一行，房屋各列重复填写、内容必须一致。",
        "Owner of record. For several owners of one unit use one row per owner and repeat the "
        "unit columns identically.",
        "张三",
        12,
    ),
    Column(
        "owner_phone",
        "业主电话",
        False,
        "手机号（11位）或固定电话（含区号，如 010-12345678）。同一电话视为同一人。",
        "Mobile (11 digits) or landline with area code (e.g. 010-12345678). One phone number "
        "is one person.",
        "13800138000",
        14,
        True,
    ),
    Column(
        "owner_id_number",
        "业主证件号",
        False,
        "身份证或其他证件号码，请以文本格式填写（数字格式会丢失后几位）。可留空。",
        "ID card or other document number. Enter it as text (Excel's number format loses the "
        "last digits). Optional.",
        None,
        20,
        True,
    ),
    Column(
        "owner_share",
        "产权份额%",
        False,
        "产权份额（百分比，大于0、不超过100，最多两位小数）。一套房所有业主份额合计不得超过100；"
        "留空则平分剩余份额。",
        "Ownership share in percent (more than 0, at most 100, 2 decimals). A unit's owners may "
        "total at most 100; blank shares split what is left equally.",
        100,
        10,
    ),
    Column(
        "occupant_name",
        "住户姓名",
        False,
        "住户或租户姓名（可报事报修，不参与表决）。多位住户时每人一行，房屋各列重复填写。",
        "Occupant or renting tenant (may submit requests, does not vote). One row per person; "
        "repeat the unit columns.",
        "李四",
        12,
    ),
    Column(
        "occupant_phone",
        "住户电话",
        False,
        "住户的手机号或固定电话。",
        "The occupant's mobile or landline number.",
        "13900139000",
        14,
        True,
    ),
    Column(
        "occupant_kind",
        "住户类型",
        False,
        "住户（业主家属等）或租户（也可填 occupant / tenant）。空白为住户。",
        "住户 (family living there) or 租户 (renting tenant); or occupant / tenant. Blank means "
        "occupant.",
        "租户",
        10,
    ),
    ESTATE_CODE,
)

UNIT_KEYS = frozenset(c.key for c in UNIT_COLUMNS)
BUILDING_KEYS = frozenset(c.key for c in BUILDING_COLUMNS)
UNIT_REQUIRED = tuple(c.key for c in UNIT_COLUMNS if c.required)
BUILDING_REQUIRED = tuple(c.key for c in BUILDING_COLUMNS if c.required)

USE_LABELS = {"住宅": "residential", "商铺": "shop", "车位": "parking", "其他": "other"}
USE_ZH = {code: label for label, code in USE_LABELS.items()}
KIND_LABELS = {"住户": "occupant", "租户": "tenant"}
KIND_ZH = {code: label for label, code in KIND_LABELS.items()}

_ZH_TO_KEY = {c.zh: c.key for c in (*BUILDING_COLUMNS, *UNIT_COLUMNS)}
_ASCII_WORD = re.compile(r"[a-z_]+")


def header_key(cell: object) -> str | None:
    """The field key a header cell names: "面积 area", "area" and "面积" all mean `area`.
    None for an empty cell; the cell's text itself when it names nothing we know."""
    if cell is None:
        return None
    text = str(cell).strip()
    if not text:
        return None
    for word in _ASCII_WORD.findall(text.lower()):
        if word in UNIT_KEYS or word in BUILDING_KEYS:
            return word
    chinese = re.sub(r"[\sA-Za-z_()（）]+", "", text)
    return _ZH_TO_KEY.get(chinese, text)
