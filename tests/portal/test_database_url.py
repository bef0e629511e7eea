"""DATABASE_URL with a libpq host list: every process finds the primary after a failover."""

from portal.settings.base import database_from_url


def test_a_host_list_becomes_libpq_host_and_port_lists():
    config = database_from_url(
        "postgresql://portal:geheim@db1.internal:5432,db2.internal:6432/disnaker"
        "?target_session_attrs=read-write&connect_timeout=3"
    )
    assert config["HOST"] == "db1.internal,db2.internal"
    assert config["PORT"] == "5432,6432"
    assert (config["NAME"], config["USER"], config["PASSWORD"]) == ("disnaker", "portal", "geheim")
    assert config["OPTIONS"]["target_session_attrs"] == "read-write"
    assert config["ENGINE"] == "django.db.backends.postgresql"


def test_a_host_without_a_port_takes_the_default_and_one_host_is_as_before():
    assert database_from_url("postgresql://p@a,b:5433/d")["PORT"] == "5432,5433"
    single = database_from_url("postgresql://p@db1.internal:5433/d")
    assert (single["HOST"], single["PORT"]) == ("db1.internal", 5433)
