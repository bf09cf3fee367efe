from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from core.exceptions import Conflict, DomainError, NotFound, ValidationFailed


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
