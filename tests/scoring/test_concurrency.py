"""Two simultaneous submissions for one unit keep one ballot (the unique constraint decides,
not the service's reading): real transactions on two connections, committed and cleaned up."""

from __future__ import annotations

import threading

from django.db import connection, connections, transaction
from django_tenants.utils import schema_context

from .conftest import PERIOD_START, RATINGS


def test_concurrent_double_submit_keeps_one(cast, django_db_blocker):
    from estates.models import Estate
    from scoring import services
    from scoring.models import Ballot, Participation, Survey

    unit = cast.a.units["A1-1-101"]
    with django_db_blocker.unblock():
        with schema_context(cast.a.schema):
            services.voter_for(0, 0)  # the firm's key exists before the race
            survey = services.survey_draft(
                user=cast.a.manager.user,
                estate=Estate.objects.get(code="A1"),
                period_start=PERIOD_START.replace(year=2020),
            )
            services.survey_open(user=cast.a.committee.user, survey=survey)
        connection.set_schema_to_public()
        barrier = threading.Barrier(2)
        errors: list[BaseException] = []

        def submit(overall: int) -> None:
            try:
                with schema_context(cast.a.schema):
                    user = cast.a.resident.user
                    barrier.wait(timeout=10)
                    with transaction.atomic():
                        services.ballot_submit(
                            user=user,
                            survey=survey,
                            unit_id=unit,
                            ratings={**RATINGS, "overall": overall},
                        )
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)
            finally:
                connections.close_all()

        threads = [threading.Thread(target=submit, args=(n,)) for n in (1, 5)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        try:
            assert errors == []
            with schema_context(cast.a.schema):
                ballots = list(
                    Ballot.objects.filter(survey=survey).values_list("overall", flat=True)
                )
                assert len(ballots) == 1 and ballots[0] in (1, 5)
                assert Participation.objects.filter(survey=survey).count() == 1
        finally:
            with schema_context(cast.a.schema):
                Survey.objects.filter(pk=survey.pk).delete()
            connection.set_schema_to_public()
