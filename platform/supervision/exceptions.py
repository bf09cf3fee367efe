"""Rule violations of owner supervision, each with a stable `code`."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class NotSupervisor(Forbidden):
    code = "supervisor_only"
    default_detail: Any = _("只有该小区在任的业委会成员可以进行监督操作。")


class NotResponsible(Forbidden):
    code = "not_responsible"
    default_detail: Any = _("只有负责该小区的物业管理人员可以答复整改。")


class TemplateNotFound(NotFound):
    default_detail: Any = _("未找到该检查模板。")


class ScheduleNotFound(NotFound):
    default_detail: Any = _("未找到该巡查计划。")


class RoundNotFound(NotFound):
    default_detail: Any = _("未找到该巡查。")


class RectificationNotFound(NotFound):
    default_detail: Any = _("未找到该整改。")


class PhotoNotFound(NotFound):
    default_detail: Any = _("未找到该照片。")


class RoundSubmitted(Conflict):
    code = "round_submitted"
    default_detail: Any = _("巡查已提交，不能再修改；如需更正请添加补充说明。")


class RoundNotSubmitted(Conflict):
    code = "round_not_submitted"
    default_detail: Any = _("巡查尚未提交。")


class RoundIncomplete(ValidationFailed):
    code = "round_incomplete"
    default_detail: Any = _("还有检查项未完成。")


class AlreadyPublished(Conflict):
    code = "already_published"
    constraints = ("supervision_publication_round_id_key",)
    default_detail: Any = _("该巡查报告已公布。")


class RectificationClosed(Conflict):
    code = "rectification_closed"
    default_detail: Any = _("该整改已验收关闭。")


class NotAnswered(Conflict):
    code = "rectification_not_answered"
    default_detail: Any = _("物业尚未答复，不能验收。")


class InvalidItems(ValidationFailed):
    code = "invalid_items"
    default_detail: Any = _("检查项不正确。")


class ItemNotInRound(ValidationFailed):
    code = "item_not_in_round"
    default_detail: Any = _("该检查项不属于本次巡查的模板。")


class InvalidAssignee(ValidationFailed):
    code = "invalid_assignee"
    default_detail: Any = _("只能指派给该小区的项目经理。")


class UploadRejected(ValidationFailed):
    code = "upload_rejected"
    default_detail: Any = _("照片不符合要求。")


class KeyReused(Conflict):
    code = "idempotency_key_reused"
    default_detail: Any = _("该幂等键已用于另一项内容。")


class AlreadyAnswered(Conflict):
    code = "rectification_answered"
    default_detail: Any = _("已答复，等待业委会验收。")
