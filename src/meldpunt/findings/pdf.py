"""The final findings as an accessible PDF: tagged (PDF/UA-1), with a title, a language and embedded fonts.

WeasyPrint needs system libraries (Pango, HarfBuzz); it is imported only here, when a PDF is made, so
the rest of the site runs without them. The fonts ship with the app (fonts/, see LICENSE there), so the
PDF looks the same and embeds the same glyphs on every machine.
"""

import logging
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
# The findings document is one text for both sides, in the meldpunt's working language.
PDF_LANGUAGE = "nl"
# WeasyPrint logs every rendering step at INFO with %d placeholders; the project's log formatting passes
# arguments as text, which breaks those lines. The steps say nothing an operator needs: warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)


def pdf_associated_data(*, reference: str, round_number: int) -> bytes:
    """What the encrypted PDF is bound to: its case and round, so bytes moved elsewhere fail to decrypt."""
    return f"findings.FinalFindings:{reference}:{round_number}".encode()


def pdf_filename(*, reference: str, round_number: int) -> str:
    suffix = f"-{round_number}" if round_number > 1 else ""
    return f"bevindingen-{reference}{suffix}.pdf"


def findings_pdf_render(*, context: dict[str, Any]) -> bytes:
    """Render the final findings template to PDF/UA-1 bytes."""
    from weasyprint import HTML

    with translation.override(PDF_LANGUAGE):
        html = render_to_string(
            "findings/pdf/final.html",
            {
                **context,
                "language": PDF_LANGUAGE,
                "font_regular": (FONTS_DIR / "DejaVuSans.ttf").as_uri(),
                "font_bold": (FONTS_DIR / "DejaVuSans-Bold.ttf").as_uri(),
            },
        )
    pdf: bytes = HTML(string=html, base_url=FONTS_DIR.as_uri() + "/").write_pdf(pdf_variant="pdf/ua-1")
    return pdf
