from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("平台管理员")
    FIRM_ADMIN = "firm_admin", _("物业公司管理员")
    MANAGER = "manager", _("项目经理")
    STAFF = "staff", _("物业员工")
    COMMITTEE = "committee", _("业委会成员")
    RESIDENT = "resident", pgettext_lazy("role", "住户")
    AUDITOR = "auditor", _("审计员")
    # never granted: a platform admin acting in a firm under a running support grant holds it
    # for that request only (accounts.selectors.active_grants)
    SUPPORT = "support", _("平台支持")


FIRM_ROLES = [r for r in Role if r not in (Role.PLATFORM_ADMIN, Role.SUPPORT)]


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("邮件")
    PHONE = "phone", _("电话")
