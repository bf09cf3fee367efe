from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, DomainError


class BillingUnavailable(DomainError):
    code = "billing_unavailable"
    status = 503
    default_detail = _("支付服务暂时不可用，请稍后再试。")


class PriceUnknown(DomainError):
    code = "price_unknown"
    status = 400
    default_detail = _("没有这个价格方案。")


class NoSubscription(Conflict):
    code = "no_subscription"
    default_detail = _("该物业公司还没有订阅。")


class NoCustomer(Conflict):
    code = "no_customer"
    default_detail = _("该物业公司还没有付款账户，请先订阅。")


class AlreadySubscribed(Conflict):
    code = "already_subscribed"
    default_detail = _("已有订阅，请在账单门户中管理。")


class InvoiceNotOpen(Conflict):
    code = "invoice_not_open"
    default_detail = _("该账单不是待付款状态。")


class PaymentRequired(DomainError):
    code = "payment_required"
    status = 402
    default_detail = _("订阅已欠费，管理功能暂为只读；付款后立即恢复。")
