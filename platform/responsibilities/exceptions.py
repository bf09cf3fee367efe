"""Errors of the responsibility list, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class NotAParty(Forbidden):
    code = "responsibilities_not_a_party"
    default_detail = _(
        "只有物业（公司管理员或该小区项目经理）和该小区在任的业委会成员可以修改权责清单。"
    )


class SameSide(Forbidden):
    code = "responsibilities_same_side"
    default_detail = _("提议需要由另一方确认，提出方不能自己确认。")


class NotPending(Conflict):
    code = "responsibilities_not_pending"
    default_detail = _("这份提议已经处理过，或已被新的提议取代。")
    constraints = ("responsibilities_one_proposal",)


class RevisionNotFound(NotFound):
    code = "responsibilities_not_found"
    default_detail = _("没有找到这份权责清单。")


class ItemsInvalid(ValidationFailed):
    code = "responsibilities_invalid"
    default_detail = _("请检查权责清单的内容。")
