"""Machinery of the access matrix: the URLconf walk, the written-out expectation rows, and the
cases they expand to.

A row is one call (method, path, query, body). An `S(kind)` in the path, query or body names an
object; each is a *slot*. A row expands, per role, to the call with every slot in scope ("in"),
then for each slot in turn that slot pointing at the out-of-scope object of the same firm
("<slot>:out", estate OUTSIDE1) and at an id that exists only in the other firm
("<slot>:other"). The expected statuses per role are written out by hand:

    "200 | 404 404 | 400 400"   in, then (out, other) per slot in slot order
    "403"                       the same status for every variant

Nothing here reads `accounts.capabilities`: the table is the specification.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ("admin", "manager", "staff", "committee", "resident", "anon")
SESSION_ROLES = ("manager", "resident")  # the sample that also runs with a session cookie
API = "/api/v1/"


@dataclass(frozen=True)
class S:
    """A slot: the object of `kind` (a key of World.ids) that the variant chooses."""

    kind: str


@dataclass
class Row:
    method: str
    path: str  # relative to /api/v1/ unless it starts with "/"
    expect: dict[str, str]
    params: dict[str, S] = field(default_factory=dict)  # path parameters
    query: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    multipart: bool = False
    label: str = ""
    # variants that must write nothing even though they answer 2xx (the ids are ignored)
    inert: tuple[str, ...] = ()
    # variants whose answer may name an out-of-scope object: the caller holds its secret code
    discloses: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[str, str]:
        return (self.template, self.method)

    @property
    def template(self) -> str:
        return self.path if self.path.startswith("/") else API + self.path

    @property
    def name(self) -> str:
        return f"{self.method} {self.template}" + (f" [{self.label}]" if self.label else "")

    def slots(self) -> list[tuple[str, S]]:
        found: list[tuple[str, S]] = list(self.params.items())
        found += [(k, v) for k, v in self.query.items() if isinstance(v, S)]
        for key, value in (self.body or {}).items():
            if isinstance(value, S) or (
                isinstance(value, list) and value and isinstance(value[0], S)
            ):
                found.append((key, value if isinstance(value, S) else value[0]))
        return found

    def variants(self) -> list[str]:
        names = ["in"]
        for slot, _ in self.slots():
            names += [f"{slot}:out", f"{slot}:other"]
        return names

    def expected(self, role: str) -> dict[str, int]:
        text = self.expect[role]
        variants = self.variants()
        groups = [g.split() for g in text.split("|")]
        flat = [int(code) for group in groups for code in group]
        if len(flat) == 1:
            return dict.fromkeys(variants, flat[0])
        if (
            len(groups[0]) != 1
            or any(len(g) != 2 for g in groups[1:])
            or len(flat) != len(variants)
        ):
            raise AssertionError(f"{self.name}: {role} needs {len(variants)} codes, has {text!r}")
        return dict(zip(variants, flat, strict=True))


# --- the walk ------------------------------------------------------------------------------------

_NAMED = re.compile(r"\(\?P<(\w+)>[^)]*\)")
_CONVERTED = re.compile(r"<(?:\w+:)?(\w+)>")


def _piece(pattern: Any) -> str:
    text = str(pattern)
    if text.startswith("^(?!"):  # the web app's catch-all
        return "{spa}"
    text = text.removeprefix("^").removesuffix("$").removesuffix("\\Z")
    return _CONVERTED.sub(r"{\1}", _NAMED.sub(r"{\1}", text))


def _methods(callback: Any) -> list[str]:
    cls = getattr(callback, "cls", None)
    actions = getattr(callback, "actions", None)
    if cls is None:
        return ["GET"]  # a plain Django view (the web app's index)
    allowed = [m for m in cls.http_method_names if m not in ("head", "options")]
    if actions:
        return sorted(m.upper() for m in actions if m in allowed)
    return sorted(m.upper() for m in allowed if hasattr(cls, m))


def walk(urlconf: str = "config.urls_tenant") -> Iterator[tuple[str, str]]:
    """Every (path template, method) the firm host answers."""

    def visit(patterns: list[Any], prefix: str) -> Iterator[tuple[str, str]]:
        for entry in patterns:
            here = prefix + _piece(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from visit(entry.url_patterns, here)
            elif isinstance(entry, URLPattern):
                for method in _methods(entry.callback):
                    yield ("/" + here, method)

    yield from visit(get_resolver(urlconf).url_patterns, "")


# --- cases ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    row: Row
    role: str
    credential: str  # token | session | none
    variant: str
    status: int

    @property
    def id(self) -> str:
        return f"{self.row.name} {self.role}/{self.credential} {self.variant}"


def cases(rows: list[Row]) -> list[Case]:
    out = []
    for row in rows:
        for role in ROLES:
            if role not in row.expect:
                raise AssertionError(f"{row.name}: no expectation for {role}")
            expected = row.expected(role)
            credentials = ["none"] if role == "anon" else ["token"]
            if role in SESSION_ROLES:
                credentials.append("session")
            for credential in credentials:
                for variant in row.variants():
                    out.append(Case(row, role, credential, variant, expected[variant]))
    return out


def fill(value: Any, row: Row, variant: str, pick: Any) -> Any:
    """`value` with each slot replaced by the id the variant chooses (`pick(slot, kind, which)`)."""
    chosen, _, which = variant.partition(":")

    def one(slot: str, s: S) -> Any:
        return pick(s.kind, which if chosen == slot else "in")

    if isinstance(value, dict):
        result = {}
        for key, item in value.items():
            if isinstance(item, S):
                result[key] = one(key, item)
            elif isinstance(item, list) and item and isinstance(item[0], S):
                result[key] = [one(key, s) for s in item]
            else:
                result[key] = item
        return result
    return value
