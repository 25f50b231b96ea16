"""Steps of features/analytics/summary.feature: the headline figures through the use case, and its
cache."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.analytics.summary import AnalyticsSummaryCommand, AnalyticsSummaryResult

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.support.analytics_datasets import History

scenarios("analytics/summary.feature")


@when("I ask for the summary", target_fixture="summary")
def ask_summary(container: RootContainer) -> AnalyticsSummaryResult:
    result: AnalyticsSummaryResult = container.analytics.summary().execute(AnalyticsSummaryCommand())
    return result


@then(parsers.parse("it counts {orders:d} orders and every customer who ordered once"))
def summary_counts(summary: AnalyticsSummaryResult, history: History, orders: int) -> None:
    # Customers are drawn at random, so a few of them may not have ordered at all.
    customers_who_ordered = len({order.customer_id for order in history.orders})
    assert customers_who_ordered > 250
    assert (summary.summary.orders, summary.summary.unique_customers) == (orders, customers_who_ordered)


@then("asking again is answered from the cache")
def answered_from_cache(container: RootContainer, summary: AnalyticsSummaryResult) -> None:
    again = container.analytics.summary().execute(AnalyticsSummaryCommand())
    assert (summary.cached, again.cached) == (False, True)
