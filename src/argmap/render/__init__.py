"""Rendering: views of the map (`views`), the visual language (`style`), and one module per
output form (`dot` for Graphviz's SVG/PNG/PDF/DOT, `html`, `mermaid`); `outputs` decides which
files a render writes and whether those on disk are current."""

#: Every output form, in the order files are written; here so that the command line can offer
#: them without importing Graphviz and the map's models (`argmap --help` stays fast).
FORMATS = ("svg", "png", "pdf", "dot", "html", "mermaid")
#: What `argmap render` writes unless told: what a reader opens (the HTML page holds the SVG, the
#: PNG shows a small view at a glance), so that a committed `output/` stays small; the A3 PDF, SVG
#: and DOT on demand with `--format` (docs/rendering.md).
DEFAULT_FORMATS = ("png", "html", "mermaid")
