"""The ONE way Linli prints: Chinese-text PDFs for the notice board, and QR codes on them.

`render_pdf` renders a Django template to an A4 PDF with WeasyPrint and Debian's Noto Sans CJK
fonts (`fonts-noto-cjk`, installed by dev.py). Templates extend `core/pdf/base.html`, which
sets the page, the font stack and print-friendly defaults; put the page content in
`{% block content %}`. `qr_svg` makes an inline SVG QR code (segno) to print next to a
statement's chain head or a vote's link. Both are pure functions of their input: no request,
no firm, no clock, so a report renders the same in a task as in a view."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

CJK_FONT = "Noto Sans CJK SC"


def render_html(template_name: str, context: dict[str, Any]) -> str:
    return render_to_string(template_name, {"cjk_font": CJK_FONT, **context})


def render_pdf(template_name: str, context: dict[str, Any]) -> bytes:
    """The template rendered to PDF bytes (A4, Chinese text in Noto Sans CJK SC)."""
    from weasyprint import HTML  # imported here: loading it costs ~0.5 s and most runs never print

    pdf = HTML(string=render_html(template_name, context)).write_pdf()
    assert pdf is not None
    return pdf


def qr_svg(text: str, *, scale: int = 3) -> str:
    """An inline <svg> QR code for `text` (error correction M: survives a creased notice)."""
    import segno

    return str(segno.make(text, error="m", micro=False).svg_inline(scale=scale, border=2))
