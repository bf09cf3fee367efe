"""Errors of the votes, each with a stable code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class VoteNotFound(NotFound):
    code = "votes_not_found"
    default_detail = _("没有找到这项表决。")


class NotCommittee(Forbidden):
    code = "votes_not_committee"
    default_detail = _("只有该小区经备案确认的业委会成员可以发起和主持表决，物业不能。")


class NotElector(Forbidden):
    code = "votes_not_elector"
    default_detail = _("您不在这项表决的业主名册中（以投票开始当日登记的业主为准）。")


class FirmCannotVote(Forbidden):
    code = "votes_firm_cannot_vote"
    default_detail = _("物业人员不能投票、录入选票或查看谁投了什么。")


class WrongStage(Conflict):
    code = "votes_wrong_stage"
    default_detail = _("这项表决当前所处的阶段不允许这样做。")


class TooEarly(Conflict):
    code = "votes_too_early"
    default_detail = _("还没到规定的时间。")


class VotingClosed(Conflict):
    code = "votes_voting_closed"
    default_detail = _("投票时间已过或尚未开始。")


class AlreadyVoted(Conflict):
    code = "votes_already_voted"
    default_detail = _("您已经投过票，这项表决不允许改票。")


class BallotRace(Conflict):
    """Two ballots of one elector submitted at the same moment: one is kept."""

    code = "votes_ballot_race"
    default_detail = _("同一份产权的两张选票同时提交，只保留了先到的一张，请刷新后查看。")
    constraints = ("votes_ballot_once",)


class PaperOnFile(Conflict):
    code = "votes_paper_on_file"
    default_detail = _("您的纸质选票已由业委会录入，以纸质票为准，不能再线上投票。")


class SameMember(Forbidden):
    code = "votes_same_member"
    default_detail = _("纸质选票须由另一位业委会成员确认，录入人不能自己确认。")


class PaperPending(Conflict):
    code = "votes_paper_pending"
    default_detail = _("还有纸质选票等待第二位业委会成员确认，请先处理。")


class BallotNotFound(NotFound):
    code = "votes_ballot_not_found"
    default_detail = _("没有找到这张选票。")


class VoteInvalid(ValidationFailed):
    code = "votes_invalid"
    default_detail = _("请检查表决的内容。")


class RuleTooLoose(ValidationFailed):
    code = "votes_rule_too_loose"
    default_detail = _("表决规则不能低于民法典第二百七十八条的法定标准，只能更严格。")


class TopicNotFound(NotFound):
    code = "votes_topic_not_found"
    default_detail = _("没有找到这个议题。")


class NotEstateOwner(Forbidden):
    code = "votes_topic_not_resident"
    default_detail = _("只有本小区的住户和业委会成员可以发起或支持议题，物业不能。")


class AlreadySupported(Conflict):
    code = "votes_topic_already_supported"
    default_detail = _("您已经支持过这个议题。")
    constraints = ("votes_topic_support_once",)


class TopicClosed(Conflict):
    code = "votes_topic_closed"
    default_detail = _("这个议题已经答复、合并或屏蔽，不能再更改。")


class TopicInvalid(ValidationFailed):
    code = "votes_topic_invalid"
    default_detail = _("请检查议题的内容。")


class DecisionNotFound(NotFound):
    code = "votes_decision_not_found"
    default_detail = _("没有找到这项决议的落实事项。")


class DecisionDenied(Forbidden):
    """The firm writes only on the items it owns and never closes them; the committee's items
    only the committee touches."""

    code = "votes_decision_denied"
    default_detail = _("您不能对这项决议做这样的操作。")


class DecisionWrongStage(Conflict):
    code = "votes_decision_wrong_stage"
    default_detail = _("这项决议当前的状态不允许这样做。")


class DecisionExists(Conflict):
    code = "votes_decision_exists"
    default_detail = _("这项表决或议题已经立项跟踪。")
    constraints = ("votes_decision_vote_once", "votes_decision_topic_once")


class DecisionInvalid(ValidationFailed):
    code = "votes_decision_invalid"
    default_detail = _("请检查落实事项的内容。")


class DecisionLinkExists(Conflict):
    code = "votes_decision_link_exists"
    default_detail = _("这条账目已经关联过。")
    constraints = ("votes_decision_line_once", "votes_decision_fund_once")
