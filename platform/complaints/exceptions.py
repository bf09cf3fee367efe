from __future__ import annotations

from core.exceptions import Conflict, Forbidden, NotFound, TooMany, ValidationFailed


class TransitionNotAllowed(Conflict):
    code = "transition_not_allowed"
    default_detail = "当前状态下不能执行此操作。 This action is not allowed in the current status."


class DailyLimitReached(TooMany):
    code = "daily_limit"
    default_detail = (
        "今天提交的诉求已达上限，如有紧急情况请致电物业服务中心。"
        " You have reached today's limit; for emergencies please call the service desk."
    )


class NearDuplicate(Conflict):
    code = "near_duplicate"
    default_detail = (
        "您已提交过内容相近的诉求，请在原诉求中查看进度。"
        " You already reported something very similar; please follow the existing request."
    )


class InvalidPlace(ValidationFailed):
    code = "invalid_place"
    default_detail = "请选择本小区的房屋或公共区域。 Choose a unit or common area of this estate."


class UploadRejected(ValidationFailed):
    code = "upload_rejected"
    default_detail = "附件不符合要求。 An attachment was not accepted."


class NotRequester(Forbidden):
    code = "not_requester"
    default_detail = "只有提交人本人可以评价或重开。 Only the requester may rate or reopen."


class ReopenWindowClosed(Conflict):
    code = "reopen_window_closed"
    default_detail = "已超过可重开的期限。 The time to reopen this request has passed."


class NotAssignable(ValidationFailed):
    code = "not_assignable"
    default_detail = (
        "该人员不能处理此小区的诉求。 This person cannot handle requests of this estate."
    )


class NotYourUnit(NotFound):
    default_detail = "只能为自己的房屋报事。 You can only report for your own unit."


class ResidentChannel(ValidationFailed):
    code = "invalid"
    default_detail = "请选择 App、网页或微信。 Use app, web or WeChat."
