"""Bulk import from Excel/CSV and export back to Excel (estates.importing).

Every test works in firm A's schema on a fresh estate (`import_estate`). A refused import
must leave the portfolio exactly as it was: `_portfolio()` counts every table it touches.
"""

from __future__ import annotations

import csv
import io
import re
import time
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError
from django.utils import translation
from django_tenants.utils import schema_context
from openpyxl import Workbook, load_workbook

from accounts.models import RoleGrant
from estates.importing import (
    ImportAlreadyCommitted,
    ImportFileInvalid,
    ImportHasErrors,
    estate_export_xlsx,
    import_commit,
    import_preview,
    import_progress,
    import_run,
    import_template_xlsx,
    rules,
    services,
)
from estates.importing.columns import (
    BUILDING_COLUMNS,
    BUILDINGS_SHEET,
    HELP_SHEET,
    UNIT_COLUMNS,
    UNITS_SHEET,
    header_key,
)
from estates.models import Building, Estate, ImportJob, Occupancy, OwnerRecord, Person, Unit
from estates.selectors import PeopleMasking
from outbox import services as outbox_services
from outbox.models import OutboxMessage

# Database access comes with the `import_estate` fixture (a rolled-back transaction); the
# real-worker test commits instead, and cleans up after itself.

UNIT_KEYS = [c.key for c in UNIT_COLUMNS]
BUILDING_KEYS = [c.key for c in BUILDING_COLUMNS]
FULL_VIEW = PeopleMasking(full_contact=True, full_id_number=True)  # a firm admin's export


# --- helpers -----------------------------------------------------------------------------------


def unit(building="1", number="101", **values) -> dict:
    row = {"building": building, "unit": number, "floor": 1, "area": "89.50", "use": "住宅"}
    row.update(values)
    return row


def xlsx(
    buildings: list[dict] | None, units: list[dict], *, headers: str = "both", title: str = ""
) -> bytes:
    """A workbook in the template's layout; `headers` "zh" or "key" writes half the header,
    `title` puts a title row above the Units header."""

    def header(column) -> str:
        return {"both": column.header, "zh": column.zh, "key": column.key}[headers]

    workbook = Workbook(write_only=True)
    if buildings is not None:
        sheet = workbook.create_sheet(BUILDINGS_SHEET)
        sheet.append([header(c) for c in BUILDING_COLUMNS])
        for row in buildings:
            sheet.append([row.get(k) for k in BUILDING_KEYS])
    sheet = workbook.create_sheet(UNITS_SHEET)
    if title:
        sheet.append([title])
    sheet.append([header(c) for c in UNIT_COLUMNS])
    for row in units:
        sheet.append([row.get(k) for k in UNIT_KEYS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_bytes(units: list[dict], encoding: str) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.header for c in UNIT_COLUMNS])
    for row in units:
        writer.writerow(["" if row.get(k) is None else row.get(k) for k in UNIT_KEYS])
    return out.getvalue().encode(encoding)


def rows_of(content: bytes, title: str) -> list[tuple]:
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    rows = [r for r in workbook[title].iter_rows(values_only=True) if any(v is not None for v in r)]
    workbook.close()
    return rows


def _portfolio() -> tuple[int, ...]:
    return (
        Building.objects.count(),
        Unit.objects.count(),
        Person.objects.count(),
        OwnerRecord.objects.count(),
        Occupancy.objects.count(),
    )


def _counts(job: ImportJob, kind: str = "created") -> dict[str, int]:
    entities = ("buildings", "units", "people", "owner_records", "occupancies")
    return {name: job.summary[name][kind] for name in entities}


def _import(estate, content: bytes, filename: str = "units.xlsx") -> ImportJob:
    job = import_preview(estate=estate, filename=filename, content=content, user=None)
    assert job.errors == [], job.errors
    return import_commit(job=job, user=None)


def _fields(job: ImportJob) -> list[tuple]:
    return [(e["sheet"], e["row"], e["field"]) for e in job.errors]


