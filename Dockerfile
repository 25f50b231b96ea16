# Two stages: uv builds the virtual environment from the lock file in the first; the second, which runs,
# receives only that environment and the gunicorn settings: no uv, no pip cache, no compilers.
# Migrations are not run here: `spacetime migrate` runs once, as docker-compose.yml's `migrate` service,
# before any API or worker container starts.

FROM python:3.11-slim AS build
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never PIP_DISABLE_PIP_VERSION_CHECK=1
RUN pip install --no-cache-dir uv
WORKDIR /app
# The dependencies first, in a layer of their own, so that a change to the code does not rebuild them.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY src ./src
COPY alembic.ini ./
COPY alembic ./alembic
# The project itself as an installed package (not editable), with the migrations inside it.
RUN uv sync --frozen --no-dev --no-editable

FROM python:3.11-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PATH="/app/.venv/bin:$PATH" GUNICORN_BIND=0.0.0.0:8000
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin spacetime \
    && mkdir -p /app/var \
    && chown spacetime /app/var
WORKDIR /app
COPY --from=build /app/.venv /app/.venv
COPY deploy/gunicorn.conf.py deploy/gunicorn.conf.py
USER spacetime
EXPOSE 8000
# /healthz answers 200 once the database (and the broker, with the celery runner) answer. The image
# has no curl; the interpreter is there anyway. A worker container overrides this in docker-compose.yml.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"]
CMD ["gunicorn", "-c", "deploy/gunicorn.conf.py"]
