"""Validation metrics gathered chunk by chunk in constant memory, then merged and reported.

Accuracy, log loss, RMSE, MAE, R² and inertia are exact sums. ROC AUC comes from two histograms of the
predicted probability in `AUC_BINS` equal bins: scores in one bin count as ties, so it may differ from
the exact value by at most the share of positive-negative pairs that fall in the same bin.
"""

from __future__ import annotations

from dataclasses import dataclass, field

AUC_BINS = 10_000

Metrics = dict[str, float]


@dataclass(slots=True)
class ClassificationTally:
    rows: int = 0
    correct: int = 0
    log_loss_sum: float = 0.0
    positives: list[int] = field(default_factory=lambda: [0] * AUC_BINS)
    negatives: list[int] = field(default_factory=lambda: [0] * AUC_BINS)

    def merge(self, other: ClassificationTally) -> None:
        self.rows += other.rows
        self.correct += other.correct
        self.log_loss_sum += other.log_loss_sum
        self.positives = [a + b for a, b in zip(self.positives, other.positives, strict=True)]
        self.negatives = [a + b for a, b in zip(self.negatives, other.negatives, strict=True)]

    def metrics(self) -> Metrics:
        if self.rows == 0:
            return {"rows": 0.0}
        return {
            "rows": float(self.rows),
            "accuracy": self.correct / self.rows,
            "log_loss": self.log_loss_sum / self.rows,
            "positive_rate": sum(self.positives) / self.rows,
            "roc_auc": binned_roc_auc(self.positives, self.negatives),
        }


def binned_roc_auc(positives: list[int], negatives: list[int]) -> float:
    """P(score of a positive > score of a negative), ties counting one half; 0.5 when a class is absent."""
    total_pos, total_neg = sum(positives), sum(negatives)
    if total_pos == 0 or total_neg == 0:
        return 0.5
    wins, negatives_below = 0.0, 0
    for pos, neg in zip(positives, negatives, strict=True):
        wins += pos * (negatives_below + neg / 2)
        negatives_below += neg
    return wins / (total_pos * total_neg)


@dataclass(slots=True)
class RegressionTally:
    rows: int = 0
    absolute_error_sum: float = 0.0
    squared_error_sum: float = 0.0
    target_sum: float = 0.0
    target_squared_sum: float = 0.0

    def merge(self, other: RegressionTally) -> None:
        self.rows += other.rows
        self.absolute_error_sum += other.absolute_error_sum
        self.squared_error_sum += other.squared_error_sum
        self.target_sum += other.target_sum
        self.target_squared_sum += other.target_squared_sum

    def metrics(self) -> Metrics:
        if self.rows == 0:
            return {"rows": 0.0}
        variance_sum = self.target_squared_sum - self.target_sum**2 / self.rows
        r2 = 1 - self.squared_error_sum / variance_sum if variance_sum > 0 else 0.0
        return {
            "rows": float(self.rows),
            "mae": self.absolute_error_sum / self.rows,
            "rmse": (self.squared_error_sum / self.rows) ** 0.5,
            "r2": r2,
        }


@dataclass(slots=True)
class ClusteringTally:
    rows: int = 0
    inertia_sum: float = 0.0

    def merge(self, other: ClusteringTally) -> None:
        self.rows += other.rows
        self.inertia_sum += other.inertia_sum

    def metrics(self) -> Metrics:
        if self.rows == 0:
            return {"rows": 0.0}
        return {"rows": float(self.rows), "mean_inertia": self.inertia_sum / self.rows}


Tally = ClassificationTally | RegressionTally | ClusteringTally


def combine(total: Tally | None, part: Tally) -> Tally:
    """`total` with `part` merged in (a new tally when `total` is None); both must be of one kind."""
    if total is None:
        return part
    match total, part:
        case ClassificationTally() as into, ClassificationTally() as more:
            into.merge(more)
        case RegressionTally() as into, RegressionTally() as more:
            into.merge(more)
        case ClusteringTally() as into, ClusteringTally() as more:
            into.merge(more)
        case _:
            raise TypeError(f"cannot merge a {type(part).__name__} into a {type(total).__name__}")
    return total
