FROM python:3.11-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy
RUN pip install --no-cache-dir uv
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
COPY src ./src
COPY alembic.ini ./
COPY alembic ./alembic
COPY deploy ./deploy
RUN uv sync --frozen --no-dev
RUN useradd --system --home /app spacetime && mkdir -p /app/var && chown spacetime /app/var
USER spacetime
ENV PATH="/app/.venv/bin:$PATH" PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus
EXPOSE 8000
CMD ["sh", "-c", "mkdir -p $PROMETHEUS_MULTIPROC_DIR && spacetime migrate && exec gunicorn -c deploy/gunicorn.conf.py"]