# --- template ----------------------------------------------------------------------------------


def test_template_has_the_two_sheets_with_chinese_headers_and_a_help_sheet() -> None:
    content = import_template_xlsx()

    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames == [BUILDINGS_SHEET, UNITS_SHEET, HELP_SHEET]
    workbook.close()
    buildings = rows_of(content, BUILDINGS_SHEET)
    units = rows_of(content, UNITS_SHEET)
    assert buildings[0] == ("楼栋", "楼层数", "小区编号")
    assert units[0][:4] == ("楼栋", "房号", "楼层", "面积")
    assert [header_key(h) for h in units[0]] == UNIT_KEYS
    assert len(buildings) == 2 and len(units) == 2  # header + one example row each
    help_text = "\n".join(" ".join(str(v) for v in r if v) for r in rows_of(content, HELP_SHEET))
    # A Chinese user reads Chinese only: no field keys such as `owner_phone`, no English.
    for key in {*UNIT_KEYS, *BUILDING_KEYS}:
        assert key not in help_text
    assert "面积" in help_text and "Exclusive floor area" not in help_text
    assert not re.search(r"[A-Za-z]{4,}", " ".join(map(str, (*buildings[0], *units[0]))))


def test_an_english_user_gets_the_template_in_english_and_it_imports(import_estate) -> None:
    with translation.override("en"):
        content = import_template_xlsx()
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames == ["Buildings", "Units", "Help"]
    workbook.close()
    buildings, units = rows_of(content, "Buildings"), rows_of(content, "Units")
    assert buildings[0] == ("Building", "Floors", "Estate code")
    assert units[0][:4] == ("Building", "Unit", "Floor", "Area")
    assert units[1][4] == "residential" and units[1][11] == "tenant"
    help_text = "\n".join(" ".join(str(v) for v in r if v) for r in rows_of(content, "Help"))
    assert "Exclusive floor area" in help_text and "专有部分面积" not in help_text
    for key in ("owner_phone", "occupant_kind", "estate_code"):
        assert key not in help_text

    job = _import(import_estate, content)  # English headers and choice words read back
    assert job.summary["units"]["created"] == 1


def test_the_template_imports_as_is_and_exports_back_the_same_rows(import_estate) -> None:
    before = _portfolio()
    template = import_template_xlsx()

    job = import_preview(estate=import_estate, filename="模板.xlsx", content=template, user=None)

    assert job.status == "previewed" and job.errors == [] and job.total_rows == 2
    assert _counts(job) == {
        "buildings": 1,
        "units": 1,
        "people": 2,
        "owner_records": 1,
        "occupancies": 1,
    }
    assert _portfolio() == before  # the preview wrote nothing

    job = import_commit(job=job, user=None)
    assert job.status == "done"
    export = estate_export_xlsx(estate=import_estate, masking=FULL_VIEW)
    code = import_estate.code
    assert rows_of(export, BUILDINGS_SHEET)[1] == (*rows_of(template, BUILDINGS_SHEET)[1][:2], code)
    exported = rows_of(export, UNITS_SHEET)[1]
    assert exported == (*rows_of(template, UNITS_SHEET)[1][:-1], code)
    assert exported[5:9] == ("张三", "13800138000", None, 100)


@pytest.mark.parametrize("headers", ["zh", "key"])
def test_headers_may_be_given_in_chinese_or_as_field_keys_alone(import_estate, headers) -> None:
    content = xlsx([{"building": "1"}], [unit()], headers=headers)

    job = import_preview(estate=import_estate, filename="u.xlsx", content=content, user=None)

    assert job.errors == [] and job.summary["units"]["created"] == 1


def test_a_title_row_above_the_header_is_allowed_and_rows_keep_their_excel_numbers(
    import_estate,
) -> None:
    content = xlsx([{"building": "1"}], [unit(), unit(number="102", area="x")], title="房屋清单")

    job = import_preview(estate=import_estate, filename="u.xlsx", content=content, user=None)

    assert _fields(job) == [(UNITS_SHEET, 4, "area")]


