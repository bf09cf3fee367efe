"""Estates end to end, in real Chromium.

Firm A's admin creates an estate, downloads the import template, fills it in (buildings,
units, owners), uploads it, reads the preview, commits it and sees the units. They then seat
a committee member by e-mail; the new member accepts the invitation in a fresh browser and
sees that estate, and only that one.
"""

from __future__ import annotations

import time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from estates.importing.columns import header_key
from tests.helpers import PASSWORD

from .conftest import links_in, screenshot

pytestmark = pytest.mark.e2e

MAIL_TIMEOUT_S = 20
IMPORT_TIMEOUT_MS = 30_000
# Fixed, and unlike the member's e-mail and name: Django refuses a password "too similar" to
# them (a random e-mail suffix once made this test fail by chance).
MEMBER_EMAIL = "zhou.committee@e2e.test"
MEMBER_NAME = "周委员"
NEW_PASSWORD = "Qiuyue#Lake-2026"
ESTATE_CODE = "E2EIMP"
# Phones no other test uses; the test deletes the people it imported.
PHONES = [f"1390007{n:04d}" for n in range(7)]

BUILDINGS = [("1号楼", 6), ("2号楼", 6)]
# (building, unit, floor, area, owner)
UNITS = [
    ("1号楼", "101", 1, 89.5, "张伟"),
    ("1号楼", "102", 1, 76.25, "王芳"),
    ("1号楼", "201", 2, 89.5, "李娜"),
    ("2号楼", "101", 1, 120, "刘洋"),
    ("2号楼", "102", 1, 98.4, "陈静"),
    ("2号楼", "201", 2, 120, "杨磊"),
]
TENANT = "赵敏"  # rents 2号楼-201


def log_in(page: Page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/login")
    page.get_by_test_id("field-email").fill(email)
    page.get_by_test_id("field-password").fill(password)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(lambda url: "/login" not in url)


def shot(page: Page, name: str) -> None:
    """A full-page screenshot from the top: scrolled, the sticky header would land mid-page."""
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, name)


def sheet_ending(workbook: Any, suffix: str) -> Any:
    titles = [ws.title for ws in workbook.worksheets]
    matches = [ws for ws in workbook.worksheets if ws.title.endswith(suffix)]
    assert len(matches) == 1, f"no single sheet named '… {suffix}' in the template: {titles}"
    return matches[0]


def fill_sheet(sheet: Any, rows: list[dict[str, object]]) -> None:
    """Replace the template's example row with `rows`, placed by the header's field keys
    ("楼栋" -> building): whatever the column order, as a user copying data in."""
    keys = [header_key(cell.value) or "" for cell in sheet[1]]
    for row in rows:
        unknown = set(row) - set(keys)
        assert not unknown, f"the template's {sheet.title} sheet has no column for {unknown}"
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(key) for key in keys])


def fill_template(template: Path, out: Path, phones: list[str]) -> None:
    """The template filled in: owners get phones[0..5], the tenant of the last unit phones[6]."""
    workbook = load_workbook(template)
    units: list[dict[str, object]] = [
        {
            "building": building,
            "unit": unit,
            "floor": floor,
            "area": area,
            "use": "住宅",
            "owner_name": owner,
            "owner_phone": phone,
            "owner_share": 100,
        }
        for (building, unit, floor, area, owner), phone in zip(UNITS, phones, strict=False)
    ]
    units[-1].update(occupant_name=TENANT, occupant_phone=phones[-1], occupant_kind="租户")
    fill_sheet(
        sheet_ending(workbook, "楼栋"),  # the admin's language: Chinese titles and headers
        [{"building": name, "floors": floors} for name, floors in BUILDINGS],
    )
    fill_sheet(sheet_ending(workbook, "房屋"), units)
    workbook.save(out)


def wait_for_mail_link(to: str, path: str) -> str:
    """The link to `path` in the e-mail the live server thread sent to `to` (locmem outbox:
    the server runs in this process)."""
    from django.core import mail

    deadline = time.monotonic() + MAIL_TIMEOUT_S
    while True:
        for message in list(mail.outbox):
            if to in message.to:
                texts = [message.body] + [body for body, _ in getattr(message, "alternatives", [])]
                found = {link for text in texts for link in links_in(text) if path in link}
                assert len(found) == 1, message.body
                return found.pop()
        if time.monotonic() > deadline:
            sent = [m.to for m in mail.outbox]
            pytest.fail(f"no e-mail to {to} (mails to: {sent})")
        time.sleep(0.25)


