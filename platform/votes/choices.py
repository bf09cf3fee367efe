from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Matter(models.TextChoices):
    """What a vote decides: the items of Civil Code art. 278 (items 6-8 are special matters)."""

    RULES = "rules", _("制定和修改业主大会议事规则")
    COVENANT = "covenant", _("制定和修改管理规约")
    COMMITTEE = "committee", _("选举或更换业主委员会成员")
    MANAGER = "manager", _("选聘和解聘物业服务企业或其他管理人")
    FUND_USE = "fund_use", _("使用建筑物及其附属设施的维修资金")
    FUND_RAISE = "fund_raise", _("筹集建筑物及其附属设施的维修资金")
    REBUILD = "rebuild", _("改建、重建建筑物及其附属设施")
    COMMON_USE = "common_use", _("改变共有部分的用途或利用共有部分从事经营活动")
    OTHER = "other", _("有关共有和共同管理权利的其他重大事项")


# art. 278 items 6-8: at least 3/4 of the participating area and headcount
SPECIAL_MATTERS = frozenset({Matter.FUND_RAISE, Matter.REBUILD, Matter.COMMON_USE})


class MatterKind(models.TextChoices):
    ORDINARY = "ordinary", _("一般事项")
    SPECIAL = "special", _("重大事项")


class VoteStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ANNOUNCED = "announced", _("公告中")
    OPEN = "open", _("投票中")
    CLOSED = "closed", _("已截止")
    PUBLISHED = "published", _("已公布结果")


class Channel(models.TextChoices):
    ONLINE = "online", _("线上")
    PAPER = "paper", _("纸质")


class BallotStatus(models.TextChoices):
    ENTERED = "entered", _("待第二人确认")  # a paper ballot, entered by one committee member
    COUNTED = "counted", _("已计入")
    REJECTED = "rejected", _("录入有误，已退回")


class TopicStatus(models.TextChoices):
    """A topic of the deliberation hall (议事厅): open for support, on the committee's agenda
    (enough support), then ended with a public answer, merged into another, or hidden."""

    OPEN = "open", _("征集支持中")
    AGENDA = "agenda", _("已列入议程")
    ADOPTED = "adopted", _("已采纳")
    ANSWERED = "answered", _("已答复")
    DECLINED = "declined", _("不予采纳")
    MERGED = "merged", _("已合并")
    HIDDEN = "hidden", _("已屏蔽")


# a topic in one of these states has its public answer (or was merged or hidden) and is final
TOPIC_FINAL = frozenset(
    {
        TopicStatus.ADOPTED,
        TopicStatus.ANSWERED,
        TopicStatus.DECLINED,
        TopicStatus.MERGED,
        TopicStatus.HIDDEN,
    }
)


class DecisionOwner(models.TextChoices):
    """Who carries an adopted decision out: the firm or the committee itself."""

    FIRM = "firm", _("物业")
    COMMITTEE = "committee", _("业委会")


class DecisionStatus(models.TextChoices):
    """A tracked decision: open; reported done by the firm (waiting for the committee); done."""

    OPEN = "open", _("落实中")
    REPORTED = "reported", _("物业已报完成，待业委会确认")
    DONE = "done", _("已落实")


class DecisionEntryKind(models.TextChoices):
    CREATED = "created", _("立项")
    PROGRESS = "progress", _("进展")
    REPORTED = "reported", _("报告完成")
    RETURNED = "returned", _("退回")
    DONE = "done", _("确认落实")
    LINKED = "linked", _("关联账目")
