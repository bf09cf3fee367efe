"""An estate's configurable settings (domain.md), typed, with their defaults in ONE place.

    EstateSettings.from_estate(estate)      what modules read: every value typed, defaults filled
    EstateSettings.parse(data, base=...)    what writes go through: a partial update checked
                                            value by value (SettingsInvalid names the fields)
    settings.as_json()                      what is stored in `Estate.settings`

Reading never fails: a stored value that is missing or not valid reads as its default (rows
written before a setting existed). Writing never stores a value that would not read back.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar, Protocol, TypeVar

from django.utils.translation import gettext_lazy as _

from deadlines.policies import DEFAULT_YELLOW_AT

from .exceptions import SettingsInvalid


class HasSettings(Protocol):
    """An estate, or anything holding its settings JSON (the models import this module)."""

    settings: Any


T = TypeVar("T", bound="_Section")


@dataclass(frozen=True)
class _Section:
    """A group of numeric settings. `BOUNDS` gives each field's (low, high), both inclusive."""

    BOUNDS: ClassVar[dict[str, tuple[float, float]]] = {}

    @classmethod
    def _read(cls: type[T], raw: object, base: T, *, strict: bool) -> tuple[T, Any]:
        if not isinstance(raw, Mapping):
            return base, [str(_("应为一组设置。"))] if strict else {}
        errors: dict[str, Any] = {}
        values: dict[str, Any] = {}
        names = {f.name: f for f in dataclasses.fields(cls)}
        for key, value in raw.items():
            if key not in names:
                if strict:
                    errors[str(key)] = [str(_("没有这项设置。"))]
                continue
            kind = names[key].type
            checked = _number(value, whole=kind in ("int", int), bounds=cls.BOUNDS[key])
            if checked is None:
                low, high = cls.BOUNDS[key]
                errors[key] = [_bounds_message(kind in ("int", int), low, high)]
            else:
                values[key] = checked
        return dataclasses.replace(base, **values), errors

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def _flat(prefix: str, errors: object) -> list[tuple[str, list[str]]]:
    """{"escalation": {"yellow_at": [...]}} -> [("settings.escalation.yellow_at", [...])]."""
    if isinstance(errors, dict):
        return [
            item
            for key, value in errors.items()
            for item in _flat(f"{prefix}.{key}" if key else prefix, value)
        ]
    return [(prefix, [str(m) for m in errors])] if isinstance(errors, list) else []


def _bounds_message(whole: bool, low: float, high: float) -> str:
    if whole:
        return str(
            _("应为 %(low)s 到 %(high)s 之间的整数。") % {"low": f"{low:g}", "high": f"{high:g}"}
        )
    return str(
        _("应为 %(low)s 到 %(high)s 之间的数字。") % {"low": f"{low:g}", "high": f"{high:g}"}
    )


def _number(value: object, *, whole: bool, bounds: tuple[float, float]) -> float | int | None:
    """The value as an int (`whole`) or float within bounds, or None. Booleans and text are not
    numbers (JSON true is not 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    if whole:
        if isinstance(value, float) and not value.is_integer():
            return None
        value = int(value)
    else:
        value = float(value)
    low, high = bounds
    return value if low <= value <= high else None


@dataclass(frozen=True)
class SlaHours(_Section):
    """Hours allowed per clock: first response, plan, emergency fix, resolution."""

    BOUNDS: ClassVar[dict[str, tuple[float, float]]] = {
        "response": (0.5, 8760),
        "plan": (0.5, 8760),
        "emergency_fix": (0.5, 8760),
        "resolution": (0.5, 8760),
    }
    response: float = 24.0
    plan: float = 72.0
    emergency_fix: float = 8.0
    resolution: float = 72.0


@dataclass(frozen=True)
class Escalation(_Section):
    """A clock turns yellow at `yellow_at` of its budget; `plan_days` after a red plan clock
    the case is escalated again."""

    BOUNDS: ClassVar[dict[str, tuple[float, float]]] = {
        "yellow_at": (0.05, 0.99),
        "plan_days": (1, 365),
    }
    yellow_at: float = DEFAULT_YELLOW_AT
    plan_days: int = 3


@dataclass(frozen=True)
class Limits(_Section):
    """Resident intake limits: requests per day, near-duplicates of an open request."""

    BOUNDS: ClassVar[dict[str, tuple[float, float]]] = {
        "requests_per_day": (1, 1000),
        "near_duplicates": (0, 100),
    }
    requests_per_day: int = 10
    near_duplicates: int = 2


@dataclass(frozen=True)
class HotTopics(_Section):
    """How many similar requests make a hot topic for the committee's agenda."""

    BOUNDS: ClassVar[dict[str, tuple[float, float]]] = {"min_requests": (1, 1000)}
    min_requests: int = 3


_SECTIONS: dict[str, type[_Section]] = {
    "sla_hours": SlaHours,
    "escalation": Escalation,
    "limits": Limits,
    "hot_topics": HotTopics,
}
_DAYS: dict[str, tuple[float, float]] = {
    "auto_close_days": (1, 365),
    "rectification_days": (1, 365),
}


@dataclass(frozen=True)
class EstateSettings:
    """Every per-estate setting, typed. The defaults below are the only ones in the code."""

    sla_hours: SlaHours = field(default_factory=SlaHours)
    escalation: Escalation = field(default_factory=Escalation)
    limits: Limits = field(default_factory=Limits)
    hot_topics: HotTopics = field(default_factory=HotTopics)
    auto_close_days: int = 7
    rectification_days: int = 7

    @classmethod
    def from_json(cls, data: object) -> EstateSettings:
        """Stored JSON as settings; a missing or invalid value reads as its default."""
        settings, _errors = cls._parse(data, cls(), strict=False)
        return settings

    @classmethod
    def from_estate(cls, estate: HasSettings) -> EstateSettings:
        return cls.from_json(estate.settings)

    @classmethod
    def parse(cls, data: object, *, base: EstateSettings | None = None) -> EstateSettings:
        """A (partial) update on top of `base` (the defaults): every value is checked, unknown
        names are refused. Raises SettingsInvalid with a message per field."""
        settings, errors = cls._parse(data, base or cls(), strict=True)
        if errors:
            raise SettingsInvalid(fields=dict(_flat("settings", errors)))
        return settings

    @classmethod
    def _parse(
        cls, data: object, base: EstateSettings, *, strict: bool
    ) -> tuple[EstateSettings, dict[str, Any]]:
        if not isinstance(data, Mapping):
            return base, {"": [str(_("应为一组设置。"))]} if strict else {}
        errors: dict[str, Any] = {}
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key in _SECTIONS:
                section, problems = _SECTIONS[key]._read(raw, getattr(base, key), strict=strict)
                values[key] = section
                if problems:
                    errors[key] = problems
            elif key in _DAYS:
                days = _number(raw, whole=True, bounds=_DAYS[key])
                if days is None:
                    errors[key] = [_bounds_message(True, *_DAYS[key])]
                else:
                    values[key] = days
            elif strict:
                errors[str(key)] = [str(_("没有这项设置。"))]
        return dataclasses.replace(base, **values), errors

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)
