"""launchcheck: find contradictions between news articles about one launch."""

__version__ = "0.1.0"
