"""Incremental training, checkpoints that resume exactly, streaming prediction and feature extraction."""
