"""Job-engine harnesses shared by the test packages: job builders, handlers, runner harnesses, job
databases and Celery workers."""
