"""Rule violations of the closed loop, each with a stable `code`; `detail` is gettext with the
Chinese text as the source (English in locale/en)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, TooMany, ValidationFailed


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"
    default_detail: Any = _("当前状态下不能执行此操作。")


class ClientKeyReused(Conflict):
    """A submit's idempotency key already names a request someone else submitted."""

    code = "client_key_reused"
    default_detail: Any = _("该提交编号已被使用，请刷新后重新提交。")
    constraints = ("complaints_request_client_key",)


class DailyLimitReached(TooMany):
    code = "daily_limit"
    default_detail: Any = _("今天提交的诉求已达上限，如有紧急情况请致电物业服务中心。")


class NearDuplicate(Conflict):
    code = "near_duplicate"
    default_detail: Any = _("您已提交过内容相近的诉求，请在原诉求中查看进度。")


class InvalidPlace(ValidationFailed):
    code = "invalid_place"
    default_detail: Any = _("请选择本小区的房屋或公共区域。")


class UploadRejected(ValidationFailed):
    code = "upload_rejected"
    default_detail: Any = _("附件不符合要求。")


class NotRequester(Forbidden):
    code = "not_requester"
    default_detail: Any = _("只有提交人本人可以评价或重开。")


class ReopenWindowClosed(Conflict):
    code = "reopen_window_closed"
    default_detail: Any = _("已超过可重开的期限。")


class NotAssignable(ValidationFailed):
    code = "not_assignable"
    default_detail: Any = _("该人员不能处理此小区的诉求。")


class NotYourUnit(NotFound):
    default_detail: Any = _("只能为自己的房屋报事。")


class ResidentChannel(ValidationFailed):
    code = "invalid"
    default_detail: Any = _("请选择 App、网页或微信。")


class RequesterNotInEstate(ValidationFailed):
    code = "requester_not_in_estate"
    default_detail: Any = _("提交人不是本小区的业主或住户。")


class GroupNotInEstate(ValidationFailed):
    code = "group_not_in_estate"
    default_detail: Any = _("调度组不属于该小区。")


class MemberNotInEstate(ValidationFailed):
    code = "member_not_in_estate"
    default_detail: Any = _("组员必须是负责该小区的物业人员。")


class GroupInUse(ValidationFailed):
    code = "group_in_use"
    default_detail: Any = _("该调度组仍被派单规则使用，不能移到其他小区。")


class ConfigTaken(Conflict):
    code = "config_taken"
    constraints = ("unique_group_name", "one_rule_per_category", "one_policy_per_combination")
    default_detail: Any = _("该小区已有相同的配置。")


class InvalidPeriod(ValidationFailed):
    code = "invalid"  # the same code as any other field error, as before
    default_detail: Any = _("请检查统计期间。")


class ChaseTooSoon(Conflict):
    code = "chase_too_soon"
    default_detail: Any = _("24 小时内只能催办一次。")


class NotWithdrawable(Conflict):
    code = "not_withdrawable"
    default_detail: Any = _("工作已经开始，不能撤回；如不再需要，请联系处理人员。")


class InvalidVisitTime(ValidationFailed):
    code = "invalid"  # a field error like any other: the form shows it under the field
    default_detail: Any = _("请检查期望上门时间。")


class NotInThread(Forbidden):
    code = "not_in_thread"
    default_detail: Any = _("只有提交人和负责该小区的物业人员可以查看和发送留言。")


class ThreadClosed(Conflict):
    code = "thread_closed"
    default_detail: Any = _("这条诉求已经结束，不能再留言；如有新问题，请重新报事。")


class EmptyMessage(ValidationFailed):
    code = "invalid"
    default_detail: Any = _("请写下留言内容或附上照片。")
