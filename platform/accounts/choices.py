from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PLATFORM_ADMIN = "platform_admin", _("Platform admin")
    FIRM_ADMIN = "firm_admin", _("Firm admin")
    MANAGER = "manager", _("Estate manager")
    STAFF = "staff", _("Staff")
    COMMITTEE = "committee", _("Committee member")
    RESIDENT = "resident", _("Resident")
    AUDITOR = "auditor", _("Auditor")


FIRM_ROLES = [r for r in Role if r != Role.PLATFORM_ADMIN]


class Language(models.TextChoices):
    ZH_HANS = "zh-hans", "简体中文"
    EN = "en", "English"


class InvitationChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
