"""scoring: service scoring (服务评分), issue #11.

Owns, per estate (models.py):
- `Survey`: one per estate and period (quarterly by default), drafted by the firm from the
  template (six dimensions, 1–5, optional comment); only the estate's committee opens and
  closes it; once open the firm can no longer change it.
- `Ballot`: WHAT a household answered. One per unit and survey (unique constraint), keyed by an
  HMAC of (survey, unit) with the firm's own secret (`FirmSecret`), so the answers table holds
  no user and no unit. The owner's answer holds the unit's voice; an occupant's counts only
  while no owner answered. Paper answers entered by a committee member are marked `paper`.
- `Participation`: WHO answered (unit, account or the committee member who entered a paper
  form): one voice per unit, response rates and reminders; never joined to the answers.
- `WeightAgreement`: the estate's weights, proposed by the firm or the committee and in force
  only once both have signed (until then the platform default, and the score says so).
- `EstateScore`: a published score, append-only (pgtrigger): method version, weights, every
  input with the counts behind it. `tools/verify_score.py` recomputes it from the export.
- `ScoreAlert`: an improvement plan (below 70 twice in a row) or a re-tendering flag
  (satisfaction below 60 in two consecutive years), each at most once (unique).

The method is `METHOD.md` (version v1), implemented in `method.py` (pure) and, separately,
in `tools/verify_score.py` (standard library only)."""

from __future__ import annotations

from django.apps import AppConfig


class ScoringConfig(AppConfig):
    name = "scoring"
    verbose_name = "Service scoring"
