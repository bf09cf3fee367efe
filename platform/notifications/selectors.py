from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import User

from .models import Notification


def inbox(*, user: User, unread_only: bool = False) -> QuerySet[Notification]:
    qs = Notification.objects.filter(user=user)
    return qs.filter(read_at__isnull=True) if unread_only else qs


def unread_count(*, user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
