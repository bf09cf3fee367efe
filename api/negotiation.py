"""Content negotiation that never answers 406: when the Accept header names nothing the view
renders (a typo, a stray header, `text/html` on a JSON endpoint), the view's first renderer
answers anyway, as RFC 9110 §12.5.1 allows. Every client of this API reads JSON; a 406 would
only turn a usable answer into an undocumented error. An explicit `?format=` that does not
exist stays a 404 (DRF's behaviour)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rest_framework import exceptions
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.renderers import BaseRenderer
from rest_framework.request import Request


class FirstRendererFallback(DefaultContentNegotiation):
    def select_renderer(
        self, request: Request, renderers: Iterable[BaseRenderer], format_suffix: str | None = None
    ) -> tuple[BaseRenderer, str]:
        given: list[Any] = list(renderers)
        try:
            return super().select_renderer(request, given, format_suffix)  # type: ignore[no-any-return]
        except exceptions.NotAcceptable:
            fmt = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
            usable: list[Any] = self.filter_renderers(given, fmt) if fmt else given
            return usable[0], usable[0].media_type
