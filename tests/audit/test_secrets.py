"""Production never runs on a development or missing secret, whichever entry point starts it.

Each test starts a real entry point in a fresh process (the `accord` command, or importing
accord.wsgi as any WSGI server does) with a clean environment, as an operator's server would.
"""

import os
import subprocess
import sys

import pytest

SECRET = "a-production-secret-key-" + "Q7x9" * 10
AUDIT = "an-audit-key-of-its-own-" + "k3Zp" * 6


def run(code_or_args, env_extra: dict, tmp_path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ACCORD_", "DJANGO_"))}
    env.update({"ACCORD_VAR_DIR": str(tmp_path), "ACCORD_ALLOWED_HOSTS": "accord.example"})
    env.update(env_extra)
    if isinstance(code_or_args, str):
        argv = [sys.executable, "-c", code_or_args]
    else:
        argv = [sys.executable, "-m", "accord.cli", *code_or_args]
    return subprocess.run(
        argv, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False
    )


IMPORT_WSGI = "import accord.wsgi"


@pytest.mark.parametrize("entry", [IMPORT_WSGI, ["check"]], ids=["wsgi", "cli"])
def test_without_a_secret_key_nothing_starts(tmp_path, entry):
    result = run(entry, {"ACCORD_AUDIT_KEY": AUDIT}, tmp_path)
    assert result.returncode != 0
    assert "ACCORD_SECRET_KEY is not set" in result.stderr
    assert "Set ACCORD_SECRET_KEY (or ACCORD_SECRET_KEY_FILE" in result.stderr


@pytest.mark.parametrize("entry", [IMPORT_WSGI, ["check"]], ids=["wsgi", "cli"])
def test_without_an_audit_key_nothing_starts(tmp_path, entry):
    result = run(entry, {"ACCORD_SECRET_KEY": SECRET}, tmp_path)
    assert result.returncode != 0
    assert "ACCORD_AUDIT_KEY is not set" in result.stderr


def test_the_cli_says_what_to_set_in_one_line_not_a_traceback(tmp_path):
    result = run(["migrate"], {}, tmp_path)
    assert result.returncode == 1
    assert result.stderr.startswith("accord: ACCORD_SECRET_KEY is not set")
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "accord.sqlite3").exists()


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"ACCORD_SECRET_KEY": "insecure-development-key-set-ACCORD_SECRET_KEY-in-production"},
            "ACCORD_SECRET_KEY is the public development key",
        ),
        ({"ACCORD_SECRET_KEY": "short"}, "ACCORD_SECRET_KEY is too short or too simple"),
        ({"ACCORD_AUDIT_KEY": "a" * 64}, "ACCORD_AUDIT_KEY is too short or too simple"),
        ({"ACCORD_AUDIT_KEY": SECRET}, "ACCORD_AUDIT_KEY must not be ACCORD_SECRET_KEY"),
        ({"ACCORD_AUDIT_KEY": f"audit:{SECRET}"}, "ACCORD_AUDIT_KEY must not be ACCORD_SECRET_KEY"),
    ],
    ids=["development-key", "short-secret", "simple-audit-key", "same-keys", "derived-audit-key"],
)
def test_a_public_weak_or_shared_key_is_refused(tmp_path, env, message):
    result = run(
        ["check"], {"ACCORD_SECRET_KEY": SECRET, "ACCORD_AUDIT_KEY": AUDIT, **env}, tmp_path
    )
    assert result.returncode == 1
    assert message in result.stderr


def test_with_both_keys_set_the_deploy_checks_pass(tmp_path):
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        {"ACCORD_SECRET_KEY": SECRET, "ACCORD_AUDIT_KEY": AUDIT},
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_secrets_are_read_from_files(tmp_path):
    (tmp_path / "secret").write_text(SECRET + "\n")
    (tmp_path / "audit").write_text(AUDIT + "\n")
    code = (
        "import accord.wsgi\n"
        "from django.conf import settings\n"
        f"print(settings.SECRET_KEY == {SECRET!r}, settings.AUDIT_KEY == {AUDIT!r})"
    )
    result = run(
        code,
        {
            "ACCORD_SECRET_KEY_FILE": str(tmp_path / "secret"),
            "ACCORD_AUDIT_KEY_FILE": str(tmp_path / "audit"),
        },
        tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ("missing", "ACCORD_AUDIT_KEY_FILE='{path}': the file cannot be read"),
        ("empty", "ACCORD_AUDIT_KEY_FILE='{path}' is empty"),
        ("both", "Both ACCORD_AUDIT_KEY and ACCORD_AUDIT_KEY_FILE are set"),
    ],
)
def test_a_bad_secret_file_fails_loudly_even_in_debug(tmp_path, setup, message):
    path = tmp_path / "audit"
    env = {"ACCORD_DEBUG": "1", "ACCORD_AUDIT_KEY_FILE": str(path)}
    if setup == "empty":
        path.write_text("\n")
    if setup == "both":
        path.write_text(AUDIT)
        env["ACCORD_AUDIT_KEY"] = AUDIT
    result = run(["check"], env, tmp_path)
    assert result.returncode == 1
    assert message.format(path=path) in result.stderr


def test_a_developer_machine_runs_on_development_keys(tmp_path):
    """`make demo` sets ACCORD_DEBUG=1 and no key; the audit key falls back to a derived one."""
    code = (
        "import accord.wsgi\n"
        "from django.conf import settings\n"
        "print(settings.DEBUG, settings.AUDIT_KEY == 'audit:' + settings.SECRET_KEY)"
    )
    result = run(code, {"ACCORD_DEBUG": "1"}, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True True"
