"""E-mails sent by accounts. The subject is in the language of the request that sends the mail;
the bodies (platform/templates/emails) are in Chinese and English, as the recipient has not
chosen a language yet."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils.translation import gettext


def send_invitation_email(*, to: str, link: str, firm_name: str, full_name: str) -> None:
    context = {
        "link": link,
        "firm_name": firm_name,
        "full_name": full_name,
        "days": settings.LINLI_INVITATION_DAYS,
    }
    send_mail(
        subject=gettext("邀请您加入 %(firm)s（邻里）") % {"firm": firm_name},
        message=render_to_string("emails/invitation.txt", context),
        from_email=None,
        recipient_list=[to],
    )


def send_password_reset_email(*, to: str, link: str, site_name: str) -> None:
    send_mail(
        subject=gettext("重置密码 — %(site)s") % {"site": site_name},
        message=render_to_string(
            "emails/password_reset.txt", {"link": link, "site_name": site_name}
        ),
        from_email=None,
        recipient_list=[to],
    )
