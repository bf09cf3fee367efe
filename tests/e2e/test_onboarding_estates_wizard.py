"""Estate onboarding by the platform, end to end in real Chromium (#14 §5): from firm A's page
in the console the platform admin starts "小区上线", which asks the firm for support access;
the firm's admin grants it; the console then opens the wizard inside the firm under the grant.
There the platform admin creates an estate, imports its building and units from the template
(the firm's own preview and commit), reads the estate's units in the step's progress and
invites an estate manager for it. Residents' phones stay masked throughout; the firm's admin
finds every change in the audit log under the support identity and its grant.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pgtrigger
import pytest
from django.db import connection
from django_tenants.utils import schema_context
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.helpers import PASSWORD

from .test_complaints_loop import log_in, shot
from .test_estates_import import fill_sheet, sheet_ending

pytestmark = pytest.mark.e2e

IMPORT_TIMEOUT_MS = 30_000
CODE = "E2EWIZ"
NAME = "星河湾"
MANAGER_EMAIL = "xu.manager@e2e-wizard.test"
MANAGER_NAME = "徐经理"
# (unit, floor, area, owner, phone): phones no other test uses
UNITS = [
    ("101", 1, 88.5, "孙丽", "13900081001"),
    ("102", 1, 92, "周强", "13900081002"),
    ("201", 2, 88.5, "吴敏", "13900081003"),
]


def fill_template(template: Path, out: Path) -> None:
    workbook = load_workbook(template)
    fill_sheet(sheet_ending(workbook, "楼栋"), [{"building": "1号楼", "floors": 6}])
    fill_sheet(
        sheet_ending(workbook, "房屋"),
        [
            {
                "building": "1号楼",
                "unit": unit,
                "floor": floor,
                "area": area,
                "use": "住宅",
                "owner_name": owner,
                "owner_phone": phone,
                "owner_share": 100,
            }
            for unit, floor, area, owner, phone in UNITS
        ],
    )
    workbook.save(out)


@pytest.fixture
def clean_onboarding(cast) -> Iterator[None]:
    """What the test commits in firm A: the manager, the imported people, the estate (with its
    buildings, units and import files), and (lifting pgtrigger for firm A's rows only) the
    support records and the support identity."""
    from accounts.models import User
    from estates.models import Estate, Person
    from tenants.models import Firm, SupportGrant, SupportPreapproval

    yield
    with schema_context(cast.a.schema):
        User.objects.filter(email__iexact=MANAGER_EMAIL).delete()
        Person.objects.filter(phone__in=[u[4] for u in UNITS]).delete()
        for estate in Estate.objects.filter(code=CODE):
            for job in estate.imports.all():
                if job.file:
                    job.file.delete(save=False)
            estate.delete()
    firm = Firm.objects.get(schema_name=cast.a.schema)
    with pgtrigger.ignore():
        SupportGrant.objects.filter(firm=firm).delete()
        SupportPreapproval.objects.filter(firm=firm).delete()
    with schema_context(cast.a.schema):
        User.objects.filter(platform_user_id__isnull=False).delete()
    connection.set_schema_to_public()


def test_the_platform_onboards_an_estate_for_a_firm_under_support_access(
    db, cast, e2e_server, frontend_built, new_context, clean_onboarding, tmp_path
) -> None:
    from tenants.models import Firm

    firm_url = e2e_server.firm_url(cast.a.slug)
    firm_id = Firm.objects.get(schema_name=cast.a.schema).pk

    # --- the console: "小区上线" asks the firm for support access ---------------------------------
    platform = new_context().new_page()
    log_in(platform, e2e_server.platform_url, cast.platform_admin.email, PASSWORD)
    platform.goto(f"{e2e_server.platform_url}/platform/firms/{firm_id}")
    card = platform.get_by_test_id("firm-onboard")
    expect(card.get_by_test_id("onboard-reason")).to_have_value(
        "小区上线：建立小区、导入房屋、邀请员工"
    )
    card.get_by_test_id("onboard-ask").click()
    expect(card.get_by_test_id("onboard-waiting")).to_contain_text("等待该公司管理员批准")

    # --- the firm's admin grants it ------------------------------------------------------------
    office = new_context().new_page()
    log_in(office, firm_url, cast.a.admin.email, PASSWORD)
    office.goto(f"{firm_url}/support")
    pending = office.get_by_test_id("support-pending")
    expect(pending).to_contain_text("小区上线")
    pending.locator("[data-testid^=support-approve-]").click()
    expect(office.get_by_test_id("support-running")).to_contain_text("进行中")

    # --- the console opens the wizard inside the firm, under the grant --------------------------
    platform.reload()
    platform.get_by_test_id("firm-onboard").get_by_test_id("onboard-start").click()
    platform.wait_for_url(f"{firm_url}/support/onboarding?step=*")
    expect(platform.get_by_test_id("support-acting-bar")).to_contain_text(
        "您正在以平台支持身份访问"
    )
    grant_id = Firm.objects.get(pk=firm_id).support_grants.get(status="active").pk

    # step 1: the estate, made with the estates screen's form
    platform.get_by_test_id("onboarding-steps").get_by_text("建立小区", exact=True).click()
    form = platform.get_by_test_id("wizard-new-estate")
    form.get_by_test_id("field-name").fill(NAME)
    form.get_by_test_id("field-code").fill(CODE)
    form.get_by_test_id("field-city").fill("上海")
    form.get_by_test_id("estate-submit").click()
    made = platform.get_by_test_id(f"wizard-estate-{CODE}")
    expect(made).to_contain_text(NAME)
    expect(made).to_contain_text("尚未导入")

    # step 2: its building and units, through the firm's own preview and commit
    platform.get_by_test_id("onboarding-next").click()
    platform.get_by_test_id(f"wizard-import-open-{CODE}").click()
    step = platform.get_by_test_id("wizard-import-estate")
    expect(step).to_contain_text(NAME)
    with platform.expect_download() as download_info:
        step.get_by_test_id("download-template").click()
    template = tmp_path / "template.xlsx"
    download_info.value.save_as(template)
    filled = tmp_path / f"{CODE}.xlsx"
    fill_template(template, filled)
    step.get_by_test_id("import-file").set_input_files(filled)
    expect(step.get_by_test_id("import-status")).to_have_attribute("data-status", "previewed")
    expect(step.get_by_test_id("import-error-row")).to_have_count(0)
    expect(step.get_by_test_id("import-rows")).to_have_text("共 4 行数据")  # a building, 3 units
    step.get_by_test_id("import-commit").click()
    step.locator(
        "[data-testid='import-status'][data-status='done'],"
        " [data-testid='import-status'][data-status='failed']"
    ).wait_for(timeout=IMPORT_TIMEOUT_MS)
    assert step.get_by_test_id("import-status").get_attribute("data-status") == "done"
    expect(
        platform.get_by_test_id(f"wizard-import-{CODE}").get_by_test_id("wizard-units")
    ).to_have_text("3 套房屋")
    shot(platform, "onboarding-wizard-import")

    # the owners it imported: masked for the platform, as everywhere under support access
    estate_id = int(step.get_attribute("data-estate") or 0)
    people = platform.evaluate(
        f"() => fetch('/api/v1/people/?estate={estate_id}').then((r) => r.json())"
    )["results"]
    phones = {p["phone"] for p in people}
    assert phones == {"139****1001", "139****1002", "139****1003"}, phones

    # step 3: an estate manager, invited and assigned to the new estate
    platform.get_by_test_id("onboarding-next").click()
    invite = platform.get_by_test_id("wizard-invite")
    invite.get_by_test_id("field-email").fill(MANAGER_EMAIL)
    invite.get_by_test_id("field-full_name").fill(MANAGER_NAME)
    invite.get_by_label(NAME).check()
    invite.get_by_test_id("invite-submit").click()
    expect(platform.get_by_test_id(f"wizard-staff-{CODE}")).to_contain_text(MANAGER_NAME)
    shot(platform, "onboarding-wizard-invite")

    # leaving and coming back: the wizard picks up where the firm's data is
    platform.goto(f"{firm_url}/")
    platform.get_by_test_id("support-onboarding-link").click()
    platform.wait_for_url("**/support/onboarding?step=*")
    expect(platform.get_by_test_id("onboarding-step-estates")).not_to_have_text("已建立 0 个小区")
    platform.get_by_test_id("onboarding-steps").get_by_text("完成", exact=True).click()
    expect(platform.get_by_test_id(f"wizard-summary-{CODE}")).to_have_text(
        f"{NAME}：3 套房屋，项目经理 1 人，物业员工 0 人"
    )

    # --- the firm's admin reads it all in the audit log, under the support identity ------------
    office.goto(f"{firm_url}/audit")
    log = office.get_by_test_id("audit-table")
    expect(log).to_contain_text(f"平台支持访问 #{grant_id}")
    expect(log).to_contain_text(f"平台支持 {cast.platform_admin.email}")
    expect(log).to_contain_text(NAME)
    expect(log).to_contain_text(f"员工分配{MANAGER_NAME} · 项目经理新建{NAME}")
    shot(office, "onboarding-wizard-audit")
