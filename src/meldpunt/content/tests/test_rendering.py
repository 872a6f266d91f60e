from html.parser import HTMLParser

import pytest

from meldpunt.content.rendering import ALLOWED_TAGS, CLASSES, html_sanitise, markdown_to_html, markdown_to_text

ATTACKS = [
    "<script>alert(1)</script>",
    "Tekst <script>alert(1)</script> erna",
    '<img src="x" onerror="alert(1)">',
    '<a href="https://ok.nl" onclick="alert(1)">klik</a>',
    "[klik](javascript:alert(1))",
    "[klik](JAVASCRIPT:alert(1))",
    "[klik](  javascript:alert(1))",
    "[klik](java&#x73;cript:alert(1))",
    "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[klik](vbscript:msgbox(1))",
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<div style="position:fixed">over de pagina</div>',
    "![plaatje](https://evil.example/x.png)",
    '[x](https://ok.nl "titel" onmouseover=alert(1))',
    '<p class="mp-exit">nep</p>',
]
# The same attacks as raw HTML straight into the sanitiser: the second layer holds on its own.
RAW_ATTACKS = [
    "<script>alert(1)</script><p>na</p>",
    '<p onclick="alert(1)" style="color:red">tekst</p>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">klik</a>',
    '<a href=" JaVaScRiPt:alert(1)">klik</a>',
    '<a href="data:text/html,<script>alert(1)</script>">klik</a>',
    '<iframe src="https://evil.example"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<form action="https://evil.example"><input name="x"></form>',
    '<h1 class="mp-exit" id="inhoud">kop</h1>',
    '<a href="https://ok.nl" target="_blank">ok</a>',
]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))


def _elements(html: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.found


def _assert_harmless(html: str) -> None:
    for tag, attrs in _elements(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs.items():
            assert not name.startswith("on") and name not in ("style", "id", "target", "src"), (name, html)
            if name == "class":
                assert value == CLASSES.get(tag), (tag, value)
            if name == "href":
                scheme = value.split(":", 1)[0].strip().lower() if ":" in value else ""
                assert scheme in ("", "http", "https", "mailto", "tel"), value


@pytest.mark.parametrize("markdown", ATTACKS)
def test_script_and_raw_html_are_neutralised(markdown):
    """No script element, event handler, javascript:/data: link, iframe, style, image or foreign class survives."""
    _assert_harmless(markdown_to_html(markdown))


@pytest.mark.parametrize("html", RAW_ATTACKS)
def test_sanitiser_alone_neutralises_raw_html(html):
    """Even raw HTML (which markdown never lets through) loses every element and attribute outside the allowlist."""
    cleaned = html_sanitise(html)
    _assert_harmless(cleaned)
    assert "alert(1)" not in cleaned.replace("&lt;", "<") or "<script" not in cleaned


def test_raw_html_is_shown_as_text():
    """Typed HTML is escaped and visible as text, not interpreted."""
    assert markdown_to_html("<b>vet</b>") == '<p class="utrecht-paragraph">&lt;b&gt;vet&lt;/b&gt;</p>\n'


@pytest.mark.parametrize(
    ("markdown", "href"),
    [
        ("[site](https://www.discriminatie.nl)", "https://www.discriminatie.nl"),
        ("[site](http://voorbeeld.nl)", "http://voorbeeld.nl"),
        ("[mail](mailto:info@voorbeeld.nl)", "mailto:info@voorbeeld.nl"),
        ("[bel](tel:08002000)", "tel:08002000"),
        ("[organisaties](/organisaties/)", "/organisaties/"),
        ("[klacht](klachtenprocedure/)", "klachtenprocedure/"),
    ],
)
def test_safe_links_are_kept_with_noopener(markdown, href):
    """http(s), mailto, tel and relative links stay, with rel="noopener noreferrer"."""
    html = markdown_to_html(markdown)
    assert f'href="{href}"' in html
    assert 'rel="noopener noreferrer"' in html


def test_headings_start_at_h2_and_get_design_system_classes():
    """A "#" heading becomes h2 (the page title is the only h1); elements get NL Design System classes."""
    html = markdown_to_html("# Kop\n\n##### Klein\n\nTekst met **vet** en *schuin*.\n\n- een\n- twee")
    assert '<h2 class="utrecht-heading-2">Kop</h2>' in html
    assert '<h4 class="utrecht-heading-4">Klein</h4>' in html
    assert "<h1" not in html and "<h5" not in html
    assert '<ul class="utrecht-unordered-list">' in html
    assert "<strong>vet</strong>" in html and "<em>schuin</em>" in html


def test_tables_blockquotes_and_code_are_allowed():
    """Tables, quotes and code blocks render with their design-system classes."""
    html = markdown_to_html("| a | b |\n|---|---|\n| 1 | 2 |\n\n> citaat\n\n    code")
    assert '<table class="utrecht-table utrecht-table--html-table">' in html
    assert '<blockquote class="utrecht-blockquote">' in html
    assert '<pre class="utrecht-code-block"><code class="utrecht-code">code' in html


def test_plain_text_has_one_line_per_block():
    """The plain text drops markup and ends each heading, paragraph and list item with a line break."""
    assert markdown_to_text("# Kop\n\nEen **zin** &amp; [link](https://x.nl).\n\n- een\n- twee") == (
        "Kop\nEen zin & link.\neen\ntwee"
    )
