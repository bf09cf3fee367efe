"""Rule violations of service scoring, each with a stable `code`."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, Forbidden, NotFound, ValidationFailed


class SurveyNotFound(NotFound):
    code = "survey_not_found"
    default_detail = _("未找到该问卷。")


class ScoreNotFound(NotFound):
    code = "score_not_found"
    default_detail = _("未找到该评分。")


class WeightsNotFound(NotFound):
    code = "weights_not_found"
    default_detail = _("未找到该权重方案。")


class NotSurveyKeeper(Forbidden):
    code = "not_survey_keeper"
    default_detail = _("只有物业公司管理员或本小区项目经理可以起草问卷。")


class NotSupervisor(Forbidden):
    code = "scoring_not_committee"
    default_detail = _("只有本小区业委会成员可以执行此操作。")


class FirmCannotAnswer(Forbidden):
    code = "firm_cannot_answer"
    default_detail = _("物业公司人员不能代业主填写或录入问卷。")


class NotHousehold(Forbidden):
    code = "not_household"
    default_detail = _("您不是该房屋的登记业主或住户。")


class SurveyExists(Conflict):
    code = "survey_exists"
    default_detail = _("该小区在此期间已有问卷。")
    constraints = ("scoring_survey_one_per_period",)


class SurveyNotDraft(Conflict):
    code = "survey_not_draft"
    default_detail = _("问卷已由业委会开启，物业公司不能再修改。")


class SurveyNotOpen(Conflict):
    code = "survey_not_open"
    default_detail = _("问卷未在进行中。")


class OwnerAnswered(Conflict):
    code = "owner_answered"
    default_detail = _("该房屋的业主已作答，住户的回答不再计入。")


class AnsweredOnline(Conflict):
    code = "answered_online"
    default_detail = _("该房屋已在线作答，不能再录入纸质问卷。")


class ReminderTooSoon(Conflict):
    code = "reminder_too_soon"
    default_detail = _("每周最多提醒一次。")


class AlreadySigned(Conflict):
    code = "already_signed"
    default_detail = _("您这一方已签署该权重方案。")


class WeightsSuperseded(Conflict):
    code = "weights_superseded"
    default_detail = _("该权重方案已被新的方案取代。")


class InvalidWeights(ValidationFailed):
    code = "invalid_weights"
    default_detail = _("权重须覆盖每一项输入，均为 0–100 的整数，合计 100。")


class InvalidRatings(ValidationFailed):
    code = "invalid_ratings"
    default_detail = _("每个维度须评 1–5 分。")


class InvalidPeriod(ValidationFailed):
    code = "survey_period_invalid"
    default_detail = _("问卷期间无效。")


class UnitNotInEstate(ValidationFailed):
    code = "unit_not_in_estate"
    default_detail = _("该房屋不属于本小区。")


class ResultsNotReady(Conflict):
    code = "results_not_ready"
    default_detail = _("问卷结束后才公布结果。")


class AlertNotFound(NotFound):
    code = "score_alert_not_found"
    default_detail = _("未找到该评分预警。")


class NotPlanKeeper(Forbidden):
    code = "not_plan_keeper"
    default_detail = _("只有物业公司管理员或本小区项目经理可以提交整改提升计划的完成情况。")


class NotImprovementPlan(Conflict):
    code = "not_improvement_plan"
    default_detail = _("只有整改提升计划可以标记完成。")


class PlanDone(Conflict):
    code = "plan_done"
    default_detail = _("该整改提升计划已由业委会确认完成。")


class PlanAlreadyReported(Conflict):
    code = "plan_already_reported"
    default_detail = _("物业已提交完成情况，正等待业委会确认。")


class PlanNotReported(Conflict):
    code = "plan_not_reported"
    default_detail = _("物业尚未提交完成情况，业委会暂不能确认或退回。")


class PlanNoteRequired(ValidationFailed):
    code = "plan_note_required"
    default_detail = _("请写明做了哪些整改。")
