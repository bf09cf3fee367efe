"""Host routing: `<slug>.<BASE_DOMAIN>` selects the firm's schema; BASE_DOMAIN is the platform.

Unknown host: a clear 404 (JSON under /api/, a short page otherwise) that names nothing about
other firms. Suspended firm: 403 with code `firm_suspended`.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django_tenants.middleware.main import TenantMainMiddleware

from .choices import FirmStatus

_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title>
<style>body{{font-family:system-ui,sans-serif;max-width:36rem;margin:15vh auto;padding:0 1rem;
font-size:18px;line-height:1.6;color:#222}}h1{{font-size:1.6rem}}</style></head>
<body><h1>{title}</h1><p>{zh}</p><p lang="en">{en}</p></body></html>"""


def _answer(
    request: HttpRequest, status: int, code: str, title: str, zh: str, en: str
) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"code": code, "detail": f"{zh} {en}", "fields": {}}, status=status)
    return HttpResponse(_PAGE.format(title=title, zh=zh, en=en), status=status)


class FirmMiddleware(TenantMainMiddleware):
    def no_tenant_found(self, request: HttpRequest, hostname: str) -> HttpResponse:
        return _answer(
            request,
            404,
            "unknown_host",
            "未找到该地址 / Not found",
            "此地址没有对应的物业公司，请检查网址。",
            "No firm is served at this address. Please check the URL.",
        )

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        response = super().process_request(request)
        if response is not None:
            return response
        tenant = getattr(request, "tenant", None)
        if tenant is not None and getattr(tenant, "status", None) == FirmStatus.SUSPENDED:
            return _answer(
                request,
                403,
                "firm_suspended",
                "服务已暂停 / Suspended",
                "该物业公司的服务已暂停，请联系平台管理员。",
                "This firm's service is suspended. Please contact the platform administrator.",
            )
        return None
