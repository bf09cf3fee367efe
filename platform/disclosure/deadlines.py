"""What disclosure registers with the deadlines engine (imported at start-up by
`DeadlinesConfig.ready`): the publication timer. A signed-off statement is due at once; beat's
per-minute sweep publishes it, so it is public well within the 24 h the rules allow."""

from __future__ import annotations

from datetime import datetime

from deadlines.registry import Timer, register_timer

from .services.statements import publish_next_due, statements_publish_due


def _publish(now: datetime) -> int:
    return statements_publish_due(now=now)


register_timer(Timer(name="disclosure.publish", next_due=publish_next_due, run=_publish))