# --- preview: row-by-row errors, nothing written ---------------------------------------------


def test_preview_lists_every_bad_row_with_its_excel_row_number_and_writes_nothing(
    import_estate,
) -> None:
    before = _portfolio()
    content = xlsx(
        [{"building": "1", "floors": 18}, {"building": "2", "floors": "很多"}],
        [
            unit(number="101", owner_name="王五", owner_phone="13800000001"),  # row 2: fine
            unit(number="102", area="-5"),  # row 3: bad area
            unit(number="103", area="80"),  # row 4: fine
            unit(number="103", area="81"),  # row 5: same unit, different area
            unit(building="9", number="101"),  # row 6: unknown building
            unit(number=None),  # row 7: unit missing
            unit(number="105", use="别墅"),  # row 8: bad use
            unit(number="104", owner_name="甲", owner_share=60),  # row 9
            unit(number="104", owner_name="乙", owner_share=50),  # row 10: shares total 110
            unit(number="106", owner_name="丙", owner_phone="12345"),  # row 11: bad phone
            unit(number="107", area="12.345"),  # row 12: three decimals
            unit(number="108", occupant_phone="13800000002"),  # row 13: occupant without name
            unit(building="2", number="201", owner_name="丁"),  # row 14: fine (building 2 is known)
        ],
    )

    job = import_preview(estate=import_estate, filename="bad.xlsx", content=content, user=None)

    assert _fields(job) == [
        (BUILDINGS_SHEET, 3, "floors"),
        (UNITS_SHEET, 3, "area"),
        (UNITS_SHEET, 5, "area"),
        (UNITS_SHEET, 6, "building"),
        (UNITS_SHEET, 7, "unit"),
        (UNITS_SHEET, 8, "use"),
        (UNITS_SHEET, 10, "owner_share"),
        (UNITS_SHEET, 11, "owner_phone"),
        (UNITS_SHEET, 12, "area"),
        (UNITS_SHEET, 13, "occupant_name"),
    ]
    messages = {(e["row"], e["field"]): e["message"] for e in job.errors}
    assert messages[(3, "area")].startswith("面积无效")
    assert "房屋重复" in messages[(5, "area")] and "第 4 行" in messages[(5, "area")]
    assert messages[(6, "building")] == "未知楼栋：9"
    assert messages[(7, "unit")].startswith("缺少必填项")
    assert "用途无效" in messages[(8, "use")]
    assert "100" in messages[(10, "owner_share")]
    assert "电话无效" in messages[(11, "owner_phone")]
    assert not any(re.search(r"[A-Za-z]{4,}", m) for m in messages.values())
    with translation.override("en"):  # an English user previewing the same file
        english = import_preview(
            estate=import_estate, filename="bad.xlsx", content=content, user=None
        )
    messages = {(e["row"], e["field"]): e["message"] for e in english.errors}
    assert messages[(3, "area")].startswith("Invalid area")
    assert "Duplicate unit" in messages[(5, "area")] and "row 4" in messages[(5, "area")]
    assert messages[(6, "building")] == "Unknown building: 9"
    assert messages[(7, "unit")].startswith("Required")
    assert "Invalid use" in messages[(8, "use")]
    assert "Invalid phone" in messages[(11, "owner_phone")]
    assert job.status == "previewed" and job.summary["errors_total"] == 10
    assert _portfolio() == before


def test_a_preview_with_errors_cannot_be_committed_and_nothing_changes(import_estate) -> None:
    job = import_preview(
        estate=import_estate,
        filename="bad.xlsx",
        content=xlsx([{"building": "1"}], [unit(), unit(number="102", area="0")]),
        user=None,
    )
    before = _portfolio()

    with pytest.raises(ImportHasErrors) as caught:
        import_commit(job=job, user=None)

    assert caught.value.code == "import_has_errors" and caught.value.status == 409
    job.refresh_from_db()
    assert job.status == "previewed"
    assert _portfolio() == before


