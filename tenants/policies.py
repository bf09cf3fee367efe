"""Pure rules about firms: slug validity and the schema name derived from it."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

RESERVED_SLUGS = frozenset(
    {
        "www",
        "api",
        "admin",
        "public",
        "static",
        "media",
        "mail",
        "app",
        "platform",
        "assets",
        "cdn",
        "docs",
        "help",
        "support",
        "status",
        "blog",
        "ftp",
        "smtp",
        "imap",
        "pop",
        "ns1",
        "ns2",
        "localhost",
        "linli",
        "test",
        "dev",
        "staging",
        "firm-template",
        "template",
        "billing",
        "auth",
        "login",
        "root",
        "system",
    }
)
SLUG_MIN, SLUG_MAX = 3, 40
_SLUG_RE = re.compile(r"^[a-z](?:[a-z0-9-]*[a-z0-9])?$")


def slug_problem(slug: str) -> str | None:
    """Why `slug` cannot be a firm address, or None when it can.

    A slug is one DNS label: lowercase letters, digits and hyphens, starting with a letter,
    not ending with a hyphen, no double hyphen (punycode), 3-40 characters, not reserved.
    """
    if not slug:
        return _("请填写公司地址标识。")
    if not (SLUG_MIN <= len(slug) <= SLUG_MAX):
        return _("长度须在 %(min)d–%(max)d 个字符之间。") % {"min": SLUG_MIN, "max": SLUG_MAX}
    if not _SLUG_RE.match(slug) or "--" in slug:
        return _("只能使用小写字母、数字和连字符，须以字母开头、不能以连字符结尾。")
    if slug in RESERVED_SLUGS:
        return _("该地址为系统保留，请换一个。")
    return None


def schema_name_for(slug: str) -> str:
    """PostgreSQL schema for a firm slug. Slugs cannot contain '_', so this is one-to-one."""
    return "firm_" + slug.replace("-", "_")


def firm_host(slug: str, base_domain: str) -> str:
    return f"{slug}.{base_domain}"


def firm_url(slug: str, *, base_domain: str, scheme: str, port: str) -> str:
    port_part = f":{port}" if port and port not in {"80", "443"} else ""
    return f"{scheme}://{firm_host(slug, base_domain)}{port_part}/"
