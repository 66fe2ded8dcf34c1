"""Turns a lesson's plain text into paragraphs and lists, so workers write lessons without
code or markup, and screen readers get real lists."""

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def lesson_html(text: str) -> str:
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    html = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:].strip())}</li>" for line in lines)
            html.append(f"<ul>{items}</ul>")
        else:
            html.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return mark_safe("\n".join(html))  # noqa: S308 - every piece of text is escaped above


@register.filter
def first_radio_id(field) -> str:
    """The id an error summary links to: the field itself, or a radio group's first radio."""
    return field.id_for_label or f"{field.auto_id}_0"
