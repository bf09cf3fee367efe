"""notify(): each user once per event key, in their own language, in one INSERT per thousand
(a vote opening tells every owner of an estate); a second call for the same event, or one
racing it, adds nothing."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context

from accounts.services import user_create
from notifications import services
from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def test_each_user_is_told_once_per_event_in_their_own_language(cast) -> None:
    with schema_context(cast.a.schema):
        manager, staff = cast.a.manager.user, cast.a.staff.user
        staff.language = "en"
        staff.save(update_fields=["language"])
        title = _("服务暂时不可用，请稍后重试。")  # a message the English catalogue has
        first = notify(users=[manager, staff, manager], kind="vote.opened", title=title,
                       dedupe_key="test:once")  # fmt: skip
        again = notify(users=[manager, staff], kind="vote.opened", title=title,
                       dedupe_key="test:once")  # fmt: skip
        rows = dict(
            Notification.objects.filter(dedupe_key="test:once").values_list("user_id", "title")
        )
    assert sorted(n.user_id for n in first) == sorted([manager.pk, staff.pk])
    assert all(n.pk for n in first) and again == []
    assert rows[manager.pk] == str(title)
    assert rows[staff.pk] != rows[manager.pk] and rows[staff.pk].isascii()


def test_many_users_are_told_in_a_few_queries_not_a_few_per_user(cast) -> None:
    with schema_context(cast.a.schema):
        users = [user_create(email=f"many{i}@a.test", role="resident") for i in range(60)]
        with CaptureQueriesContext(connection) as queries:
            created = notify(users=users, kind="vote.opened", title="开始投票",
                             dedupe_key="test:many", email=False)  # fmt: skip
        assert len(created) == 60
        assert Notification.objects.filter(dedupe_key="test:many").count() == 60
    assert len(queries.captured_queries) < 10


def test_a_racing_notify_of_the_same_event_leaves_one_row_per_user(cast, monkeypatch) -> None:
    with schema_context(cast.a.schema):
        manager, staff = cast.a.manager.user, cast.a.staff.user
        notify(users=[manager], kind="vote.opened", title="开始投票", dedupe_key="test:race")
        # the other call's row lands between this call's look-up and its INSERT
        real = Notification.objects.filter
        monkeypatch.setattr(
            services.Notification.objects,
            "filter",
            lambda *a, **k: (
                real(pk__in=[]) if k.get("dedupe_key") == "test:race" else real(*a, **k)
            ),
        )
        created = notify(users=[manager, staff], kind="vote.opened", title="开始投票",
                         dedupe_key="test:race")  # fmt: skip
        monkeypatch.undo()
        assert [n.user_id for n in created] == [staff.pk]
        assert Notification.objects.filter(dedupe_key="test:race").count() == 2
