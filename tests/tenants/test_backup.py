"""One firm's backup and restore (`manage.py firm_backup` / `firm_restore`): a real pg_dump of
its schema and a copy of its files, restored beside the live firm under a new slug and compared
row by row. These tests commit (pg_dump sees only committed rows) and clean up after."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import override_settings
from django_tenants.utils import schema_context

from tenants.backup import database_url, table_rows
from tenants.models import Domain, Firm
from tests.helpers import Person, login, make_firm, make_portfolio

CONTRACT = "合同/物业服务合同.txt".encode()


def _drop(slug: str) -> None:
    firm = Firm.all_objects.filter(slug=slug).first()
    schema = firm.schema_name if firm else f"firm_{slug.replace('-', '_')}"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    if firm is not None:
        Domain.objects.filter(tenant=firm).delete()
        firm.delete()


def test_a_backup_names_a_ready_firm_and_an_empty_directory(db, cast, tmp_path) -> None:
    """(Also the first test of this module: it creates the test database and the cast, which the
    committing tests below use without pytest-django's per-test transaction.)"""
    with pytest.raises(CommandError, match="no ready firm"):
        call_command("firm_backup", "no-such-firm", str(tmp_path / "x"))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "old.txt").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("firm_backup", "firm-a", str(tmp_path / "full"))
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["old.txt"]


@pytest.fixture(scope="module")
def backed_up_firm(cast, django_db_blocker, tmp_path_factory) -> Iterator[Path]:
    """Firm `firm-bk` with people, an estate, its committee and a file, backed up (once: a
    firm's schema takes a while to migrate)."""
    tmp_path = tmp_path_factory.mktemp("firm-backup")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path / "media"):
        try:
            bk = make_firm("firm-bk", [("admin", "firm_admin"), ("resident", "resident")])
            make_portfolio(bk, ["K1"])
            with schema_context(bk.schema):
                default_storage.save("contracts/2026/service.txt", ContentFile(CONTRACT))
            connection.set_schema_to_public()
            call_command("firm_backup", "firm-bk", str(tmp_path / "backup"))
            yield tmp_path / "backup"
        finally:
            connection.set_schema_to_public()
            _drop("firm-bk2")
            _drop("firm-bk")


@contextmanager
def _restored_firm_dropped() -> Iterator[None]:
    try:
        yield
    finally:
        connection.set_schema_to_public()
        _drop("firm-bk2")


def test_a_firm_restored_beside_the_live_one_has_every_row_and_file(
    cast, backed_up_firm, django_db_blocker
) -> None:
    url = database_url()
    with django_db_blocker.unblock(), _restored_firm_dropped():
        others_before = {s: table_rows(url, s) for s in (cast.a.schema, cast.b.schema)}
        call_command("firm_restore", str(backed_up_firm), "--as", "firm-bk2")

        original = table_rows(url, "firm_firm_bk")
        restored = table_rows(url, "firm_firm_bk2")
        assert set(restored) == set(original)
        assert len(original) > 50
        for table, rows in original.items():
            assert restored[table] == rows, table
        assert sum(len(r) for r in original.values()) > 100  # people, estate, units, committee

        firm = Firm.objects.get(slug="firm-bk2")
        assert firm.schema_name == "firm_firm_bk2"
        assert firm.name == Firm.objects.get(slug="firm-bk").name
        assert list(Domain.objects.filter(tenant=firm).values_list("domain", flat=True)) == [
            "firm-bk2.localhost"
        ]
        with (
            schema_context(firm.schema_name),
            default_storage.open("contracts/2026/service.txt", "rb") as f,
        ):
            assert f.read() == CONTRACT
        connection.set_schema_to_public()

        # The restored firm works: its resident signs in on its own host.
        resident = Person(
            email="resident@firm-bk.test",
            role="resident",
            host="firm-bk2.localhost",
            schema=firm.schema_name,
        )
        me = login(resident).get("/api/v1/auth/me/")
        assert me.status_code == 200, me.content

        # Other firms were neither read into the backup nor changed by the restore.
        assert {s: table_rows(url, s) for s in (cast.a.schema, cast.b.schema)} == others_before
        assert "firm_firm_a" not in (backed_up_firm / "schema.dump").read_bytes().decode("latin-1")


def test_a_restore_never_overwrites_a_live_firm(cast, backed_up_firm, django_db_blocker) -> None:
    url = database_url()
    with django_db_blocker.unblock():
        before = table_rows(url, "firm_firm_bk")
        with pytest.raises(CommandError, match="taken"):
            call_command("firm_restore", str(backed_up_firm))  # its own slug: live
        with pytest.raises(CommandError, match="taken"):
            call_command("firm_restore", str(backed_up_firm), "--as", "firm-a")
        assert table_rows(url, "firm_firm_bk") == before
        assert not Firm.all_objects.filter(slug="firm-bk2").exists()


def test_a_tampered_backup_is_refused(cast, backed_up_firm, django_db_blocker, tmp_path) -> None:
    forged = tmp_path / "forged"
    shutil.copytree(backed_up_firm, forged)
    (forged / "files" / "contracts" / "2026" / "service.txt").write_bytes(b"forged")
    with django_db_blocker.unblock(), pytest.raises(CommandError, match="does not match"):
        call_command("firm_restore", str(forged), "--as", "firm-bk2")
    with django_db_blocker.unblock():
        assert not Firm.all_objects.filter(slug="firm-bk2").exists()


def test_a_firm_restores_into_a_fresh_database(
    cast, backed_up_firm, django_db_blocker, settings, tmp_path
) -> None:
    """Another database with only the platform's public tables (no firm): the firm arrives
    under its own slug and schema, every row equal, its file in this process's storage."""
    settings.MEDIA_ROOT = tmp_path / "media"
    url = database_url()
    fresh = f"linli_fresh_{uuid.uuid4().hex[:8]}"
    fresh_url = urlunparse(urlparse(url)._replace(path="/" + fresh))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{fresh}"')
    with psycopg.connect(fresh_url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")  # the dump below creates it
    try:
        public = subprocess.run(
            ["pg_dump", "--schema-only", "--schema=public", "--no-owner", f"--dbname={url}"],
            capture_output=True,
            check=True,
        ).stdout
        subprocess.run(
            ["psql", "-q", "-v", "ON_ERROR_STOP=1", f"--dbname={fresh_url}"],
            input=public,
            capture_output=True,
            check=True,
        )
        with django_db_blocker.unblock():
            call_command("firm_restore", str(backed_up_firm), "--database", fresh_url)
            assert table_rows(fresh_url, "firm_firm_bk") == table_rows(url, "firm_firm_bk")
        with psycopg.connect(fresh_url) as conn:
            assert conn.execute(
                "SELECT f.slug, f.provisioning_status, d.domain FROM tenants_firm f "
                "JOIN tenants_domain d ON d.tenant_id = f.id"
            ).fetchall() == [("firm-bk", "ready", "firm-bk.localhost")]
        saved = settings.MEDIA_ROOT / "firm_firm_bk" / "contracts" / "2026" / "service.txt"
        assert saved.read_bytes() == CONTRACT
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{fresh}" WITH (FORCE)')
