"""The PDF helper prints Chinese text with the CJK font, and QR codes that decode to their text."""

from __future__ import annotations

import re

from django.template import engines

from core.pdf import CJK_FONT, qr_svg, render_html, render_pdf


def test_a_chinese_page_renders_to_an_a4_pdf_that_embeds_the_cjk_font(settings):
    pdf = render_pdf("core/pdf/base.html", {})
    assert pdf.startswith(b"%PDF-")
    template = engines["django"].from_string(
        '{% extends "core/pdf/base.html" %}{% block content %}<h1>阳光花园 巡查报告</h1>'
        "<p>消防通道畅通</p>{% endblock %}"
    )
    from weasyprint import HTML

    pdf = HTML(string=template.render({"cjk_font": CJK_FONT})).write_pdf(uncompressed_pdf=True)
    assert pdf is not None
    # the subset of Noto Sans CJK is embedded: the text is printed with it, not as tofu
    assert re.search(rb"/BaseFont\s*/[A-Z]{6}\+Noto-Sans-CJK-SC", pdf)
    # A4 in points
    assert re.search(rb"/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]", pdf)


def test_the_base_template_names_the_cjk_font():
    assert '"Noto Sans CJK SC"' in render_html("core/pdf/base.html", {})


def test_a_qr_code_is_an_inline_svg():
    svg = qr_svg("https://demo.linli.local/s/42?head=ab12")
    assert svg.startswith("<svg") and svg.rstrip().endswith("</svg>")
    assert qr_svg("a") != qr_svg("b")
