"""disclosure: public-income disclosure (公共收益公示 / 阳光账本), issue #10.

Owns, per estate (models.py):
- `Decision`: an authorising decision with its document (append-only).
- `LedgerLine`: income (advertising, parking, venue, antenna, charging, parcel_locker,
  other_income) and expense (repairs, committee, cleaning, staff, maintenance_fund,
  other_expense) lines: date, amount (Decimal CNY, 2 places), counterparty, decision,
  `LineAttachment`s (contract, receipt). Drafts change; posted lines never (pgtrigger).
  Corrections are reversing lines (`reverses` -> the corrected line, negated amount).
- `LedgerChain`: the estate's chain head (seq, head) locked while posting. The chain format is
  documented byte for byte in `chain.py` (and tools/verify_ledger.py, README).
- `SplitRule`: firm cost share, owners' share, reinvestment target (>= 30 %), staff-cost cap
  (<= 8 %), optional maintenance-fund minimum; history by pghistory.
- `Statement` (monthly / quarterly): draft -> in_review -> signed_off -> published, with
  `StatementQuery` (质询) threads; the publication is a deadlines Timer (`deadlines.py`,
  "disclosure.publish") that publishes signed-off statements at the next sweep (within 24 h),
  records the head in the public `witness` table and notifies the estate's residents.
- `FundMovement`: the maintenance fund (维修资金): opening, deposit, interest, use (a use
  names its decision); balance = all in minus uses.

Routes (api/disclosure, all under /api/v1/):
- `disclosure/decisions/` GET (?estate), POST multipart (estate, title, description,
  decided_on, document); `disclosure/decisions/{id}/` GET; `.../{id}/document/` GET (file).
- `disclosure/lines/` GET (?estate&status&kind&category&date_from&date_to), POST (a draft);
  `disclosure/lines/{id}/` GET, PATCH (draft only), DELETE (draft only);
  `.../{id}/post/` POST; `.../{id}/reverse/` POST {description, occurred_on?};
  `.../{id}/attachments/` POST multipart (kind, file; drafts only);
  `.../{id}/attachments/{attachment_id}/` GET (file).
- `disclosure/split-rules/` GET (?estate); `disclosure/split-rules/{estate_id}/` GET, PUT.
- `disclosure/fund/` GET (?estate), POST (kind, amount, occurred_on, description, decision);
  `disclosure/fund/balance/?estate=` GET.
- `statements/` GET (?estate&kind&status), POST (estate, kind, period_start);
  `statements/{id}/` GET (summary: totals, split, warnings, heads, queries);
  `statements/{id}/lines/` GET (paginated); `statements/{id}/submit/` POST (firm);
  `statements/{id}/queries/` POST {question} (committee);
  `statements/{id}/queries/{query_id}/answer/` POST {answer} (firm);
  `statements/{id}/sign-off/` POST (committee);
  `statements/{id}/verify/` POST (recompute the chain, compare with statement and witness);
  `statements/{id}/chain/` GET (JSON lines: header, lines, heads) for tools/verify_ledger.py.

Who: firm admin and estate managers keep the books of their estates (capability
`disclosure.keep` + a manager grant on the estate named); the committee reviews (`is_supervisor`);
everyone in scope reads (residents: published statements of their own estate only)."""

from __future__ import annotations

from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = "Public-income disclosure"
