from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class EstateNotFound(NotFound):
    code = "estate_not_found"
    default_detail = _("没有找到该小区。")


class CodeTaken(Conflict):
    code = "code_taken"
    default_detail = _("小区编号已被使用。")


class NameTaken(Conflict):
    code = "name_taken"
    default_detail = _("同名记录已存在。")


class InUse(Conflict):
    code = "in_use"
    default_detail = _("仍有关联数据，不能删除。")


class NotAssignable(ValidationFailed):
    code = "not_assignable"
    default_detail = _("该用户不能担任此职责。")


class InvalidTerm(ValidationFailed):
    code = "invalid_term"
    default_detail = _("任期结束日期不能早于开始日期。")


class JoinRequestClosed(Conflict):
    code = "join_request_closed"
    default_detail = _("该申请已处理。")


class JoinCodeInvalid(NotFound):
    code = "join_code_invalid"
    default_detail = _("二维码无效。")


class ShareExceeded(ValidationFailed):
    code = "share_exceeded"
    default_detail = _("业主份额合计不能超过 100%。")


class PersonNotFound(NotFound):
    code = "person_not_found"
    default_detail = _("没有找到该人员。")


class NotACandidate(ValidationFailed):
    code = "not_a_candidate"
    default_detail = _("只能选择电话相同的已登记人员。")


class SettingsInvalid(ValidationFailed):
    code = "settings_invalid"
    default_detail = _("小区设置无效。")


class PersonOutsideScope(Forbidden):
    code = "person_outside_scope"
    default_detail = _("此人在您不负责的小区也有房屋，请由负责这些小区的人员为其开通账号。")
