"""Rendering: views of the map (`views`), the visual language (`style`), and one module per
output form (`dot` for Graphviz's SVG/PNG/PDF/DOT, `html`, `mermaid`); `outputs` decides which
files a render writes and whether those on disk are current."""
