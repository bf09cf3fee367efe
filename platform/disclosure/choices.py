"""Choices of the disclosure ledger. Codes are stable (they are part of the hash chain's
canonical serialisation: never rename one); labels are Chinese gettext (English in locale/)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class LineKind(models.TextChoices):
    INCOME = "income", _("收入")
    EXPENSE = "expense", _("支出")


class IncomeCategory(models.TextChoices):
    """Income from the owners' common parts (Civil Code art. 282)."""

    ADVERTISING = "advertising", _("电梯及楼道广告")
    PARKING = "parking", _("公共道路及场地停车")
    VENUE = "venue", _("场地及摊位租赁")
    ANTENNA = "antenna", _("天线及通信基站")
    CHARGING = "charging", _("充电桩")
    PARCEL_LOCKER = "parcel_locker", _("快递柜")
    OTHER_INCOME = "other_income", _("其他收入")


class ExpenseCategory(models.TextChoices):
    """Costs paid from common-part income. `staff` and `maintenance_fund` make the split rules
    measurable: the staff-cost cap reads `staff`, the maintenance-fund minimum reads
    `maintenance_fund` (a transfer into the fund)."""

    REPAIRS = "repairs", _("共用部位维修")
    COMMITTEE = "committee", _("业委会经费")
    CLEANING = "cleaning", _("公共区域保洁")
    STAFF = "staff", _("人员费用")
    MAINTENANCE_FUND = "maintenance_fund", _("转入维修资金")
    OTHER_EXPENSE = "other_expense", _("其他支出")


# Reinvestment (反哺): what goes back into the common parts and the fund.
REINVESTMENT_CATEGORIES = frozenset(
    {ExpenseCategory.REPAIRS, ExpenseCategory.CLEANING, ExpenseCategory.MAINTENANCE_FUND}
)
CATEGORIES_BY_KIND: dict[str, frozenset[str]] = {
    LineKind.INCOME: frozenset(IncomeCategory.values),
    LineKind.EXPENSE: frozenset(ExpenseCategory.values),
}
ALL_CATEGORIES = [*IncomeCategory.choices, *ExpenseCategory.choices]


class LineStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    POSTED = "posted", _("已入账")


class AttachmentKind(models.TextChoices):
    CONTRACT = "contract", _("合同")
    RECEIPT = "receipt", _("票据")
    OTHER = "other", _("其他")


class StatementKind(models.TextChoices):
    MONTHLY = "monthly", _("月度明细")
    QUARTERLY = "quarterly", _("季度汇总")


class StatementStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    IN_REVIEW = "in_review", _("业委会审核中")
    SIGNED_OFF = "signed_off", _("已签认，待公示")
    PUBLISHED = "published", _("已公示")


class FundMovementKind(models.TextChoices):
    OPENING = "opening", _("期初余额")
    DEPOSIT = "deposit", _("存入")
    INTEREST = "interest", _("利息")
    USE = "use", _("使用")
