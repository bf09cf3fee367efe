"""The deliberation hall's photos and its agenda threshold: a topic is raised with photos that
only its readers can fetch; the support that puts a topic on the agenda is the committee's to
set (never the firm's)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import schema_context

from tests.helpers import login

pytestmark = pytest.mark.django_db

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _photo(name: str = "lift.png", data: bytes = PNG) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/png")


def _topics(cast) -> tuple[int, int]:
    from votes.models import Topic, TopicPhoto

    with schema_context(cast.a.schema):
        return Topic.objects.count(), TopicPhoto.objects.count()


def test_a_topic_is_raised_with_photos_its_readers_can_see(votes) -> None:
    cast = votes.cast
    zhang = login(votes.owners["zhang"])
    made = zhang.post(
        "/api/v1/topics/",
        {"estate": votes.estate, "title": "南门积水", "photos": [_photo(), _photo("b.png")]},
        format="multipart",
    )
    assert made.status_code == 201, made.content
    photos = made.json()["photos"]
    assert [p["content_type"] for p in photos] == ["image/png", "image/png"]
    # another resident of the estate and the firm (read-only) see it
    for client in (login(votes.owners["zhao"]), login(cast.a.manager)):
        got = client.get(photos[0]["url"])
        assert got.status_code == 200 and b"".join(got.streaming_content) == PNG
    # another firm never does
    assert login(cast.b.resident).get(photos[0]["url"]).status_code == 404


def test_a_topic_with_a_photo_that_is_not_one_is_refused_and_nothing_is_written(votes) -> None:
    cast = votes.cast
    before = _topics(cast)
    refused = login(votes.owners["zhang"]).post(
        "/api/v1/topics/",
        {"estate": votes.estate, "title": "南门积水", "photos": [_photo("x.png", b"MZ not png")]},
        format="multipart",
    )
    assert refused.status_code == 400 and "photos" in refused.json()["fields"]
    too_many = login(votes.owners["zhang"]).post(
        "/api/v1/topics/",
        {"estate": votes.estate, "title": "南门积水", "photos": [_photo() for _ in range(10)]},
        format="multipart",
    )
    assert too_many.status_code == 400 and "photos" in too_many.json()["fields"]
    assert _topics(cast) == before


def test_the_committee_sets_the_agenda_threshold_and_support_follows_it(votes) -> None:
    from votes.policies import TOPIC_SUPPORT_DEFAULT

    cast = votes.cast
    committee = login(cast.a.committee)
    hall = committee.get("/api/v1/topics/hall/", {"estate": votes.estate}).json()
    assert hall["threshold"] == TOPIC_SUPPORT_DEFAULT and hall["can_set"] is True
    bad = committee.post("/api/v1/topics/hall/", {"estate": votes.estate, "threshold": 0})
    assert bad.status_code == 400 and "threshold" in bad.json()["fields"]
    set_ = committee.post("/api/v1/topics/hall/", {"estate": votes.estate, "threshold": 1})
    assert set_.status_code == 200 and set_.json()["threshold"] == 1
    topic = login(votes.owners["zhang"]).post(
        "/api/v1/topics/", {"estate": votes.estate, "title": "增设快递柜"}
    )
    supported = login(votes.owners["zhao"]).post(f"/api/v1/topics/{topic.json()['id']}/support/")
    assert supported.json()["status"] == "agenda" and supported.json()["support_count"] == 1


def test_the_firm_and_residents_cannot_change_the_threshold_and_nothing_changes(votes) -> None:
    from votes.models import TopicHall

    cast = votes.cast
    assert (
        login(cast.a.committee)
        .post("/api/v1/topics/hall/", {"estate": votes.estate, "threshold": 3})
        .status_code
        == 200
    )
    for who in (cast.a.admin, cast.a.manager, votes.owners["zhao"]):
        client = login(who)
        seen = client.get("/api/v1/topics/hall/", {"estate": votes.estate}).json()
        assert (seen["threshold"], seen["can_set"]) == (3, False)
        denied = client.post("/api/v1/topics/hall/", {"estate": votes.estate, "threshold": 50})
        assert denied.status_code == 403, (who, denied.content)
    # another firm's manager is refused too (in their own firm as anywhere)
    assert login(cast.b.manager).post(
        "/api/v1/topics/hall/", {"estate": votes.estate, "threshold": 50}
    ).status_code in (403, 404)
    with schema_context(cast.a.schema):
        assert list(TopicHall.objects.values_list("support_threshold", "set_by__email")) == [
            (3, cast.a.committee.email)
        ]
    with schema_context(cast.b.schema):
        assert not TopicHall.objects.exists()
