"""argmap: map a debate as an argument graph, check it, and render it."""

__version__ = "0.1.0"
