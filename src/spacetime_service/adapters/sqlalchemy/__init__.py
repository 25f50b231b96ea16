"""SQLAlchemy adapter: tables, imperative mapping, repositories, unit of work (SQLite and PostgreSQL)."""
