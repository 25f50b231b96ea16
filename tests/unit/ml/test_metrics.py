"""Validation metrics summed chunk by chunk equal the metrics of the whole."""

from __future__ import annotations

import random

import pytest

from spacetime_service.domain.ml.metrics import (
    AUC_BINS,
    ClassificationTally,
    ClusteringTally,
    RegressionTally,
    binned_roc_auc,
    combine,
)


def _exact_auc(scores: list[float], labels: list[bool]) -> float:
    positives = [s for s, y in zip(scores, labels, strict=True) if y]
    negatives = [s for s, y in zip(scores, labels, strict=True) if not y]
    wins = sum(1.0 if p > n else 0.5 if p == n else 0.0 for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def _histograms(scores: list[float], labels: list[bool]) -> tuple[list[int], list[int]]:
    positives, negatives = [0] * AUC_BINS, [0] * AUC_BINS
    for score, label in zip(scores, labels, strict=True):
        bucket = min(int(score * AUC_BINS), AUC_BINS - 1)
        (positives if label else negatives)[bucket] += 1
    return positives, negatives


def test_binned_auc_matches_the_exact_auc_when_no_two_classes_share_a_bin() -> None:
    rng = random.Random(1)
    labels = [rng.random() < 0.3 for _ in range(400)]
    scores = [min(0.99999, max(0.0, rng.gauss(0.6 if y else 0.4, 0.15))) for y in labels]
    assert binned_roc_auc(*_histograms(scores, labels)) == pytest.approx(_exact_auc(scores, labels), abs=1e-3)


def test_binned_auc_of_perfect_reversed_and_one_class_scores() -> None:
    assert binned_roc_auc(*_histograms([0.9, 0.8, 0.1], [True, True, False])) == 1.0
    assert binned_roc_auc(*_histograms([0.1, 0.9], [True, False])) == 0.0
    assert binned_roc_auc(*_histograms([0.1, 0.9], [True, True])) == 0.5


def test_merged_classification_tallies_add_up() -> None:
    first = ClassificationTally(rows=2, correct=1, log_loss_sum=1.0)
    first.positives[10], first.negatives[5] = 1, 1
    second = ClassificationTally(rows=2, correct=2, log_loss_sum=0.5)
    second.positives[20], second.negatives[15] = 1, 1
    total = combine(combine(None, first), second)
    assert total.metrics() == {
        "rows": 4.0,
        "accuracy": 0.75,
        "log_loss": 0.375,
        "positive_rate": 0.5,
        "roc_auc": 0.75,
    }


def test_regression_metrics_from_sums() -> None:
    targets, predictions = [1.0, 2.0, 3.0, 4.0], [1.5, 2.0, 2.0, 4.0]
    tally = RegressionTally(
        rows=4,
        absolute_error_sum=sum(abs(p - t) for p, t in zip(predictions, targets, strict=True)),
        squared_error_sum=sum((p - t) ** 2 for p, t in zip(predictions, targets, strict=True)),
        target_sum=sum(targets),
        target_squared_sum=sum(t * t for t in targets),
    )
    metrics = tally.metrics()
    assert metrics["mae"] == pytest.approx(0.375)
    assert metrics["rmse"] == pytest.approx((1.25 / 4) ** 0.5)
    assert metrics["r2"] == pytest.approx(1 - 1.25 / 5.0)


def test_tallies_of_different_kinds_do_not_merge() -> None:
    with pytest.raises(TypeError):
        combine(ClusteringTally(rows=1), RegressionTally(rows=1))
    assert ClusteringTally().metrics() == {"rows": 0.0}