def test_the_new_members_password_passes_the_password_validators() -> None:
    from django.contrib.auth.password_validation import validate_password

    from accounts.models import User

    validate_password(NEW_PASSWORD, user=User(email=MEMBER_EMAIL, full_name=MEMBER_NAME))
    assert len(set(PHONES)) == len(PHONES) >= len(UNITS) + 1


def test_admin_imports_an_estate_and_its_new_committee_member_sees_only_that_estate(
    db, cast, e2e_server, frontend_built, new_context, tmp_path
):
    from django.core import mail
    from django.utils import timezone

    code = ESTATE_CODE
    name = "端到端花园"
    member_email = MEMBER_EMAIL
    member_name = MEMBER_NAME
    phones = PHONES[: len(UNITS) + 1]
    firm = e2e_server.firm_url(cast.a.slug)
    today = timezone.localdate()
    term_start, term_end = today - timedelta(days=7), today + timedelta(days=3 * 365)
    try:
        # --- the firm admin creates the estate ---------------------------------------------
        admin = new_context()
        page = admin.new_page()
        log_in(page, firm, cast.a.admin.email, PASSWORD)
        page.goto(f"{firm}/estates")
        page.get_by_test_id("new-estate").click()
        page.get_by_test_id("field-name").fill(name)
        page.get_by_test_id("field-code").fill(code)
        page.get_by_test_id("field-city").fill("上海")
        page.get_by_test_id("field-district").fill("闵行区")
        page.get_by_test_id("field-address").fill("莘庄镇端到端路 1 号")
        page.get_by_test_id("estate-submit").click()
        expect(page.get_by_test_id("estate-name")).to_have_text(name)

        # ...and finds it in the list
        page.goto(f"{firm}/estates")
        page.get_by_test_id(f"estate-row-{code}").click()
        expect(page.get_by_test_id("estate-name")).to_have_text(name)

        # --- import: template -> filled in -> preview -> commit ------------------------------
        page.get_by_test_id("estate-tab-import").click()
        with page.expect_download() as download_info:
            page.get_by_test_id("download-template").click()
        download = download_info.value
        assert download.suggested_filename.endswith(".xlsx"), download.suggested_filename
        template = tmp_path / "template.xlsx"
        download.save_as(template)
        filled = tmp_path / f"{code}-units.xlsx"
        fill_template(template, filled, phones)

        page.get_by_test_id("import-file").set_input_files(filled)
        preview = page.get_by_test_id("import-preview")
        expect(page.get_by_test_id("import-status")).to_have_attribute("data-status", "previewed")
        expect(preview.get_by_test_id("import-error-row")).to_have_count(0)
        expect(page.get_by_test_id("import-upload-error")).to_have_count(0)
        expect(page.get_by_test_id("import-commit")).to_be_enabled()
        shot(page, "estates-import-preview")

        page.get_by_test_id("import-commit").click()
        done = page.locator(
            "[data-testid='import-status'][data-status='done'],"
            " [data-testid='import-status'][data-status='failed']"
        )
        done.wait_for(timeout=IMPORT_TIMEOUT_MS)
        assert page.get_by_test_id("import-status").get_attribute("data-status") == "done", (
            preview.inner_text()
        )
        shot(page, "estates-import-done")
        summary = _import_summary(cast.a.schema, code)
        assert summary["buildings"]["created"] == len(BUILDINGS), summary
        assert summary["units"]["created"] == len(UNITS), summary
        assert summary["owner_records"]["created"] == len(UNITS), summary
        assert summary["occupancies"]["created"] == 1, summary

        # --- the units are there, with their owners ------------------------------------------
        page.get_by_test_id("estate-tab-units").click()
        rows = page.get_by_test_id("unit-row")
        expect(rows).to_have_count(len(UNITS))
        for building, unit, _, _, owner in UNITS:
            expect(rows.filter(has_text=building).filter(has_text=unit)).not_to_have_count(0)
            expect(rows.filter(has_text=owner)).to_have_count(1)
        shot(page, "estates-units")

        # --- the committee: read-only for the firm; a confirmed filing seats a member -------
        mail.outbox.clear()
        page.get_by_test_id("estate-tab-committee").click()
        expect(page.get_by_test_id("committee-table")).to_be_visible()
        expect(page.get_by_test_id("add-committee-member")).to_have_count(0)
        _seat_by_filing(cast.a.schema, code, member_email, member_name, term_start, term_end)
        page.reload()
        page.get_by_test_id("estate-tab-committee").click()
        member_row = page.get_by_test_id("committee-table").locator("tr", has_text=member_email)
        expect(member_row).to_contain_text(member_name)
        expect(member_row).to_contain_text("副主任")
        expect(page.get_by_test_id("end-committee-member")).to_have_count(0)
        shot(page, "estates-committee")

        link = wait_for_mail_link(member_email, "/invite/")
        assert link.startswith(f"{firm}/invite/"), link

        # --- the new member accepts the invitation and sees only this estate -----------------
        member = new_context()
        home = member.new_page()
        home.goto(link)
        expect(home.get_by_test_id("invite-email")).to_have_text(member_email)
        expect(home.get_by_test_id("field-full_name")).to_have_value(member_name)
        home.get_by_test_id("field-password").fill(NEW_PASSWORD)
        home.get_by_test_id("field-password_confirm").fill(NEW_PASSWORD)
        home.get_by_test_id("invite-submit").click()
        expect(home.get_by_test_id("current-user")).to_contain_text(member_email)

        home.goto(f"{firm}/estates")
        expect(home.get_by_test_id(f"estate-row-{code}")).to_be_visible()
        expect(home.locator("[data-testid^='estate-row-']")).to_have_count(1)
        for other in cast.a.estates:
            expect(home.get_by_test_id(f"estate-row-{other}")).to_have_count(0)
        shot(home, "estates-committee-member-list")

        # the estate opens for them; firm-only sections (import) are not offered
        home.get_by_test_id(f"estate-row-{code}").click()
        expect(home.get_by_test_id("estate-name")).to_have_text(name)
        expect(home.get_by_test_id("estate-tab-import")).to_have_count(0)
        home.get_by_test_id("estate-tab-units").click()
        expect(home.get_by_test_id("unit-row")).to_have_count(len(UNITS))
    finally:
        _clean_up(cast.a.schema, code=code, member_email=member_email, phones=phones)


