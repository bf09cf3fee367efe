"""E-mails sent by accounts, each in one language: the recipient's saved `language` (the
default, zh-hans, for someone who has not chosen one), never the sender's. Subject and body
are rendered under the same language; the bodies are templates in
`accounts/templates/accounts/emails/`, Chinese source text with the English in this app's
catalogue."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext


def _language(language: str) -> str:
    known = {code for code, _name in settings.LANGUAGES}
    return language if language in known else settings.LANGUAGE_CODE


def send_invitation_email(
    *, to: str, link: str, firm_name: str, full_name: str, language: str
) -> None:
    context = {
        "link": link,
        "firm_name": firm_name,
        "full_name": full_name,
        "days": settings.LINLI_INVITATION_DAYS,
    }
    with translation.override(_language(language)):
        subject = gettext("邀请您加入 %(firm)s（邻里）") % {"firm": firm_name}
        body = render_to_string("accounts/emails/invitation.txt", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])


def send_password_reset_email(*, to: str, link: str, site_name: str, language: str) -> None:
    context = {
        "link": link,
        "site_name": site_name,
        "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
    }
    with translation.override(_language(language)):
        subject = gettext("重置密码 — %(site)s") % {"site": site_name}
        body = render_to_string("accounts/emails/password_reset.txt", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[to])
