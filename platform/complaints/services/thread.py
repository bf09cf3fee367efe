"""The request's message thread (留言): the requester and the staff who handle the estate write
to each other, with photos; the other side is notified of each message."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from notifications.choices import NotificationKind
from notifications.services import notify

from ..exceptions import EmptyMessage, NotInThread, ThreadClosed
from ..models import RequestMessage, ServiceRequest
from ..selectors import thread_access_for
from ..uploads import Upload, check_uploads
from .intake import attachments_save
from .notify import link, managers_of
from .workflow import lock_request


@transaction.atomic
def message_post(
    *,
    request: ServiceRequest,
    author: User,
    body: str,
    uploads: list[Upload] | None = None,
    now: datetime | None = None,
) -> RequestMessage:
    """One message with its photos. The requester's reaches the assignee (the estate's managers
    while nobody is assigned); staff's reach the requester."""
    now = now or timezone.now()
    request = lock_request(request)
    access = thread_access_for(user=author, request=request)
    if not access:
        raise NotInThread()
    if access != "write":
        raise ThreadClosed()
    text = body.strip()
    uploads = uploads or []
    if not text and not uploads:
        raise EmptyMessage(fields={"body": [EmptyMessage.default_detail]})
    check_uploads(uploads)
    from_staff = request.requester_id != author.pk
    message = RequestMessage.objects.create(
        request=request, author=author, from_staff=from_staff, body=text, created_at=now
    )
    attachments_save(request=request, uploads=uploads, by=author, event=None, message=message)
    if from_staff:
        recipients = [request.requester] if request.requester else []
        title = format_lazy(_("{number} 有新回复"), number=request.number)
    else:
        recipients = [request.assignee] if request.assignee else managers_of(request.estate_id)
        title = format_lazy(_("住户留言：{number}"), number=request.number)
    notify(
        users=[u for u in recipients if u is not None and u.pk != author.pk],
        kind=NotificationKind.REQUEST_MESSAGE,
        title=title,
        body=text[:200],
        link=link(request),
        dedupe_key=f"request:{request.pk}:message:{message.pk}",
    )
    return message
