"""Benchmark: the exact plan optimizer on the full catalog (20 touchpoints x none/lean/full).

Run with ``.venv/bin/python bench/bench_optimizer.py``. It times ``suggest`` (fit checks, values,
branch-and-bound, explanations) over a grid of profiles: every kind of business, teams of 1-5,
budgets from nothing to plenty in USD and in Toman, tight and loose hours, with and without marked
stages. The floor, measured in the same run, is ``evaluate`` on the same profiles: the same fit
checks and sentences for a fixed set, without any search. The ratio says what the search costs.
The target is under 100 ms per profile.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from touchdesk.catalog import BUSINESS_KIND_KEYS, STAGE_KEYS
from touchdesk.planner.knowledge import load
from touchdesk.planner.records import PlanProfile
from touchdesk.planner.suggest import evaluate, suggest


def profiles() -> list[PlanProfile]:
    result = []
    budgets = {"USD": (0, 100, 500, 1_000, 2_000, 5_000), "IRT": (0, 5e6, 2e7, 5e7, 1e8, 3e8)}
    for currency, amounts in budgets.items():
        for business in BUSINESS_KIND_KEYS:
            for team in (1, 2, 5):
                for amount in amounts:
                    for hours in (10, 40, 80, 160, 400):
                        for stages in ((), STAGE_KEYS[:2], STAGE_KEYS):
                            result.append(
                                PlanProfile(
                                    business, team, int(amount) * 100, currency, hours, stages
                                )
                            )
    return result


def main() -> None:
    knowledge = load()
    runs = profiles()
    times, floors = [], []
    for p in runs:
        t0 = time.perf_counter()
        s = suggest(knowledge, p)
        t1 = time.perf_counter()
        evaluate(knowledge, p, s.choices)
        t2 = time.perf_counter()
        times.append(t1 - t0)
        floors.append(t2 - t1)
    ms = [t * 1000 for t in times]
    floor = statistics.median(floors) * 1000
    print(f"profiles: {len(runs)}")
    print(
        f"suggest median {statistics.median(ms):.2f} ms, p95 {sorted(ms)[int(0.95 * len(ms))]:.2f} ms, max {max(ms):.2f} ms"
    )
    print(f"floor (evaluate, no search) median {floor:.2f} ms")
    print(f"ratio median suggest / floor: {statistics.median(ms) / floor:.1f}")
    print(f"ratio max suggest / floor: {max(ms) / floor:.1f}")
    print(f"profiles over 100 ms: {sum(m > 100 for m in ms)}")


if __name__ == "__main__":
    main()
