from __future__ import annotations

from core.exceptions import Conflict, NotFound, ValidationFailed


class EstateNotFound(NotFound):
    code = "estate_not_found"
    default_detail = "没有找到该小区。 No such estate."


class CodeTaken(Conflict):
    code = "code_taken"
    default_detail = "小区编号已被使用。 This estate code is already in use."


class NameTaken(Conflict):
    code = "name_taken"
    default_detail = "同名记录已存在。 A record with this name already exists here."


class InUse(Conflict):
    code = "in_use"
    default_detail = "仍有关联数据，不能删除。 It still has linked records and cannot be deleted."


class NotAssignable(ValidationFailed):
    code = "not_assignable"
    default_detail = "该用户不能担任此职责。 This user cannot take this assignment."


class InvalidTerm(ValidationFailed):
    code = "invalid_term"
    default_detail = "任期结束日期不能早于开始日期。 The term cannot end before it starts."


class JoinRequestClosed(Conflict):
    code = "join_request_closed"
    default_detail = "该申请已处理。 This request was already decided."


class JoinCodeInvalid(NotFound):
    code = "join_code_invalid"
    default_detail = "二维码无效。 This join code is not valid."


class ShareExceeded(ValidationFailed):
    code = "share_exceeded"
    default_detail = "业主份额合计不能超过 100%。 Owners' shares of a unit cannot exceed 100%."


class PersonNotFound(NotFound):
    code = "person_not_found"
    default_detail = "没有找到该人员。 No such person."


class NotACandidate(ValidationFailed):
    code = "not_a_candidate"
    default_detail = "只能选择电话相同的已登记人员。 Choose one of the people with the same phone."


class SettingsInvalid(ValidationFailed):
    code = "settings_invalid"
    default_detail = "小区设置无效。 Some estate settings are not valid."
