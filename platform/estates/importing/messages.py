"""The row messages of the import's checks (gettext, Chinese source; English in the app's
catalogue): a user reads them in their own language."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

UNKNOWN_BUILDING = _("未知楼栋")
DUPLICATE_UNIT = _("房屋重复且数据不一致")
DUPLICATE_BUILDING = _("楼栋重复且层数不一致")
DUPLICATE_OWNER = _("同一业主重复且份额不一致")
DUPLICATE_OCCUPANT = _("同一住户重复且类型不一致")
SHARES_OVER = _("业主份额合计超过100")
NO_SHARE_LEFT = _("其他业主份额已合计100，请填写份额")
PHONE_NAMES = _("同一电话对应不同姓名")
PHONE_IDS = _("同一电话对应不同证件号")


def with_value(problem: object, value: object) -> str:
    """ "未知楼栋：9": a problem and the value it is about."""
    return str(_("%(problem)s：%(value)s") % {"problem": problem, "value": value})


def in_row(number: int) -> str:
    """ "（第 4 行）": where the first of two clashing rows is."""
    return str(_("（第 %(row)s 行）") % {"row": number})


def wrong_estate(code: str, estate: str) -> str:
    return str(
        _("小区编号不符：此行属于小区“%(code)s”，不是“%(estate)s”")
        % {"code": code, "estate": estate}
    )
