"""Turn one fetched page into an :class:`~mediespor.extract.article.Article` (pure, no I/O)."""

from mediespor.extract.article import Article, extract

__all__ = ["Article", "extract"]
