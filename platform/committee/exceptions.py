"""Errors of committee filings and the roster, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class FilingNotAllowed(Forbidden):
    code = "filing_not_allowed"
    default_detail = _(
        "只有现任业委会主任，或在没有现任主任时该小区的业主，可以提交备案。物业人员不能提交。"
    )


class FilingInvalid(ValidationFailed):
    code = "filing_invalid"
    default_detail = _("备案信息有误，请检查。")


class MemberNotEligible(ValidationFailed):
    code = "member_not_eligible"
    default_detail = _("物业人员或代办账号不能担任业委会成员。")


class ReceiptRejected(ValidationFailed):
    code = "receipt_rejected"
    default_detail = _("备案回执只支持 JPG/PNG 图片或 PDF，且不超过 10 MB。")


class FilingPending(Conflict):
    code = "filing_pending"
    default_detail = _("该小区已有一份备案在等待平台审核。")


class FilingReviewed(Conflict):
    code = "filing_reviewed"
    default_detail = _("该备案已审核，不能再次审核。")


class FilingEstateGone(Conflict):
    code = "filing_estate_gone"
    default_detail = _("该备案的小区已不存在。")


class FilingNotFound(NotFound):
    code = "filing_not_found"
    default_detail = _("没有这份备案。")


class NotChair(Forbidden):
    code = "not_committee_chair"
    default_detail = _("只有现任业委会主任可以登记辞职。")


class SeatNotOpen(Conflict):
    code = "seat_not_open"
    default_detail = _("该席位已结束或尚未经备案确认。")


class SeatNotFound(NotFound):
    code = "seat_not_found"
    default_detail = _("没有这个业委会席位。")
