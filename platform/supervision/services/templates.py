"""Checklist templates: a committee creates one (from the built-in library or its own items)
and edits it by adding versions; a version never changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from committee.selectors import is_supervisor
from estates.models import Estate

from ..choices import ServiceLine
from ..exceptions import InvalidItems, NotSupervisor
from ..library import library_items
from ..models import Template, TemplateItem, TemplateVersion

MAX_ITEMS = 200


@dataclass(frozen=True)
class ItemInput:
    title: str
    standard: str
    photo_required: bool = False
    weight: int = 1


def _check_items(items: list[ItemInput]) -> None:
    if not items:
        raise InvalidItems(fields={"items": [_("至少需要一个检查项。")]})
    if len(items) > MAX_ITEMS:
        raise InvalidItems(fields={"items": [_("检查项不能超过 %(n)d 个。") % {"n": MAX_ITEMS}]})
    for item in items:
        if not item.title.strip() or not 1 <= item.weight <= 10:
            raise InvalidItems(fields={"items": [_("每项须有名称，权重为 1–10。")]})


def _version(
    *, template: Template, number: int, name: str, items: list[ItemInput], by: User, now: datetime
) -> TemplateVersion:
    version = TemplateVersion.objects.create(
        template=template, number=number, name=name, created_by=by, created_at=now
    )
    TemplateItem.objects.bulk_create(
        TemplateItem(
            version=version,
            position=position,
            title=item.title.strip(),
            standard=item.standard.strip(),
            photo_required=item.photo_required,
            weight=item.weight,
        )
        for position, item in enumerate(items, start=1)
    )
    return version


@transaction.atomic
def template_create(
    *,
    user: User,
    estate: Estate,
    service_line: str,
    name: str,
    items: list[ItemInput] | None = None,
    now: datetime | None = None,
) -> Template:
    """A new template of the estate's committee; without items it copies the library's items
    of the service line (in Chinese, the source language)."""
    if not is_supervisor(user, estate.pk):
        raise NotSupervisor()
    now = now or timezone.now()
    if items is None:
        items = [
            ItemInput(i.title, i.standard, i.photo_required, i.weight)
            for i in library_items(service_line)
        ]
    _check_items(items)
    name = name.strip() or str(ServiceLine(service_line).label)
    template = Template.objects.create(
        estate=estate, service_line=service_line, name=name, created_by=user, created_at=now
    )
    _version(template=template, number=1, name=name, items=items, by=user, now=now)
    return template


@transaction.atomic
def template_version_add(
    *,
    user: User,
    template: Template,
    items: list[ItemInput],
    name: str = "",
    now: datetime | None = None,
) -> TemplateVersion:
    """An edit: the next version with the whole item list. Rounds keep the version they used."""
    if not is_supervisor(user, template.estate_id):
        raise NotSupervisor()
    _check_items(items)
    now = now or timezone.now()
    locked = Template.objects.select_for_update().get(pk=template.pk)
    last = locked.versions.order_by("-number").values_list("number", flat=True).first() or 0
    name = name.strip() or locked.name
    if name != locked.name:
        Template.objects.filter(pk=locked.pk).update(name=name)
    return _version(template=locked, number=last + 1, name=name, items=items, by=user, now=now)
