"""From the administrators' Markdown to safe HTML. Pure: no database.

Two layers, so one mistake is not enough for a script to reach a visitor: markdown-it renders with
raw HTML switched off (a `<script>` typed in the text is shown as text), then nh3 keeps only an
allowlist of elements and attributes, only http(s), mailto and tel links (and relative ones), drops
every `on*=` attribute and every `javascript:` URL, and gives links `rel="noopener noreferrer"`.
nh3 also sets the NL Design System classes, so no class from the text survives.
"""

import re
from html import unescape

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "a",
    "strong",
    "em",
    "blockquote",
    "code",
    "pre",
    "br",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
# The page's own title is the only h1; headings in the text start at h2 and stop at h4.
_HEADING_LEVELS = {"h1": "h2", "h5": "h4", "h6": "h4"}
CLASSES = {
    "p": "utrecht-paragraph",
    "h2": "utrecht-heading-2",
    "h3": "utrecht-heading-3",
    "h4": "utrecht-heading-4",
    "ul": "utrecht-unordered-list",
    "ol": "utrecht-ordered-list",
    "a": "utrecht-link utrecht-link--html-a",
    "blockquote": "utrecht-blockquote",
    "code": "utrecht-code",
    "pre": "utrecht-code-block",
    "table": "utrecht-table utrecht-table--html-table",
    "thead": "utrecht-table__header",
    "tbody": "utrecht-table__body",
    "tr": "utrecht-table__row",
    "th": "utrecht-table__header-cell",
    "td": "utrecht-table__cell",
}
_TAGS = re.compile(r"<[^>]*>")


def _shift_headings(state: object) -> None:
    tokens: list[Token] = state.tokens  # type: ignore[attr-defined]
    for token in tokens:
        if token.type in ("heading_open", "heading_close") and token.tag in _HEADING_LEVELS:
            token.tag = _HEADING_LEVELS[token.tag]


def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    parser.core.ruler.push("meldpunt_headings", _shift_headings)
    return parser


_markdown = _parser()


def markdown_to_html(text: str) -> str:
    """Safe HTML for `text` (Markdown), ready to be marked safe in a template."""
    return html_sanitise(_markdown.render(text))


def html_sanitise(html: str) -> str:
    """Only the allowlisted elements, attributes and link schemes of `html`, with our classes and rel."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        set_tag_attribute_values={tag: {"class": value} for tag, value in CLASSES.items()},
    )


def markdown_to_text(text: str) -> str:
    """The words a reader sees, without markup, one line per block (paragraph, heading, list item).

    For search, snippets and the readability hint: a heading or list item ends like a sentence.
    """
    html = _markdown.render(text)
    html = re.sub(r"</(p|h[1-6]|li|td|th|pre)>", "\n", html.replace("<br />", " "))
    lines = (" ".join(line.split()) for line in unescape(_TAGS.sub("", html)).splitlines())
    return "\n".join(line for line in lines if line)
