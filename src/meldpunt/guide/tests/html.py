"""A small HTML reader for page tests: headings, focusable elements and links, as a browser would list them."""

from dataclasses import dataclass, field
from html.parser import HTMLParser

FOCUSABLE = {"a", "button", "input", "select", "textarea", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    children_text: list[str] = field(default_factory=list)


class PageReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag == "title":
            self._in_title = True
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        for element in self.open:
            element.text += data

    def headings(self) -> list[tuple[int, str]]:
        levels = {f"h{n}" for n in range(1, 7)}
        return [(int(e.tag[1]), " ".join(e.text.split())) for e in self.elements if e.tag in levels]

    def focusable(self) -> list[Element]:
        return [
            e
            for e in self.elements
            if e.tag in FOCUSABLE and (e.tag != "a" or "href" in e.attrs) and e.attrs.get("tabindex") != "-1"
        ]

    def links(self) -> list[Element]:
        return [e for e in self.elements if e.tag == "a" and "href" in e.attrs]

    def find(self, tag: str, **attrs: str) -> list[Element]:
        """Elements by tag and exact attribute values; `data_exit_link` means `data-exit-link`, `class_` `class`."""
        wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
        return [e for e in self.elements if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())]


def read_page(html: str) -> PageReader:
    reader = PageReader()
    reader.feed(html)
    reader.close()
    return reader
