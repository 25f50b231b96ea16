"""scikit-learn and skops: the feature pipeline, the incremental estimators and the model store."""
