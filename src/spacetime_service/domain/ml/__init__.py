"""Machine learning: tasks, the feature allow-list, training requests, model versions and their aliases."""
