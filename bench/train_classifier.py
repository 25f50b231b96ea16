"""Streaming training of `order_returned` against in-memory fits on the same features and split.

    uv run --frozen python bench/train_classifier.py --orders 1000000 --db var/bench/orders-1m.db

Fills the SQLite file with a seeded catalog and order history if it has no orders yet (the return
probability depends on category, price, discount and quantity), then runs each contender in a fresh
process and prints a Markdown table: wall time, peak RSS (ru_maxrss), accuracy and ROC AUC on the rows
held out by the model's split (blake2b of id and seed, 10 %). Wall time excludes the imports of NumPy,
SciPy, scikit-learn and SQLAlchemy; peak RSS includes them.

Contenders: the service's streaming run (10k-row chunks, one epoch, checkpoint every 10 chunks, ROC AUC
from its 10,000-bin histogram); every row loaded into one matrix, then `SGDClassifier.fit` (same
hyperparameters, 5 epochs) or `LogisticRegression.fit` (lbfgs), scored with sklearn's exact ROC AUC.
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

FEATURES = ("quantity", "unit_price", "discount", "product_price", "category", "created_at")
CONTENDERS = ("streaming partial_fit", "in-memory SGDClassifier.fit", "in-memory LogisticRegression.fit")
SEED = 42


def fill(db: Path, products: int, orders: int, seed: int) -> None:
    """A seeded history written with sqlite3 directly (money in cents, UTC text as the tables keep it)."""
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sqlalchemy.tables import metadata
    from spacetime_service.domain.catalog import CATEGORIES

    db.parent.mkdir(parents=True, exist_ok=True)
    metadata.create_all(create_engine(f"sqlite:///{db}"))
    connection = sqlite3.connect(db)
    if connection.execute("select count(*) from orders").fetchone()[0]:
        return
    rng = np.random.default_rng(seed)
    category = rng.integers(0, len(CATEGORIES), products)
    price = np.round(np.exp(rng.normal(3.5, 1.0, products)) * 100).astype(np.int64) + 99
    stamp = "2024-01-01 00:00:00.000000"
    connection.executemany(
        "insert into products values (?,?,?,?,?,?,?,?,?)",
        (
            (
                i + 1,
                f"SKU-{i + 1:07d}",
                f"{CATEGORIES[c]} item {i + 1}",
                "",
                CATEGORIES[c],
                int(p),
                int(rng.integers(0, 500)),
                stamp,
                stamp,
            )
            for i, (c, p) in enumerate(zip(category, price, strict=True))
        ),
    )
    risk = np.linspace(-0.8, 0.8, len(CATEGORIES))
    start = np.datetime64("2024-01-01T00:00:00")
    for first in range(0, orders, 200_000):
        n = min(200_000, orders - first)
        product = rng.integers(0, products, n)
        quantity = rng.integers(1, 7, n)
        discount = rng.choice([0.0, 0.0, 0.1, 0.25], n)
        unit_price = np.round(price[product] * (1 - discount)).astype(np.int64)
        score = (
            -2.2
            + risk[category[product]]
            + 0.25 * np.log1p(unit_price / 100)
            + 0.15 * quantity
            + 1.5 * discount
        )
        returned = rng.random(n) < 1 / (1 + np.exp(-score))
        status = np.where(returned, "returned", np.where(rng.random(n) < 0.5, "placed", "shipped"))
        created = start + rng.integers(0, 730 * 86_400, n).astype("timedelta64[s]")
        connection.executemany(
            "insert into orders values (?,?,?,?,?,?,?)",
            (
                (
                    first + k + 1,
                    int(rng.integers(1, 100_000)),
                    int(product[k]) + 1,
                    int(quantity[k]),
                    int(unit_price[k]),
                    str(status[k]),
                    str(created[k]).replace("T", " ") + ".000000",
                )
                for k in range(n)
            ),
        )
        connection.commit()
    connection.close()


def streaming(db: Path) -> dict[str, float]:
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory
    from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
    from spacetime_service.adapters.sqlalchemy.training_rows import SqlAlchemyTrainingDataSource
    from spacetime_service.application.ml.incremental_training import IncrementalTraining
    from spacetime_service.application.ml.observer import SilentObserver
    from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest

    request = TrainingRequest(ModelSpec("order_returned", FEATURES, seed=SEED), chunk_rows=10_000)
    with tempfile.TemporaryDirectory() as models:
        source = SqlAlchemyTrainingDataSource(create_engine(f"sqlite:///{db}"))
        training = IncrementalTraining(source, SklearnModelTrainerFactory(), SkopsModelStore(Path(models)))
        metrics = training.run("bench", request, SilentObserver()).metrics
    return {"accuracy": metrics["accuracy"], "roc_auc": metrics["roc_auc"], "rows": metrics["rows"]}


def in_memory(db: Path, contender: str) -> dict[str, float]:
    from scipy import sparse
    from sklearn.linear_model import LogisticRegression, SGDClassifier
    from sklearn.metrics import roc_auc_score
    from sklearn.preprocessing import StandardScaler
    from sqlalchemy import create_engine

    from spacetime_service.adapters.sklearn.feature_pipeline import SklearnFeaturePipeline
    from spacetime_service.adapters.sqlalchemy.training_rows import SqlAlchemyTrainingDataSource
    from spacetime_service.domain.ml.features import FEATURES as ALL
    from spacetime_service.domain.ml.features import fields_read_by
    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange
    from spacetime_service.domain.ml.split import is_validation_row

    source = SqlAlchemyTrainingDataSource(create_engine(f"sqlite:///{db}"))
    fields = (*fields_read_by(ALL[name] for name in FEATURES), "status")
    upper = source.upper_id(RecordSource.ORDERS, DataRange()) or 0
    columns: dict[str, list[object]] = {name: [] for name in fields}
    ids: list[int] = []
    for chunk in source.chunks(
        RecordSource.ORDERS, DataRange(), fields, after_id=0, upper_id=upper, chunk_rows=100_000
    ):
        ids.extend(chunk.ids)
        for name in fields:
            columns[name].extend(chunk.columns[name])
    everything = RecordChunk(ids, columns)
    pipeline = SklearnFeaturePipeline(FEATURES)
    held_out = np.fromiter((is_validation_row(i, SEED, 0.1) for i in ids), dtype=bool, count=len(ids))
    labels = np.fromiter((s == "returned" for s in columns["status"]), dtype=np.float64, count=len(ids))
    scaler = StandardScaler().fit(pipeline.numeric_block(everything)[~held_out])
    matrix = sparse.csr_matrix(pipeline.matrix(everything, scaler))
    del everything, columns
    if contender == CONTENDERS[1]:
        model = SGDClassifier(
            loss="log_loss", alpha=1e-4, learning_rate="adaptive", eta0=0.01, random_state=SEED
        )
    else:
        model = LogisticRegression(max_iter=200)
    model.fit(matrix[~held_out], labels[~held_out])
    probability = model.predict_proba(matrix[held_out])[:, 1]
    truth = labels[held_out]
    return {
        "accuracy": float(((probability >= 0.5) == (truth == 1.0)).mean()),
        "roc_auc": float(roc_auc_score(truth, probability)),
        "rows": float(held_out.sum()),
    }


PRELOAD = (
    "scipy.sparse",
    "sklearn.linear_model",
    "sklearn.metrics",
    "sklearn.preprocessing",
    "sqlalchemy",
    "spacetime_service.adapters.sklearn.skops_model_store",
    "spacetime_service.adapters.sklearn.sklearn_model_trainer",
    "spacetime_service.adapters.sqlalchemy.training_rows",
    "spacetime_service.application.ml.incremental_training",
)


def child(contender: str, db: Path) -> None:
    """Imports first, so that the wall time is the work's alone (imports compile slowly on a cold cache)."""
    import importlib

    for module in PRELOAD:
        importlib.import_module(module)
    started = time.perf_counter()
    result = streaming(db) if contender == CONTENDERS[0] else in_memory(db, contender)
    result["seconds"] = time.perf_counter() - started
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--orders", type=int, default=1_000_000)
    parser.add_argument("--products", type=int, default=20_000)
    parser.add_argument("--db", type=Path, default=Path("var/bench/orders.db"))
    parser.add_argument("--child", choices=CONTENDERS)
    parser.add_argument("--only", choices=CONTENDERS, action="append")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.db)
        return
    started = time.perf_counter()
    fill(args.db, args.products, args.orders, SEED)
    print(f"data ready in {time.perf_counter() - started:.1f} s: {args.db}", file=sys.stderr)
    print("| contender | wall | peak RSS | accuracy | ROC AUC |\n|---|---|---|---|---|")
    for contender in args.only or CONTENDERS:
        output = subprocess.run(
            [sys.executable, __file__, "--child", contender, "--db", str(args.db)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"| {contender} | {r['seconds']:.1f} s | {r['peak_mb']:,.0f} MB | {r['accuracy']:.4f} "
            f"| {r['roc_auc']:.4f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
