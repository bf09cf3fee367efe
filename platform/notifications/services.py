"""Creating and reading notifications."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.functional import Promise

from accounts.models import User
from outbox.services import outbox_send

from .channels import CHANNELS
from .choices import NotificationKind
from .models import Notification

DELIVER_EMAIL = "notifications.deliver_email"  # notifications.tasks
DELIVER_SMS = "notifications.deliver_sms"  # notifications.tasks
# What is urgent enough for an SMS to those who opted in (issue #13 §2).
URGENT_KINDS = frozenset(
    {
        NotificationKind.ESCALATION_RED,
        NotificationKind.SUPERVISION_RED,
        NotificationKind.DISCLOSURE_PUBLISHED,
    }
)
SMS_TITLE_MAX = 30  # providers cap a template variable; the app shows the rest


def notify(
    *,
    users: Iterable[User],
    kind: str,
    title: str | Promise,
    body: str = "",
    link: str = "",
    dedupe_key: str,
    email: bool = True,
) -> list[Notification]:
    """Notify each user once per `dedupe_key`; returns only the notifications created now.
    A translatable `title` (gettext_lazy / format_lazy) is written in each recipient's own
    language. E-mails go out after commit, so a rolled-back action sends nothing; they are an
    outbox row of the same transaction, so an SMTP or broker outage delays them, never loses
    them."""
    people = {u.pk: u for u in users if u is not None and u.is_active}
    if not people:
        return []
    titles: dict[str, str] = {}  # the title once per language, not once per recipient

    def worded(user: User) -> str:
        language = user.language or settings.LANGUAGE_CODE
        if language not in titles:
            with translation.override(language):
                titles[language] = str(title)
        return titles[language]

    already = set(
        Notification.objects.filter(dedupe_key=dedupe_key, user_id__in=list(people)).values_list(
            "user_id", flat=True
        )
    )
    fresh = [
        Notification(
            user=user, dedupe_key=dedupe_key, kind=kind, title=worded(user), body=body, link=link
        )
        for pk, user in people.items()
        if pk not in already
    ]
    try:
        with transaction.atomic():  # one INSERT per 1,000 (a vote opening tells thousands)
            created = Notification.objects.bulk_create(fresh, batch_size=1000)
    except IntegrityError:
        # the same event notified at once elsewhere (notify_once): each user the careful way
        created = []
        for note in fresh:
            row, was_created = Notification.objects.get_or_create(
                user=note.user,
                dedupe_key=dedupe_key,
                defaults={"kind": kind, "title": note.title, "body": body, "link": link},
            )
            if was_created:
                created.append(row)
    if email and created:
        outbox_send(
            task=DELIVER_EMAIL, kwargs={"notification_ids": [n.pk for n in created]}, inline=True
        )
    texted = [n.pk for n in created if kind in URGENT_KINDS and _wants_sms(n.user)]
    if texted:
        outbox_send(task=DELIVER_SMS, kwargs={"notification_ids": texted})
    return created


def _wants_sms(user: User) -> bool:
    return bool(user.sms_urgent and user.phone)


def deliver_sms(*, notification_ids: list[int]) -> int:
    """Text each urgent notification not yet texted to its holder, if they still opt in. A
    provider failure raises (the outbox retries with backoff); those already sent are marked
    and skipped on the retry."""
    from sms.backends import get_backend

    backend = get_backend()
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .filter(pk=pk, smsed_at__isnull=True)
                .first()
            )
            if note is None:
                continue
            if _wants_sms(note.user):
                title = note.title
                if len(title) > SMS_TITLE_MAX:
                    title = title[: SMS_TITLE_MAX - 1] + "…"
                backend.send(note.user.phone, "urgent_notice", {"title": title})
                sent += 1
            note.smsed_at = timezone.now()
            note.save(update_fields=["smsed_at"])
    return sent


def deliver_email(*, notification_ids: list[int]) -> int:
    """Send the e-mail of each notification not yet e-mailed; marks them so a re-run skips."""
    sent = 0
    for pk in notification_ids:
        with transaction.atomic():
            note = (
                Notification.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("user")
                .filter(pk=pk, emailed_at__isnull=True)
                .first()
            )
            if note is None:
                continue
            if CHANNELS["email"].send(note):
                sent += 1
            note.emailed_at = timezone.now()
            note.save(update_fields=["emailed_at"])
    return sent


def mark_read(*, user: User, ids: list[int] | None = None) -> int:
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())
