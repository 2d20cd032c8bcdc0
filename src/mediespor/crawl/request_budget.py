"""``--max-requests``: how many URL fetches a run may make, as discovery's getter sees it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mediespor.failures import FailureKind
from mediespor.fetch import Fetcher
from mediespor.models import FetchResult
from mediespor.store.db import utcnow


@dataclass
class Budget:
    """How many more URL fetches this run may make (``--max-requests``); None is unlimited."""

    remaining: int | None

    def take(self) -> bool:
        """Use one request; False when none is left."""
        if self.remaining is None:
            return True
        if self.remaining <= 0:
            return False
        self.remaining -= 1
        return True


@dataclass
class BudgetGetter:
    """The fetcher as discovery sees it, refusing requests beyond the run's budget."""

    fetcher: Fetcher
    budget: Budget
    exhausted: bool = False
    #: Each source's first failed request: a source whose discovery failed because the budget
    #: refused it is skipped for this run, not broken.
    first_failure: dict[str, FailureKind] = field(default_factory=dict)

    async def get(self, url: str, *, source: str, **options: Any) -> FetchResult:
        """:meth:`Fetcher.get <mediespor.fetch.Fetcher.get>`, while the budget lasts."""
        if not self.budget.take():
            self.exhausted = True
            result = FetchResult(
                url=url, final_url=None, status=None, fetched_at=utcnow(),
                error_kind=FailureKind.BUDGET, error="--max-requests reached; left for the next run",
            )  # fmt: skip
        else:
            result = await self.fetcher.get(url, source=source, **options)
        if result.error_kind is not None:
            self.first_failure.setdefault(source, result.error_kind)
        return result
