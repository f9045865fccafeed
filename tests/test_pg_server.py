"""The test suite's own PostgreSQL server: started by the session, one database per test."""

from __future__ import annotations


def test_each_test_gets_an_empty_database_of_its_own_on_a_real_server(pg_cluster, pg_url):
    import psycopg

    other = pg_cluster.new_database()
    assert other != pg_url
    with psycopg.connect(pg_url) as conn:
        version = conn.execute("SHOW server_version_num").fetchone()[0]
        assert int(version) >= 150000
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
        assert tables == 0
        conn.execute("CREATE TABLE t (x int)")
    with psycopg.connect(other) as conn:  # a table made in one test's database is not in another's
        assert conn.execute("SELECT to_regclass('public.t')").fetchone()[0] is None
