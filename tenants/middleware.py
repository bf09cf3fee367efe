"""Host routing: `<slug>.<BASE_DOMAIN>` selects the firm's schema; BASE_DOMAIN is the platform.

`/healthz` and `/readyz` answer on every host, before any of this (config.health).
Unknown host: a clear 404 (JSON under /api/, a short page otherwise) that names nothing about
other firms. Suspended firm: 403 with code `firm_suspended`. The database unreachable during
the look-up: 503 `service_unavailable` with Retry-After, as the API answers it. This middleware
runs before the language middleware, so it picks the request's language itself
(Accept-Language, zh-hans).
"""

from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _
from django_tenants.middleware.main import TenantMainMiddleware

from config import health
from config.health import HEALTH_PATHS
from core.exceptions import DATABASE_UNREACHABLE, RETRY_AFTER_S, UNAVAILABLE_DETAIL

from .choices import FirmStatus

_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;
font-size:18px;line-height:1.6;color:#222}}h1{{font-size:1.6rem}}</style></head>
<body><h1>{title}</h1><p>{detail}</p></body></html>"""


def _answer(request: HttpRequest, status: int, code: str, title: str, detail: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "detail": detail, "fields": {}}, status=status)
    page = _PAGE.format(lang=translation.get_language(), title=escape(title), detail=escape(detail))
    return HttpResponse(page, status=status)


logger = logging.getLogger("linli.api")


class FirmMiddleware(TenantMainMiddleware):
    def no_tenant_found(self, request: HttpRequest, hostname: str) -> HttpResponse:
        with translation.override(translation.get_language_from_request(request)):
            return _answer(
                request,
                404,
                "unknown_host",
                _("未找到该地址"),
                _("此地址没有对应的物业公司，请检查网址。"),
            )

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        if request.path in HEALTH_PATHS:  # probes answer on any host, before firm routing
            return health.answer(request)
        try:
            response = super().process_request(request)
        except DATABASE_UNREACHABLE:  # the firm look-up is the first query: the database is away
            logger.error("database unreachable", exc_info=True)
            with translation.override(translation.get_language_from_request(request)):
                response = _answer(
                    request,
                    503,
                    "service_unavailable",
                    _("服务暂时不可用"),
                    str(UNAVAILABLE_DETAIL),
                )
            response["Retry-After"] = str(RETRY_AFTER_S)
            return response
        if response is not None:
            return response
        tenant = getattr(request, "tenant", None)
        if tenant is not None and getattr(tenant, "status", None) in (
            FirmStatus.SUSPENDED,
            FirmStatus.DELETED,
        ):
            with translation.override(translation.get_language_from_request(request)):
                return _answer(
                    request,
                    403,
                    "firm_suspended",
                    _("服务已暂停"),
                    _("该物业公司的服务已暂停，请联系平台管理员。"),
                )
        return None
