"""truce: news articles in, structured political-event records out."""

__version__ = "0.1.0"
