"""Source documents the tests make themselves: a real PDF (written with pypdf, one text line per
`Tj` in Helvetica, pages as given) and an HTML page with the clutter real pages have."""

from __future__ import annotations

import io

from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose page N holds the lines `pages[N-1]`, with a text layer any extractor reads."""
    writer = PdfWriter()
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
                NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            }
        )
    )
    for lines in pages:
        page = writer.add_blank_page(width=612, height=792)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
        shown = "".join(f"({_escaped(line)}) Tj T* " for line in lines)
        content = DecodedStreamObject()
        content.set_data(f"BT /F1 11 Tf 14 TL 72 720 Td {shown}ET".encode("cp1252"))
        page[NameObject("/Contents")] = writer._add_object(content)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _escaped(line: str) -> str:
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def html(paragraphs: list[str], title: str = "An essay") -> bytes:
    """A page with a script, a style, navigation and a footer around the article's paragraphs."""
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html><head><title>{title}</title><style>p {{ color: red }}</style>
<script>document.write("Trees heat streets")</script></head>
<body><nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>{title}</h1>
{body}</article>
<!-- Trees heat streets -->
<footer>&copy; 2024</footer></body></html>
""".encode()
