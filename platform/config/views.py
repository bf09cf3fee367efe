"""Serves the built web app (frontend/dist/index.html) for every non-API path."""

from __future__ import annotations

from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import ensure_csrf_cookie

_NOT_BUILT = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><title>邻里 Linli</title>
<body style="font-family:system-ui;max-width:40rem;margin:10vh auto;font-size:18px">
<h1>邻里 Linli</h1><p>{message}</p><p><a href="/api/docs/">/api/docs/</a></p></body></html>"""


@lru_cache(maxsize=1)
def _index_html(mtime: float) -> str:
    return (settings.FRONTEND_DIST / "index.html").read_text(encoding="utf-8")


@ensure_csrf_cookie
def spa(request: HttpRequest) -> HttpResponse:
    index = settings.FRONTEND_DIST / "index.html"
    if not index.exists():
        message = _("前端尚未构建。请运行 python3 dev.py run。")
        return HttpResponse(_NOT_BUILT.format(lang=translation.get_language(), message=message))
    response = HttpResponse(_index_html(index.stat().st_mtime))
    response["Cache-Control"] = "no-cache"
    return response
