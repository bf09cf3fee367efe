"""Firm isolation beyond the ORM: cache, files (local and S3), Celery tasks, logs, Sentry."""

from __future__ import annotations

import logging

import boto3
import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django_tenants.utils import schema_context
from moto.server import ThreadedMotoServer

from config.sentry import tag_event_with_firm
from core.logging import FirmContextFilter
from core.storage import FirmFileSystemStorage, FirmS3Storage
from core.tasks import ping


@pytest.mark.django_db
def test_cache_keys_are_per_firm(cast) -> None:
    with schema_context(cast.a.schema):
        cache.set("dashboard", "firm A figures")
    with schema_context(cast.b.schema):
        assert cache.get("dashboard") is None
        cache.set("dashboard", "firm B figures")
    with schema_context(cast.a.schema):
        assert cache.get("dashboard") == "firm A figures"


@pytest.mark.django_db
def test_local_files_live_under_the_firms_prefix_and_stay_there(cast, settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path
    storage = FirmFileSystemStorage()
    with schema_context(cast.a.schema):
        name = storage.save("complaints/leak.jpg", ContentFile(b"firm A photo"))
        assert (tmp_path / cast.a.schema / name).read_bytes() == b"firm A photo"
        assert storage.url(name).startswith(f"/media/{cast.a.schema}/")
    with schema_context(cast.b.schema):
        assert not storage.exists(name)
        with pytest.raises(FileNotFoundError):
            storage.open(name)


@pytest.fixture(scope="module")
def s3_endpoint():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    ).create_bucket(Bucket="linli-files")
    yield endpoint
    server.stop()


@pytest.mark.django_db
def test_s3_objects_are_prefixed_by_firm_and_invisible_to_others(cast, s3_endpoint) -> None:
    storage = FirmS3Storage(
        bucket_name="linli-files",
        endpoint_url=s3_endpoint,
        region_name="us-east-1",
        access_key="test",
        secret_key="test",
    )
    with schema_context(cast.a.schema):
        name = storage.save("contracts/ad-lift.pdf", ContentFile(b"%PDF firm A"))
        assert storage.exists(name)
        assert storage.open(name).read() == b"%PDF firm A"
    keys = [
        o["Key"]
        for o in boto3.client(
            "s3",
            endpoint_url=s3_endpoint,
            region_name="us-east-1",
            aws_access_key_id="test",
            aws_secret_access_key="test",
        ).list_objects_v2(Bucket="linli-files")["Contents"]
    ]
    assert keys == [f"{cast.a.schema}/{name}"]
    with schema_context(cast.b.schema):
        assert not storage.exists(name)
        assert storage.listdir("contracts") == ([], [])


def test_tasks_run_in_the_schema_they_were_sent_from(db, cast, celery_worker) -> None:
    for firm in (cast.a, cast.b):
        with schema_context(firm.schema):
            assert ping.delay().get(timeout=30) == firm.schema
    assert ping.delay().get(timeout=30) == "public"


@pytest.mark.django_db
def test_every_log_line_names_the_firm(cast, caplog) -> None:
    record_filter = FirmContextFilter()
    logger = logging.getLogger("linli.test")
    logger.addFilter(record_filter)
    try:
        with caplog.at_level(logging.INFO, logger="linli.test"), schema_context(cast.a.schema):
            logger.info("work order created")
    finally:
        logger.removeFilter(record_filter)
    assert [r.schema_name for r in caplog.records] == [cast.a.schema]


@pytest.mark.django_db
def test_sentry_events_are_tagged_with_the_firm(cast) -> None:
    import sentry_sdk

    captured: list[dict] = []

    class Capture(sentry_sdk.transport.Transport):
        def capture_envelope(self, envelope):  # type: ignore[override]
            for item in envelope.items:
                if item.type == "event":
                    captured.append(item.payload.json)

    sentry_sdk.init(
        dsn="http://key@127.0.0.1:9/1",
        transport=Capture,
        before_send=tag_event_with_firm,
        default_integrations=False,
    )
    try:
        with schema_context(cast.b.schema):
            sentry_sdk.capture_message("boom")
        sentry_sdk.flush()
    finally:
        sentry_sdk.init()  # off again
    assert captured and captured[0]["tags"]["firm"] == cast.b.schema
    assert tag_event_with_firm({"tags": []}, {})["tags"] == [["firm", "public"]]
