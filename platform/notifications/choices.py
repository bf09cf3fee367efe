from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    """What a notification is about; the inbox and the screens link and group by it."""

    REQUEST_STATUS = "request.status", _("诉求状态变化")
    REQUEST_ASSIGNED = "request.assigned", _("新工单")
    REQUEST_REJECTED = "request.rejected", _("诉求被驳回")
    REQUEST_RETURN_VISIT = "request.return_visit", _("差评回访")
    REQUEST_CHASED = "request.chased", _("住户催办")
    REQUEST_MESSAGE = "request.message", _("诉求新留言")
    ESCALATION_YELLOW = "escalation.yellow", _("即将超时")
    ESCALATION_RED = "escalation.red", _("已超时")
    DISCLOSURE_REVIEW = "disclosure.review", _("收益报表待审核")
    DISCLOSURE_QUERY = "disclosure.query", _("收益报表质询")
    DISCLOSURE_ANSWER = "disclosure.answer", _("质询已答复")
    DISCLOSURE_PUBLISHED = "disclosure.published", _("收益报表已公示")
    SCORING_REMINDER = "scoring.reminder", _("请参与满意度调查")
    SCORING_ALERT = "scoring.alert", _("服务评分预警")
    SUPERVISION_REMINDER = "supervision.reminder", _("巡查提醒")
    SUPERVISION_RECTIFICATION = "supervision.rectification", _("新整改")
    SUPERVISION_ANSWERED = "supervision.answered", _("整改已答复")
    SUPERVISION_REJECTED = "supervision.rejected", _("整改验收未通过")
    SUPERVISION_YELLOW = "supervision.yellow", _("整改即将到期")
    SUPERVISION_RED = "supervision.red", _("整改已超期")
    NOTICE_PUBLISHED = "notice.published", _("小区公告")
    DUTIES_PROPOSED = "duties.proposed", _("权责清单待确认")
    DUTIES_DECIDED = "duties.decided", _("权责清单已答复")
    VOTE_ANNOUNCED = "votes.announced", _("表决公告")
    VOTE_OPENED = "votes.opened", _("表决开始投票")
    VOTE_PUBLISHED = "votes.published", _("表决结果公布")