def _seat_by_filing(
    schema: str, code: str, email: str, name: str, term_start: Any, term_end: Any
) -> None:
    """The estate's owners filed their committee and the platform confirmed it (the filing
    form and the review queue have their own browser test: tests/e2e/test_committee_filing)."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from committee.demo import seed_confirmed_filing
    from estates.models import Estate

    with schema_context(schema):
        seed_confirmed_filing(
            estate=Estate.objects.get(code=code),
            members=[(email, name, "vice_chair")],
            number=f"{code}-备-E2E",
            term_start=term_start,
            term_end=term_end,
        )
    connection.set_schema_to_public()


def _import_summary(schema: str, code: str) -> dict[str, Any]:
    from django.db import connection
    from django_tenants.utils import schema_context

    from estates.models import ImportJob

    with schema_context(schema):
        job = ImportJob.objects.filter(estate__code=code).get()
        assert job.status == "done" and not job.errors, (job.status, job.errors)
        summary = dict(job.summary)
    connection.set_schema_to_public()
    return summary


def _clean_up(schema: str, *, code: str, member_email: str, phones: list[str]) -> None:
    """Everything this test committed in firm A: the member's account, the imported people,
    the estate (its buildings, units, records, committee and import jobs with their files)."""
    from django.db import connection
    from django_tenants.utils import schema_context

    from accounts.models import User
    from estates.models import Estate, Person
    from tenants.models import CommitteeFiling

    CommitteeFiling.objects.filter(number=f"{code}-备-E2E").delete()
    with schema_context(schema):
        User.objects.filter(email__iexact=member_email).delete()
        Person.objects.filter(phone__in=phones).delete()
        estate = Estate.objects.filter(code=code).first()
        if estate is not None:
            for job in estate.imports.all():
                if job.file:
                    job.file.delete(save=False)
            estate.delete()
    connection.set_schema_to_public()
