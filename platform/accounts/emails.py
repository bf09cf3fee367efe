"""E-mails sent by accounts, rendered in Chinese and English (Chinese first)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string


def send_invitation_email(*, to: str, link: str, firm_name: str, full_name: str) -> None:
    context = {
        "link": link,
        "firm_name": firm_name,
        "full_name": full_name,
        "days": settings.LINLI_INVITATION_DAYS,
    }
    send_mail(
        subject=f"邀请您加入 {firm_name}（邻里） / Invitation to {firm_name} on Linli",
        message=render_to_string("emails/invitation.txt", context),
        from_email=None,
        recipient_list=[to],
    )


def send_password_reset_email(*, to: str, link: str, site_name: str) -> None:
    send_mail(
        subject=f"重置密码 / Reset your password — {site_name}",
        message=render_to_string(
            "emails/password_reset.txt", {"link": link, "site_name": site_name}
        ),
        from_email=None,
        recipient_list=[to],
    )
