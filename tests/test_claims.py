"""The notebooks' rule for conclusions: a direction is named only when the interval names it."""

from korea1950.teaching.claims import Claims, notebook_worlds


def test_a_direction_is_named_only_when_the_interval_excludes_zero():
    claims = Claims()
    said = claims.say("US intervention", 0.05, 0.02, 0.08)
    assert said.endswith("higher (+0.050 [+0.020, +0.080])")
    assert "lower" in claims.say("armistice", -0.05, -0.08, -0.01)
    assert "cannot tell" in claims.say("Incheon", 0.02, -0.01, 0.06)
    assert "no change" in claims.say("invasion", 0.0, 0.0, 0.0)
    assert [c["direction"] for c in claims.made] == ["+", "-", "0", "0"]


def test_the_worlds_come_from_the_environment_or_the_shipped_default(monkeypatch):
    monkeypatch.delenv("KOREA1950_NOTEBOOK_WORLDS", raising=False)
    assert notebook_worlds() == 20_000
    monkeypatch.setenv("KOREA1950_NOTEBOOK_WORLDS", "1000")
    assert notebook_worlds() == 1000
