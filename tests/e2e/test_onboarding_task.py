"""Onboarding through a real Celery worker: the status the platform console polls goes
pending -> ready. Lives beside the browser tests because the worker only sees committed data
(`db` in this folder is committed access; the test cleans up after itself)."""

from __future__ import annotations

import time

import pytest
from django.db import connection

from tenants.models import Domain, Firm
from tenants.services import FirmInput, firm_onboard

pytestmark = pytest.mark.e2e  # commits data: runs with the other live tests, last


def test_onboarding_task_reports_ready_through_a_real_worker(db, cast, celery_worker) -> None:
    firm = firm_onboard(
        data=FirmInput(name="任务物业", slug="by-task", admin_email="a@by-task.test"),
        provision="task",
    )
    try:
        assert firm.provisioning_status == "pending"
        deadline = time.monotonic() + 60
        while Firm.all_objects.get(pk=firm.pk).provisioning_status == "pending":
            assert time.monotonic() < deadline, celery_worker.log.read_text()[-3000:]
            time.sleep(0.2)
        assert Firm.all_objects.get(pk=firm.pk).provisioning_status == "ready"
        assert Domain.objects.filter(domain="by-task.localhost").exists()
        mails = list(celery_worker.mail_dir.glob("*.log"))
        assert any("a@by-task.test" in m.read_text(encoding="utf-8") for m in mails)
    finally:
        with connection.cursor() as cursor:
            cursor.execute('DROP SCHEMA IF EXISTS "firm_by_task" CASCADE')
        Domain.objects.filter(tenant_id=firm.pk).delete()
        Firm.all_objects.filter(pk=firm.pk).delete()
