"""The tasks a model can learn: what it predicts, from which records, and which features it may use.

A feature is allowed for a task when its source provides every field it reads and it does not read
the target (which would leak the answer into the input).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.features import FEATURES, Feature, require_feature
from spacetime_service.domain.ml.fields import RecordSource
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from collections.abc import Sequence


class TaskKind(StrEnum):
    CLASSIFICATION = "classification"
    REGRESSION = "regression"
    CLUSTERING = "clustering"


@dataclass(frozen=True, slots=True)
class Task:
    """`target` is the field the task predicts (None for clustering)."""

    name: str
    kind: TaskKind
    source: RecordSource
    target: str | None
    default_features: tuple[str, ...]
    description: str

    def allows(self, feature: Feature) -> bool:
        provided = self.source.fields
        return all(field in provided for field in feature.reads) and self.target not in feature.reads

    @property
    def allowed_features(self) -> tuple[str, ...]:
        return tuple(name for name, feature in FEATURES.items() if self.allows(feature))

    def require_features(self, names: Sequence[str]) -> tuple[str, ...]:
        """The chosen features in allow-list order, without repeats; the defaults when none are chosen."""
        chosen = set(names) or set(self.default_features)
        for name in chosen:
            if not self.allows(require_feature(name)):
                raise InvalidInput(
                    f"feature {name!r} is not allowed for task {self.name!r}; "
                    f"allowed: {', '.join(self.allowed_features)}",
                    field="features",
                )
        return tuple(name for name in FEATURES if name in chosen)

    def label(self, target_value: object) -> float:
        """The number the estimator learns for a record's target value."""
        if self.name == ORDER_RETURNED:
            return 1.0 if target_value == OrderStatus.RETURNED else 0.0
        if self.kind is TaskKind.REGRESSION and isinstance(target_value, int | float):
            return float(target_value)
        raise ValueError(f"task {self.name!r} has no label for {target_value!r}")


ORDER_RETURNED = "order_returned"
ORDER_QUANTITY = "order_quantity"
PRODUCT_SEGMENTS = "product_segments"

TASKS: dict[str, Task] = {
    task.name: task
    for task in (
        Task(
            ORDER_RETURNED,
            TaskKind.CLASSIFICATION,
            RecordSource.ORDERS,
            "status",
            # Not created_at by default: on the demo shop it adds nothing to the in-memory fit's ROC AUC
            # and costs the one-epoch streaming run 0.2 points (docs/benchmarks-ml.md). It stays on
            # the allow-list for a client that asks for it.
            ("quantity", "unit_price", "discount", "product_price", "category"),
            "probability that an order is returned (status == returned)",
        ),
        Task(
            ORDER_QUANTITY,
            TaskKind.REGRESSION,
            RecordSource.ORDERS,
            "quantity",
            ("unit_price", "discount", "product_price", "category", "created_at"),
            "quantity of an order line",
        ),
        Task(
            PRODUCT_SEGMENTS,
            TaskKind.CLUSTERING,
            RecordSource.PRODUCTS,
            None,
            ("product_price", "product_stock", "category"),
            "segments of similar products (k-means clusters)",
        ),
    )
}


def require_task(name: str) -> Task:
    try:
        return TASKS[name]
    except KeyError:
        raise InvalidInput(f"unknown task {name!r}; known: {', '.join(TASKS)}", field="task") from None
