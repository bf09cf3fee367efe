from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, DomainError, Forbidden, NotFound, ValidationFailed


class SlugTaken(Conflict):
    code = "slug_taken"
    default_detail = _("该物业公司地址已被占用。")
    constraints = ("tenants_firm_slug_key",)


class InvalidFirm(ValidationFailed):
    code = "invalid"


class FirmNotFound(NotFound):
    code = "firm_not_found"
    default_detail = _("没有这家物业公司。")


class ProvisioningFailed(DomainError):
    code = "provisioning_failed"
    status = 500
    default_detail = _("创建物业公司失败，未留下任何数据。请重试。")


class SupportPendingExists(Conflict):
    code = "support_pending_exists"
    default_detail = _("已有一条待批准的支持访问申请。")
    constraints = ("one_pending_support_request_per_firm",)


class SupportNotPending(Conflict):
    code = "support_not_pending"
    default_detail = _("该支持访问申请已处理。")


class SupportNotActive(Conflict):
    code = "support_not_active"
    default_detail = _("该支持访问已失效。")


class SupportGrantNotFound(NotFound):
    code = "support_grant_not_found"
    default_detail = _("没有这条支持访问记录。")


class SupportTicketInvalid(Forbidden):
    code = "support_ticket_invalid"
    default_detail = _("该进入链接无效或已过期，请从平台控制台重新进入。")


class SupportEnded(Forbidden):
    """The support access this session acted under is over (expired or revoked)."""

    code = "support_ended"
    default_detail = _("支持访问已结束。")


class SupportWriteRefused(Forbidden):
    code = "support_write_refused"
    default_detail = _("支持访问只能进行上线所需的操作（小区、楼栋房屋、导入、邀请员工）。")


class SupportPreapprovalNotFound(NotFound):
    code = "support_preapproval_not_found"
    default_detail = _("没有这条预先授权。")


class SupportPreapprovalEnded(Conflict):
    code = "support_preapproval_ended"
    default_detail = _("该预先授权已结束。")


class FirmOffboarding(Conflict):
    """The firm is being offboarded (or was): it is neither reactivated nor offboarded again."""

    code = "firm_offboarding"
    default_detail = _("该物业公司正在退出平台或已删除。")
    constraints = ("tenants_offboarding_firm_id_key",)


class OffboardingGraceNotOver(Conflict):
    code = "offboarding_grace_not_over"
    default_detail = _("宽限期尚未结束，暂时不能删除该物业公司的数据。")


class OffboardingNotReady(Conflict):
    code = "offboarding_not_ready"
    default_detail = _("档案尚未生成完毕，暂时不能删除该物业公司的数据。")


class OffboardingNotFound(NotFound):
    code = "offboarding_not_found"
    default_detail = _("该物业公司没有退出记录。")
