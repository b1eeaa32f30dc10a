"""The PostgreSQL server behind a bench's DATABASE_URL, for creating and dropping databases."""

from urllib.parse import urlparse


def admin_connection(url: str):
    """An autocommit connection to the server's `postgres` database (CREATE DATABASE cannot
    run inside a transaction)."""
    import psycopg2

    parsed = urlparse(url)
    connection = psycopg2.connect(
        host=parsed.hostname, port=parsed.port or 5432, user=parsed.username,
        password=parsed.password, dbname="postgres",
    )  # fmt: skip
    connection.autocommit = True
    return connection
