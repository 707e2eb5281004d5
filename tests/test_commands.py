"""The `accord` command line: every command Accord adds is exercised here or in its app's tests."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.audit.models import AuditEntry
from accord.core.inputs import SiteValues
from accord.core.models import Nation, Site, User
from accord.core.services import site_update

SRC = Path(__file__).resolve().parents[1] / "src" / "accord"
TESTS = Path(__file__).resolve().parent


def _accord(*args, env_extra=None, timeout=120):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "accord.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        check=False,
    )


def test_every_command_accord_adds_has_a_test():
    commands = sorted(
        p.stem for p in SRC.glob("*/management/commands/*.py") if p.stem != "__init__"
    )
    corpus = "\n".join(p.read_text() for p in TESTS.rglob("test_*.py"))
    untested = [
        name
        for name in commands
        if not re.search(rf"call_command\(\s*\"{name}\"|_accord\(\s*\"{name}\"", corpus)
    ]
    assert not untested, f"commands without a test: {untested}"


def test_deploy_checks_pass_with_production_settings(tmp_path):
    result = _accord(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_extra={
            "ACCORD_SECRET_KEY": "a-production-key-" + "x7Q9" * 12,
            "ACCORD_AUDIT_KEY": "an-audit-key-of-its-own-" + "k3Zp" * 8,
            "ACCORD_ALLOWED_HOSTS": "accord.example",
            "ACCORD_VAR_DIR": str(tmp_path),
        },
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_serve_refuses_production_without_a_secret_key(tmp_path):
    result = _accord("serve", env_extra={"ACCORD_VAR_DIR": str(tmp_path)})
    assert result.returncode == 1
    assert "Set ACCORD_SECRET_KEY" in result.stderr


def test_a_bad_setting_fails_loudly_at_start(tmp_path):
    result = _accord("check", env_extra={"ACCORD_DEBUG": "maybe", "ACCORD_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "ACCORD_DEBUG='maybe'" in result.stderr


def test_load_scenario_twice_changes_nothing(db):
    out = StringIO()
    call_command("load_scenario", stdout=out)
    assert re.search(r"0 created, 0 changed, \d+ unchanged", out.getvalue())


def test_load_scenario_refuses_a_malformed_file_naming_the_line(db, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "nations:\n"
        "  - {iso3: ABC, name: Abcland}\n"
        "sites:\n"
        "  - {id: far, name: Far away, kind: spoke, lat: 95, lon: 10}\n"
    )
    entries_before = AuditEntry.objects.filter(outcome="done").count()
    with pytest.raises(CommandError, match=r"bad.yaml, line 4, sites\[0\]\.lat"):
        call_command("load_scenario", str(bad))
    assert not Nation.objects.filter(iso3="ABC").exists()
    assert not Site.objects.filter(code="far").exists()
    assert AuditEntry.objects.filter(outcome="done").count() == entries_before


def test_load_scenario_names_a_missing_file(db):
    with pytest.raises(CommandError, match="no such file"):
        call_command("load_scenario", "/nonexistent/scenario.yaml")


def test_demo_run_again_keeps_what_users_changed_and_prints_the_logins(db, persona):
    site = Site.objects.get(code="taac_north")
    site_update(
        actor=persona("admin"),
        site=site,
        values=SiteValues(counterpart="209th Corps, renamed by a user"),
        expected_version=site.version,
    )
    out = StringIO()
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert "already holds the mission" in text
    site.refresh_from_db()
    assert site.counterpart == "209th Corps, renamed by a user"
    assert "Demo users: 0 created" in text
    assert "spoke-north" in text
    assert "accord-demo" in text
    assert "Two-factor sign-in is not required in the demo" in text
    assert User.objects.filter(username="delegation-rus", nation__iso3="RUS").exists()


def test_the_demo_serves_the_friendly_error_pages_on_development_keys():
    """``ACCORD_DEMO=1`` (``make demo``) runs without real secrets but never shows Django's
    technical 404 page, which lists every URL pattern."""
    shown = _accord(
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.DEBUG, settings.DEVELOPMENT)",
        env_extra={"ACCORD_DEMO": "1", "ACCORD_VAR_DIR": "/nonexistent"},
    )
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.split() == ["False", "True"]


PRODUCTION_KEYS = {
    "ACCORD_SECRET_KEY": "a-production-key-" + "x7Q9" * 12,
    "ACCORD_AUDIT_KEY": "an-audit-key-of-its-own-" + "k3Zp" * 8,
}
SHOW_SIGN_IN = (
    "from django.conf import settings; "
    "print(settings.ACCORD_TWO_FACTOR_REQUIRED, settings.ACCORD_OIDC)"
)


def test_two_factor_is_required_in_production_and_not_in_the_demo(tmp_path):
    """Administrators, fund managers and auditors set up two-factor sign-in in production by
    default; ``make demo`` leaves it off so that the printed logins work."""
    production = _accord(
        "shell",
        "--no-imports",
        "-c",
        SHOW_SIGN_IN,
        env_extra={**PRODUCTION_KEYS, "ACCORD_VAR_DIR": str(tmp_path)},
    )
    assert production.returncode == 0, production.stderr
    assert production.stdout.split() == ["True", "False"]
    demo = _accord(
        "shell",
        "--no-imports",
        "-c",
        SHOW_SIGN_IN,
        env_extra={"ACCORD_DEMO": "1", "ACCORD_VAR_DIR": str(tmp_path)},
    )
    assert demo.stdout.split() == ["False", "False"]


def test_single_sign_on_half_configured_fails_loudly_at_start(tmp_path):
    result = _accord(
        "check",
        env_extra={
            "ACCORD_DEBUG": "1",
            "ACCORD_VAR_DIR": str(tmp_path),
            "ACCORD_OIDC_CLIENT_ID": "accord",
            "ACCORD_OIDC_CLIENT_SECRET": "s3cret",
            "ACCORD_OIDC_AUTHORIZATION_ENDPOINT": "https://sso.example.org/authorize",
        },
    )
    assert result.returncode != 0
    assert "ACCORD_OIDC_TOKEN_ENDPOINT" in result.stderr
    assert "ACCORD_OIDC_JWKS_ENDPOINT" in result.stderr


def test_audit_seal_and_verify(db):
    out = StringIO()
    call_command("audit", "seal", stdout=out)
    assert re.match(r"Sealed \d+ entr", out.getvalue())
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    assert "The audit trail is intact" in out.getvalue()