def test_a_file_of_another_estate_is_refused_row_by_row(import_estate) -> None:
    content = xlsx([{"building": "1", "estate_code": "OTHER"}], [unit(estate_code="OTHER")])

    job = import_preview(estate=import_estate, filename="u.xlsx", content=content, user=None)

    assert _fields(job) == [(BUILDINGS_SHEET, 2, "estate_code"), (UNITS_SHEET, 2, "estate_code")]
    assert "OTHER" in job.errors[0]["message"] and import_estate.code in job.errors[0]["message"]


@pytest.mark.parametrize(
    ("filename", "content", "says"),
    [
        ("units.xlsx", b"", "no data rows"),
        ("units.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, ".xls"),
        ("units.xlsx", b"this is not a workbook", "Excel file cannot be read"),
        ("units.pdf", b"%PDF-1.7 ...", "Only .xlsx and .csv"),
        ("units.csv", "楼栋 building,房号 unit\n1,101\n".encode(), "Missing column “Area”"),
        ("units.csv", "building,unit,area,颜色\n1,101,80\n".encode(), "Unknown column “颜色”"),
        ("units.csv", b"building,unit,area\n", "no data rows"),
        ("units.csv", b"building,unit,area\n" + b"1,1,80\n" * 50_001, "50,000"),
        ("units.csv", b"building,unit,area\n" + b" " * (20 * 1024 * 1024), "20 MB"),
        ("units.csv", "\ufeff房屋表\n".encode("utf-16"), "cannot be read"),
    ],
)
def test_unreadable_files_are_refused_as_a_whole_and_no_job_is_kept(
    import_estate, filename, content, says
) -> None:
    jobs = ImportJob.objects.count()

    with pytest.raises(ImportFileInvalid) as caught, translation.override("en"):
        import_preview(estate=import_estate, filename=filename, content=content, user=None)

    assert caught.value.code == "import_file_invalid"
    assert says in caught.value.fields["file"][0]
    assert ImportJob.objects.count() == jobs


# --- commit: all or nothing ------------------------------------------------------------------


def _rich_file() -> bytes:
    """Two buildings, co-owners, a tenant, a phoneless occupant, a landline, an ID number."""
    return xlsx(
        [{"building": "1", "floors": 18}, {"building": "2号楼", "floors": 6}],
        [
            unit(
                number="101",
                owner_name="张三",
                owner_phone="138 0013 8000",
                owner_id_number="11010119900307123X",
                owner_share=50,
                occupant_name="李四",
                occupant_phone="+86 139-0013-9000",
                occupant_kind="租户",
            ),
            unit(number="101", owner_name="张三丰", owner_phone="13800138001", owner_share=50),
            unit(number="102", floor=1, area=120, owner_name="王五", owner_phone="0571-87654321"),
            unit(number="102", floor=1, area=120, occupant_name="王小五"),  # no phone
            unit(building="2号楼", number="B-01", floor=-1, area="12.5", use="车位"),
            unit(building="2号楼", number="S1", floor=1, area=300, use="shop", owner_name="赵六"),
        ],
    )


def test_commit_applies_everything_with_the_real_counts(import_estate) -> None:
    job = _import(import_estate, _rich_file())

    assert job.status == "done" and job.errors == [] and job.processed_rows == 8
    assert _counts(job) == {
        "buildings": 2,
        "units": 4,
        "people": 6,
        "owner_records": 4,
        "occupancies": 2,
    }
    zhang = Person.objects.get(phone="13800138000")
    assert zhang.full_name == "张三" and zhang.id_number == "11010119900307123X"
    assert Person.objects.get(full_name="王五").phone == "0571-87654321"
    assert Person.objects.get(full_name="李四").phone == "13900139000"
    shop = Unit.objects.get(estate=import_estate, number="S1")
    assert shop.use == "shop" and shop.area == Decimal("300.00")
    assert OwnerRecord.objects.get(unit=shop).share == Decimal("100")  # blank share: sole owner
    assert Unit.objects.get(number="B-01").floor == -1
    assert Occupancy.objects.get(person__full_name="李四").kind == "tenant"
    assert import_progress(job=job) == {
        "status": "done",
        "total_rows": 8,  # both sheets
        "processed_rows": 8,
        "percent": 100,
    }


def test_an_error_in_the_middle_of_the_run_leaves_no_row_and_marks_the_job_failed(
    import_estate, monkeypatch
) -> None:
    job = import_preview(estate=import_estate, filename="u.xlsx", content=_rich_file(), user=None)
    before = _portfolio()

    def fail(*args, **kwargs):  # the last step: buildings, units and people are written by now
        raise IntegrityError("injected failure")

    monkeypatch.setattr(Occupancy.objects, "bulk_create", fail)
    with translation.override("en"):
        job = import_commit(job=job, user=None)

    assert job.status == "failed"
    assert "rolled back" in job.errors[0]["message"]
    assert _portfolio() == before
    assert not Building.objects.filter(estate=import_estate).exists()
    stored = ImportJob.objects.get(pk=job.pk)
    assert (stored.status, stored.errors) == ("failed", job.errors)
    assert import_progress(job=job)["status"] == "failed"


def test_a_job_is_committed_only_once(import_estate) -> None:
    job = _import(import_estate, xlsx([{"building": "1"}], [unit()]))
    before = _portfolio()

    with pytest.raises(ImportAlreadyCommitted) as caught:
        import_commit(job=job, user=None)

    assert caught.value.code == "import_not_committable"
    assert _portfolio() == before
    assert ImportJob.objects.get(pk=job.pk).status == "done"


# --- idempotence and export --------------------------------------------------------------------


def test_importing_the_same_file_again_changes_nothing(import_estate) -> None:
    _import(import_estate, _rich_file())
    after_first = _portfolio()

    again = _import(import_estate, _rich_file())

    assert again.status == "done"
    assert set(_counts(again, "created").values()) == {0}
    assert set(_counts(again, "updated").values()) == {0}
    assert _counts(again, "unchanged") == {
        "buildings": 2,
        "units": 4,
        "people": 6,
        "owner_records": 4,
        "occupancies": 2,
    }
    assert _portfolio() == after_first


def test_a_second_import_updates_what_changed_and_matches_people_by_phone(import_estate) -> None:
    _import(
        import_estate,
        xlsx([{"building": "1"}], [unit(owner_name="张三", owner_phone="13800138000")]),
    )

    job = _import(
        import_estate,
        xlsx(
            [{"building": "1", "floors": 20}],
            [unit(area="90", owner_name="张叁", owner_phone="13800138000", occupant_name="小张")],
        ),
    )

    assert job.summary["buildings"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert job.summary["units"] == {"created": 0, "updated": 1, "unchanged": 0}
    assert job.summary["people"] == {"created": 1, "updated": 1, "unchanged": 0}
    assert job.summary["owner_records"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert Unit.objects.get(estate=import_estate).area == Decimal("90.00")
    assert Person.objects.get(phone="13800138000").full_name == "张叁"
    assert Building.objects.get(estate=import_estate).floors == 20


def test_an_owner_known_by_phone_elsewhere_is_linked_not_duplicated_and_gets_access(
    cast, import_estate
) -> None:
    resident = Person.objects.get(phone="13700001111")  # the cast's resident, owner in A1
    people = Person.objects.count()

    _import(
        import_estate,
        xlsx(
            [{"building": "1"}], [unit(owner_name=resident.full_name, owner_phone="137 0000 1111")]
        ),
    )

    assert Person.objects.count() == people
    new_unit = Unit.objects.get(estate=import_estate)
    assert OwnerRecord.objects.filter(unit=new_unit, person=resident).exists()
    assert RoleGrant.objects.filter(
        user=resident.user, role="resident", unit_id=new_unit.pk, estate_id=import_estate.pk
    ).exists()


def test_an_import_links_a_person_of_another_estate_but_never_renames_them(
    cast, import_estate
) -> None:
    """A manager's file for their estate names, by phone, a person who lives in another estate
    (the cast's resident of A1) under another name and ID number: the person is linked to the
    unit, their name and ID number stay as that estate knows them (an estate-scoped manager
    would otherwise be editing another estate's people)."""
    resident = Person.objects.get(phone="13700001111")
    before = (resident.full_name, resident.id_number, resident.updated_at)

    job = _import(
        import_estate,
        xlsx(
            [{"building": "1"}],
            [
                unit(
                    owner_name="冒名顶替",
                    owner_phone="13700001111",
                    owner_id_number="11010119900307123X",
                )
            ],
        ),
    )

    resident.refresh_from_db()
    assert (resident.full_name, resident.id_number, resident.updated_at) == before
    assert job.summary["people"] == {"created": 0, "updated": 0, "unchanged": 1}
    new_unit = Unit.objects.get(estate=import_estate)
    assert OwnerRecord.objects.filter(unit=new_unit, person=resident).exists()


def test_the_export_imports_back_as_unchanged(import_estate) -> None:
    _import(import_estate, _rich_file())
    # Rows made elsewhere, phone typed with spaces: still one person on re-import.
    building = Building.objects.get(estate=import_estate, name="1")
    extra = Unit.objects.create(
        estate=import_estate, building=building, number="1001", floor=10, area=Decimal("66.6")
    )
    person = Person.objects.create(full_name="钱七", phone="139 1234 0000")
    OwnerRecord.objects.create(unit=extra, person=person, share=Decimal("100"))
    before = _portfolio()

    export = estate_export_xlsx(estate=import_estate, masking=FULL_VIEW)
    job = import_preview(estate=import_estate, filename="导出.xlsx", content=export, user=None)

    assert job.errors == []
    assert set(_counts(job, "created").values()) == {0}
    assert set(_counts(job, "updated").values()) == {0}
    assert _counts(job, "unchanged") == {
        "buildings": 2,
        "units": 5,
        "people": 7,
        "owner_records": 5,
        "occupancies": 2,
    }
    assert import_commit(job=job, user=None).status == "done"
    assert _portfolio() == before
    units = rows_of(export, UNITS_SHEET)
    assert [r[:2] for r in units[1:]] == [  # natural order; co-owners on two rows
        ("1", "101"),
        ("1", "101"),
        ("1", "102"),
        ("1", "1001"),
        ("2号楼", "B-01"),
        ("2号楼", "S1"),
    ]
    assert {r[-1] for r in units[1:]} == {import_estate.code}


# --- CSV -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gbk"])
def test_csv_in_utf8_with_or_without_bom_and_in_gbk_imports_units(import_estate, encoding) -> None:
    Building.objects.create(estate=import_estate, name="1号楼", floors=6)
    rows = [
        unit("1号楼", "101", use="商铺", owner_name="欧阳娜娜", owner_phone="13800138000"),
        unit("1号楼", "102", area="75.25", occupant_name="诸葛亮", occupant_kind="住户"),
    ]

    job = _import(import_estate, csv_bytes(rows, encoding), filename="房屋.csv")

    assert job.status == "done"
    assert job.summary["units"]["created"] == 2
    assert Unit.objects.get(estate=import_estate, number="101").use == "shop"
    assert Person.objects.filter(full_name__in=["欧阳娜娜", "诸葛亮"]).count() == 2


def test_csv_may_only_name_buildings_the_estate_has(import_estate) -> None:
    Building.objects.create(estate=import_estate, name="1", floors=6)
    content = csv_bytes([unit("1", "101"), unit("2", "201")], "utf-8-sig")

    job = import_preview(estate=import_estate, filename="u.csv", content=content, user=None)

    assert job.errors == [
        {
            "sheet": UNITS_SHEET,
            "row": 3,
            "field": "building",
            "message": "未知楼栋：2",
        }
    ]


# --- size: background run, progress, 10,000 units -------------------------------------------


def _many(count: int, buildings: int = 1) -> list[dict]:
    rows = []
    for i in range(count):
        rows.append(
            unit(
                str(i % buildings + 1),
                f"{i // buildings + 1:05d}",
                floor=(i // buildings) // 20 + 1,
                area=f"{60 + i % 90}.{i % 100:02d}",
                owner_name=f"业主{i}",
                owner_phone=f"13{i:09d}",
                **({"occupant_name": f"租户{i}", "occupant_kind": "租户"} if i % 2 else {}),
            )
        )
    return rows


def test_a_large_file_is_queued_after_commit_and_the_task_completes_it(
    import_estate, django_capture_on_commit_callbacks, monkeypatch
) -> None:
    Building.objects.create(estate=import_estate, name="1")
    job = import_preview(
        estate=import_estate, filename="big.csv", content=csv_bytes(_many(2_001), "gbk"), user=None
    )
    before = _portfolio()

    with django_capture_on_commit_callbacks() as callbacks:
        job = import_commit(job=job, user=None)

    assert job.status == "queued"
    assert _portfolio() == before  # nothing yet: the worker does it
    assert import_progress(job=job) == {
        "status": "queued",
        "total_rows": 2_001,
        "processed_rows": 0,
        "percent": 0,
    }
    assert len(callbacks) == 1  # publishing the outbox row written with the job
    (message,) = OutboxMessage.objects.filter(task="estates.run_import")
    assert message.args == [job.pk] and message.done_at is None

    published = []
    cache = services.cache

    class Spy:  # records every progress value the run publishes
        def set(self, key, value, *args, **kwargs):
            published.append(dict(value))
            return cache.set(key, value, *args, **kwargs)

        def get(self, key, *args, **kwargs):
            return cache.get(key, *args, **kwargs)

    monkeypatch.setattr(services, "cache", Spy())
    # what the worker runs for the row, in this process
    assert outbox_services.deliver(message_id=message.pk) == "done"
    assert ImportJob.objects.get(pk=job.pk).status == "done"

    running = [p["processed_rows"] for p in published if p["status"] == "running"]
    assert len(running) > 4 and running == sorted(running)
    assert 0 < running[len(running) // 2] < 2_001
    assert import_progress(job=job)["percent"] == 100
    assert Unit.objects.filter(estate=import_estate).count() == 2_001
    assert Occupancy.objects.filter(unit__estate=import_estate, kind="tenant").count() == 1_000


def test_progress_during_a_run_comes_from_the_cache(import_estate) -> None:
    job = import_preview(
        estate=import_estate,
        filename="u.xlsx",
        content=xlsx([{"building": "1"}], [unit()]),
        user=None,
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running", total_rows=1_000)
    job.refresh_from_db()

    services._publish(job, 250)

    assert import_progress(job=job) == {
        "status": "running",
        "total_rows": 1_000,
        "processed_rows": 250,
        "percent": 25,
    }


def test_ten_thousand_units_import_completely(import_estate) -> None:
    rows = _many(10_000, buildings=20)
    content = xlsx([{"building": str(b), "floors": 25} for b in range(1, 21)], rows)

    job = import_preview(estate=import_estate, filename="万户.xlsx", content=content, user=None)
    assert job.errors == [] and job.total_rows == 10_020
    job = import_commit(job=job, user=None)
    assert job.status == "queued"
    job = import_run(job_id=job.pk)

    assert job.status == "done"
    expected = {
        "buildings": 20,
        "units": 10_000,
        "people": 15_000,
        "owner_records": 10_000,
        "occupancies": 5_000,
    }
    assert _counts(job) == expected
    assert Building.objects.filter(estate=import_estate).count() == 20
    assert Unit.objects.filter(estate=import_estate).count() == 10_000
    assert OwnerRecord.objects.filter(unit__estate=import_estate).count() == 10_000
    assert Occupancy.objects.filter(unit__estate=import_estate).count() == 5_000
    assert (
        Person.objects.filter(phone__startswith="13", full_name__startswith="业主").count()
        == 10_000
    )


def test_a_real_worker_completes_a_queued_import(cast, celery_worker, django_db_blocker) -> None:
    with django_db_blocker.unblock(), schema_context(cast.a.schema):
        estate = Estate.objects.create(name="队列花园", code="IMPW", join_code="join-impw-fixed")
        job = None
        try:
            Building.objects.create(estate=estate, name="1")
            content = csv_bytes(_many(2_001), "utf-8-sig")
            job = import_preview(estate=estate, filename="big.csv", content=content, user=None)
            job = import_commit(job=job, user=None)  # committed: the task is sent now
            assert job.status == "queued"
            deadline = time.monotonic() + 90
            while import_progress(job=job)["status"] in ("queued", "running"):
                assert time.monotonic() < deadline, celery_worker.log.read_text()[-3000:]
                time.sleep(0.2)

            assert import_progress(job=job)["percent"] == 100
            assert ImportJob.objects.get(pk=job.pk).status == "done"
            assert Unit.objects.filter(estate=estate).count() == 2_001
        finally:  # this test committed; the others roll back
            people = list(
                Person.objects.filter(owner_records__unit__estate=estate).values_list(
                    "pk", flat=True
                )
            ) + list(
                Person.objects.filter(occupancies__unit__estate=estate).values_list("pk", flat=True)
            )
            if job is not None:
                job.file.delete(save=False)
            estate.delete()
            Person.objects.filter(pk__in=people).delete()


# --- firm isolation ------------------------------------------------------------------------------


def test_an_import_job_and_its_file_stay_inside_the_firm(cast, import_estate, import_media) -> None:
    job = import_preview(
        estate=import_estate,
        filename="u.xlsx",
        content=xlsx([{"building": "1"}], [unit()]),
        user=None,
    )
    services._publish(job, 0)

    assert job.file.path.startswith(str(import_media / cast.a.schema / "imports") + "/")
    assert default_storage.exists(job.file.name)
    with schema_context(cast.b.schema):
        assert not ImportJob.objects.filter(pk=job.pk).exists()
        assert not default_storage.exists(job.file.name)
        assert services.cache.get(services._progress_key(job.pk)) is None


# --- pure rules ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [
        ("13912345678", "13912345678"),
        ("139 1234 5678", "13912345678"),
        ("+86 139-1234-5678", "13912345678"),
        ("8613912345678", "13912345678"),
        ("010-12345678", "010-12345678"),
        ("(0571) 8765 4321", "0571-87654321"),
        ("02112345678", "021-12345678"),
        ("１３８ ００１３ ８０００", "13800138000"),  # typed with a full-width input method
        ("12345", None),
        ("1391234567", None),
        ("23912345678", None),
    ],
)
def test_phone_numbers_are_normalized_to_one_form(raw, normalized) -> None:
    assert rules.normalize_phone(raw) == normalized


@pytest.mark.parametrize(
    ("raw", "ok"),
    [(89.5, True), ("89.50", True), (1, True), ("99999.99", True), ("８９．５", True),
     ("89.5㎡", True), ("89.5 平米", True), (0, False), ("-1", False), ("100000", False),
     ("12.345", False), ("八十", False), (True, False), ("nan", False), ("1e3", True)],
)  # fmt: skip
def test_area_is_positive_below_100000_with_two_decimals_at_most(raw, ok) -> None:
    if ok:
        assert rules.area(raw) > 0
    else:
        with pytest.raises(rules.CellError):
            rules.area(raw)
