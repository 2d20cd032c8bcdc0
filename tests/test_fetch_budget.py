"""Time budgets: the run's deadline and each host's budget, on a clock the test moves."""

from __future__ import annotations

from mediespor.fetch.budget import TimeBudgets


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_host_budget_counts_charges_per_host():
    clock = Clock()
    b = TimeBudgets(max_run_s=1000, max_host_s=60, clock=clock)
    b.charge("a.dk", 45)
    b.charge("a.dk", 10)
    left = b.left("a.dk")
    assert left.kind == "host_budget" and left.seconds == 5 and not left.spent
    assert "max_host_s = 60 s" in left.reason and "a.dk" in left.reason
    b.charge("a.dk", 5)
    assert b.left("a.dk").spent
    assert b.left("b.dk").seconds == 60  # another host is untouched


def test_deadline_binds_when_it_is_nearer_than_the_host_budget():
    clock = Clock()
    b = TimeBudgets(max_run_s=100, max_host_s=60, clock=clock)
    clock.now += 70
    left = b.left("a.dk")
    assert left.kind == "deadline" and left.seconds == 30 and not b.run_over()
    clock.now += 30
    assert b.run_over() and b.left("a.dk").spent and b.left("a.dk").kind == "deadline"


def test_negative_charges_are_ignored():
    b = TimeBudgets(max_run_s=100, max_host_s=10, clock=Clock())
    b.charge("a.dk", -5)
    assert b.spent("a.dk") == 0
