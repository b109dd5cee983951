"""argmap: map a debate as an argument graph, check it, and render it."""

__version__ = "0.1.0"

#: Where argmap's sources and documentation live: SARIF links each rule to its page under `docs/`.
REPOSITORY = "https://github.com/argmap/argmap"
DOCS = f"{REPOSITORY}/blob/main/docs"
