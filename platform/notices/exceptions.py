"""Errors of notices, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class NotAPublisher(Forbidden):
    code = "notice_not_publisher"
    default_detail = _(
        "只有物业（公司管理员或该小区项目经理）和该小区在任的业委会成员可以发布公告。"
    )


class NotTheAuthorSide(Forbidden):
    code = "notice_other_side"
    default_detail = _("只有发布方可以修改或撤回这条公告；业委会的公告物业不能修改、隐藏或删除。")


class NoticeNotFound(NotFound):
    code = "notice_not_found"
    default_detail = _("没有找到这条公告。")


class NoticeRetracted(Conflict):
    code = "notice_retracted"
    default_detail = _("这条公告已撤回。")
    constraints = ("notices_retract_once",)


class NoticeInvalid(ValidationFailed):
    code = "notice_invalid"
    default_detail = _("请检查公告的内容。")
