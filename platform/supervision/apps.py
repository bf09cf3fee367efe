"""supervision: owner supervision (业主监督), issue #9 §2–6.

Owns, per estate (models.py): checklist `Template`s per service line with immutable
`TemplateVersion`s and `TemplateItem`s (the built-in library of ≥ 60 items is `library.py`);
`Schedule`s (weekly / monthly / one-off, areas) with `ScheduleReminder`s (the deadlines Timer
"supervision.remind"); inspection `Round`s with per-item `Answer`s (pass / fail / na, note,
area), `RoundPhoto`s, `ClientWrite` idempotency keys, `Addendum`s and a `Publication` for
residents; `Rectification`s with an append-only `RectificationEvent` table, `EvidencePhoto`s
and a `RectificationClock` (the deadlines kind "supervision.rectification", default 7 days
from `EstateSettings.rectification_days`). `kpis.estate_kpis` is the seam the scoring module
reads.

Who: supervisors are ONLY those `committee.selectors.is_supervisor` names (a confirmed seat);
the firm (its admin, the estate's managers) answers and reassigns rectifications and reads;
residents read published reports of their estate. PostgreSQL refuses UPDATE/DELETE of
submitted rounds, their answers and photos, events, addenda and template versions."""

from __future__ import annotations

from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = "Owner supervision"
