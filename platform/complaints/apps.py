"""complaints: the closed loop for complaints, repairs and suggestions (投诉/报修闭环).

Owns the request record (readable number, kind, category, urgency, place, channel, who
entered it), its state machine and event timeline, the three SLA clocks (response, plan,
resolution) with pauses and their red/yellow/green escalations (run by the deadlines engine:
`complaints/deadlines.py` registers them and the auto-close timer),
dispatch (rules, groups, round-robin, take, reassign), close-out (rating, reopen, return
visits, auto-close), anti-spam limits, hot topics and KPIs. The maths lives in `policies.py`
(pure, `now` passed in)."""

from __future__ import annotations

from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and repairs"
