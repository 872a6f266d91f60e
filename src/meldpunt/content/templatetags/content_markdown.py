from django import template
from django.utils.safestring import SafeString, mark_safe

from meldpunt.content.rendering import markdown_to_html

register = template.Library()


@register.filter(name="markdown")
def markdown(value: str) -> SafeString:
    """Markdown from an administrator as HTML; safe because nh3 kept only the allowlist (content/rendering.py)."""
    return mark_safe(markdown_to_html(value or ""))  # noqa: S308
