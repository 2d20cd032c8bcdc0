"""The topic query: a small boolean language that decides what is about the dispute."""

from mediespor.topic.query import Query, QuerySyntaxError, parse_query

__all__ = ["Query", "QuerySyntaxError", "parse_query"]
