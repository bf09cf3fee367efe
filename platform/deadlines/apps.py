"""deadlines: the clock-and-escalation engine. Owns clocks with a budget and pauses (the
arithmetic in `policies.py`, pure), the red/yellow/green levels (yellow at 80 % of the budget by
default, red at breach), the exactly-once `Crossing` marker, the registry of clock kinds and
timers that other apps register (`<app>/deadlines.py`, discovered at start-up), the per-firm
sweep, and each firm's next due moment on its public `Firm` row so beat fans out only to firms
with something due. It owns no business record: what a crossing means (an escalation, a
notification, a publication) is the registering app's handler."""

from __future__ import annotations

from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class DeadlinesConfig(AppConfig):
    name = "deadlines"
    verbose_name = "Deadlines"

    def ready(self) -> None:
        # Every app's `deadlines.py` registers its clock kinds and timers, in every process
        # (web, worker, beat, tests), before anything sweeps.
        autodiscover_modules("deadlines")
