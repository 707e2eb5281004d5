"""Accord's settings: every value comes from the environment, with safe defaults.

A bad value fails loudly at start rather than being half-understood. The database is chosen by one
URL, ``ACCORD_DATABASE_URL``: ``sqlite:///path/to/file`` (the default, under ``./var/``) or
``postgresql://user@host:5432/name``. ``ACCORD_DEBUG=1`` is for a developer's machine only, and
``ACCORD_DEMO=1`` for the demo (development keys, without the debug pages); the
defaults are production settings: without ``ACCORD_SECRET_KEY`` and ``ACCORD_AUDIT_KEY`` (or their
``*_FILE`` twins) nothing starts, and with them and ``ACCORD_ALLOWED_HOSTS`` set
``accord check --deploy`` passes.
"""

import os
from pathlib import Path

import dj_database_url
import django.conf.locale
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("ACCORD_VAR_DIR", Path.cwd() / "var"))


def envbool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in {"1", "true", "yes", "on"}:
        return True
    if raw.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}={raw!r}: use 1/0, true/false, yes/no or on/off")


def envint(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={raw!r}: expected a whole number") from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("ACCORD_DEBUG", False)
TESTING = envbool("ACCORD_TESTING", False)
# The demo (`make demo`): development keys, plain HTTP and mail to the console like a developer's
# machine, but the pages a user meets are the real ones: a friendly 404 and 500, never Django's
# technical pages, which list every URL pattern and the settings.
DEMO = envbool("ACCORD_DEMO", False)


def envsecret(name: str) -> str:
    """A secret from ``NAME`` or, as Healthchecks does, from the file ``NAME_FILE`` names (a
    Docker secret, a systemd credential): the file's content without its final newline."""
    value = os.environ.get(name, "")
    path = os.environ.get(f"{name}_FILE", "")
    if value and path:
        raise ImproperlyConfigured(f"Both {name} and {name}_FILE are set: keep only one of them.")
    if not path:
        return value
    try:
        value = Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeError) as exc:
        raise ImproperlyConfigured(
            f"{name}_FILE={path!r}: the file cannot be read ({exc}). "
            f"Point {name}_FILE at a readable file that holds the secret."
        ) from None
    if not value.strip():
        raise ImproperlyConfigured(f"{name}_FILE={path!r} is empty: write the secret into it.")
    return value


# A developer's machine (ACCORD_DEBUG=1) and the test suite may run on development keys; anything
# else is production, and every entry point (the `accord` command, accord.wsgi under any WSGI
# server) stops here at import without real ones.
DEVELOPMENT = DEBUG or TESTING or DEMO
INSECURE_DEVELOPMENT_KEY = "insecure-development-key-set-ACCORD_SECRET_KEY-in-production"
_NEW_KEY = "python3 -c 'import secrets; print(secrets.token_urlsafe(64))'"


def require_production_secret(name: str, value: str, *, min_length: int) -> None:
    """Refuse a missing, public or weak secret outside development, saying what to set."""
    if DEVELOPMENT:
        return
    how = (
        f"Set {name} (or {name}_FILE, the path of a file holding it) to {min_length} or more "
        f"random characters, made for instance with: {_NEW_KEY}. On a developer's machine, "
        "ACCORD_DEBUG=1 runs on development keys instead."
    )
    if not value:
        raise ImproperlyConfigured(f"{name} is not set, and Accord does not run without it. {how}")
    if INSECURE_DEVELOPMENT_KEY in value or value.startswith("django-insecure"):
        raise ImproperlyConfigured(f"{name} is the public development key. {how}")
    if len(value) < min_length or len(set(value)) < 5:
        raise ImproperlyConfigured(
            f"{name} is too short or too simple ({len(value)} characters). {how}"
        )


SECRET_KEY = envsecret("ACCORD_SECRET_KEY") or (INSECURE_DEVELOPMENT_KEY if DEVELOPMENT else "")
require_production_secret("ACCORD_SECRET_KEY", SECRET_KEY, min_length=50)

# The audit trail's entries carry an HMAC under this key, so a row written behind Accord's back
# (without the key) is told apart from one Accord wrote. It is its own secret: derived from the
# secret key, anyone who learns that key (or, in development, reads this file) could forge
# entries that verify; and rotating the session key must not orphan the trail. Development falls
# back to a key derived from the development secret, so a demo database keeps verifying.
AUDIT_KEY = envsecret("ACCORD_AUDIT_KEY") or (f"audit:{SECRET_KEY}" if DEVELOPMENT else "")
require_production_secret("ACCORD_AUDIT_KEY", AUDIT_KEY, min_length=32)
if not DEVELOPMENT and AUDIT_KEY in (SECRET_KEY, f"audit:{SECRET_KEY}"):
    raise ImproperlyConfigured(
        "ACCORD_AUDIT_KEY must not be ACCORD_SECRET_KEY or made from it: set it to a secret of "
        f"its own, made for instance with: {_NEW_KEY}."
    )

ALLOWED_HOSTS = envlist("ACCORD_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("ACCORD_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "django_htmx",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "mozilla_django_oidc",
    "django_tasks_db",
    "accord.core",
    "accord.audit",
    "accord.council",
    "accord.funds",
    "accord.budget",
    "accord.transit",
    "accord.fleet",
    "accord.training",
    "accord.jobs",
    "accord.documents",
    "accord.search",
    "accord.notifications",
    "accord.personnel",
    "accord.situation",
    "accord.oversight",
    "accord.advising",
    "accord.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "accord.middleware.RefuseNulCharacters",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language from the cookie, else Accept-Language; ReaderPreferences below puts a signed-in
    # user's own choice (and time zone) over it.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "accord.middleware.Authentication",
    # request.user.is_verified(): whether this session passed the second factor (django-otp).
    "accord.middleware.SecondFactor",
    "accord.middleware.ReaderPreferences",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A user whose role requires a second factor and who has none yet sets one up first.
    "accord.web.middleware.TwoFactorRequired",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "accord.middleware.Htmx",
    # A database lock not granted in time answers 503 with Retry-After, never a 500.
    "accord.middleware.DatabaseBusy",
    # Last, so that it sees the authenticated user and can lock out after repeated failures.
    "axes.middleware.AxesMiddleware",
]

# Django's messages, cookie then session, their storage holding its request weakly (as the
# lazy user and request.htmx above: accord.middleware says why).
MESSAGE_STORAGE = "accord.middleware.Messages"

ROOT_URLCONF = "accord.urls"
WSGI_APPLICATION = "accord.wsgi.application"

TEMPLATES = [
    {
        # Django's engine, each page's context let go once the page is rendered (its module).
        "BACKEND": "accord.web.rendering.DjangoTemplates",
        "NAME": "django",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
                "accord.web.context_processors.accord",
                "accord.notifications.context.inbox",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("ACCORD_DATABASE_URL", f"sqlite:///{VAR_DIR / 'accord.sqlite3'}")
if not DATABASE_URL.startswith(("sqlite://", "postgres://", "postgresql://")):
    raise ImproperlyConfigured(
        f"ACCORD_DATABASE_URL={DATABASE_URL!r}: use sqlite:///path/to/file or postgresql://..."
    )
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # A newcomer's first command creates ./var/ rather than failing to open the file.
    if DATABASES["default"]["NAME"] not in ("", ":memory:"):
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # Connections are kept between requests (conn_max_age above), as on PostgreSQL: opening one
    # reads the whole schema again and runs the PRAGMAs below, which cost a served request more
    # than the rest of a small page or API call (measured, served: the public training
    # statistics' API answer at a median of 17 ms with a connection per request, 3 ms kept).
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at BEGIN
        # so two writers queue instead of failing with "database is locked" mid-transaction.
        # The WAL is copied back into the database (a checkpoint, with its flushes to disk) by
        # the commit that takes it past wal_autocheckpoint pages: every 1,000 by default, which a
        # ledger posting (29 pages) reaches every 34 postings. At 10,000 pages (40 MB of WAL at
        # most) a page written again and again (an account, an index's last page) is copied back
        # once per checkpoint instead of ten times: one posting at a time took 29% less time and
        # 10% less processor (five interleaved pairs of 500 postings, docs/operations.md).
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;"
        ),
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
_test_url = os.environ.get("ACCORD_TEST_DATABASE_URL")
if TESTING and _test_url:
    DATABASES["default"] = dj_database_url.parse(_test_url)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Django's model backend, the user read with their standing in one statement.
    "accord.core.readers.ReaderBackend",
]
# Django's database sessions, the session's row read by a statement compiled once.
SESSION_ENGINE = "accord.core.readers"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Fast hashing in tests only; production keeps argon2 first.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "web:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:portal"

# Lockout: five failures for one username from one address lock it for 30 minutes.
AXES_FAILURE_LIMIT = envint("ACCORD_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = envint("ACCORD_LOGIN_COOLOFF_MINUTES", 30) / 60
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_VERBOSE = False

# Two-factor sign-in (docs/operations.md, "Sign-in"): a TOTP authenticator and recovery codes
# (django-otp). Required for the roles below when ACCORD_TWO_FACTOR_REQUIRED is on (the default
# in production; the demo and a developer's machine leave it off so that the printed logins
# work); optional for everyone else. API tokens are not affected.
ACCORD_TWO_FACTOR_REQUIRED = envbool("ACCORD_TWO_FACTOR_REQUIRED", not DEVELOPMENT)
ACCORD_TWO_FACTOR_ROLES = envlist("ACCORD_TWO_FACTOR_ROLES", "administrator,fund_manager,auditor")
ACCORD_RECOVERY_CODES = 10
# How long the second step may wait after the password was accepted.
ACCORD_TWO_FACTOR_STEP_SECONDS = envint("ACCORD_TWO_FACTOR_STEP_SECONDS", 300)
OTP_TOTP_ISSUER = os.environ.get("ACCORD_TOTP_ISSUER", "Accord")

# Passkeys (WebAuthn, docs/operations.md, "Passkeys"): the relying party's ID is the site's
# domain, never an address (browsers refuse one); by default the first allowed host that is a
# name, else "localhost". The origins are the addresses the pages are served from.


def _webauthn_rp_id() -> str:
    for host in ALLOWED_HOSTS:
        name = host.lstrip(".")
        address = ":" in name or name.replace(".", "").isdigit()
        if name not in ("", "*", "testserver") and not address:
            return name
    return "localhost"


ACCORD_WEBAUTHN_RP_ID = os.environ.get("ACCORD_WEBAUTHN_RP_ID") or _webauthn_rp_id()
ACCORD_WEBAUTHN_ORIGIN = envlist(
    "ACCORD_WEBAUTHN_ORIGIN",
    f"https://{ACCORD_WEBAUTHN_RP_ID}"
    + (f",http://{ACCORD_WEBAUTHN_RP_ID}:8000" if DEVELOPMENT else ""),
)
# How long a passkey's challenge stays good (each is used once).
ACCORD_WEBAUTHN_CHALLENGE_SECONDS = envint("ACCORD_WEBAUTHN_CHALLENGE_SECONDS", 300)

# Single sign-on through OpenID Connect (mozilla-django-oidc), on when ACCORD_OIDC_CLIENT_ID is
# set. Each endpoint is given (no discovery at start: a provider down must not stop Accord).
# Which claims give the username, the nation and the roles: docs/operations.md, "Single sign-on".
ACCORD_OIDC = bool(os.environ.get("ACCORD_OIDC_CLIENT_ID"))
OIDC_RP_CLIENT_ID = os.environ.get("ACCORD_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = envsecret("ACCORD_OIDC_CLIENT_SECRET")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("ACCORD_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("ACCORD_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("ACCORD_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("ACCORD_OIDC_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = os.environ.get("ACCORD_OIDC_SIGN_ALGORITHM", "RS256")
OIDC_RP_SCOPES = os.environ.get("ACCORD_OIDC_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = envint("ACCORD_OIDC_TIMEOUT_SECONDS", 10)
OIDC_AUTHENTICATION_CALLBACK_URL = "web:sign-on-callback"
LOGIN_REDIRECT_URL_FAILURE = "/login/"
ACCORD_OIDC_USERNAME_CLAIM = os.environ.get("ACCORD_OIDC_USERNAME_CLAIM", "preferred_username")
ACCORD_OIDC_NATION_CLAIM = os.environ.get("ACCORD_OIDC_NATION_CLAIM", "nation")
ACCORD_OIDC_ROLES_CLAIM = os.environ.get("ACCORD_OIDC_ROLES_CLAIM", "roles")
ACCORD_OIDC_SITE_CLAIM = os.environ.get("ACCORD_OIDC_SITE_CLAIM", "site")
# "provider-group=accord-role,...": the provider's names for Accord's roles, where they differ.
ACCORD_OIDC_ROLE_MAP = dict(
    item.split("=", 1) for item in envlist("ACCORD_OIDC_ROLE_MAP", "") if "=" in item
)
if ACCORD_OIDC:
    _missing = [
        name
        for name, value in [
            ("ACCORD_OIDC_CLIENT_SECRET", OIDC_RP_CLIENT_SECRET),
            ("ACCORD_OIDC_AUTHORIZATION_ENDPOINT", OIDC_OP_AUTHORIZATION_ENDPOINT),
            ("ACCORD_OIDC_TOKEN_ENDPOINT", OIDC_OP_TOKEN_ENDPOINT),
            ("ACCORD_OIDC_USERINFO_ENDPOINT", OIDC_OP_USER_ENDPOINT),
            ("ACCORD_OIDC_JWKS_ENDPOINT", OIDC_OP_JWKS_ENDPOINT),
        ]
        if not value
    ]
    if _missing:
        raise ImproperlyConfigured(
            f"ACCORD_OIDC_CLIENT_ID is set, so single sign-on is on, but {', '.join(_missing)} "
            "is not: set each from your provider's /.well-known/openid-configuration."
        )
    AUTHENTICATION_BACKENDS.append("accord.web.sign_on.SignOnBackend")

LANGUAGE_CODE = "en-gb"
# The council's working languages, English and Russian, and the two languages of the Afghan
# institutions: Dari (written ``fa-af``: Persian as written in Afghanistan, CLDR's fa_AF) and
# Pashto. Dari and Pashto are written right to left.
LANGUAGES = [
    ("en-gb", "English"),
    ("ru", "Русский"),
    ("fa-af", "دری"),
    ("ps", "پښتو"),
]
# Django knows Persian but not Dari by that name, and not Pashto at all.
EXTRA_LANG_INFO = {
    language: {"bidi": True, "code": language, "name": name, "name_local": local}
    for language, name, local in [("fa-af", "Dari", "دری"), ("ps", "Pashto", "پښتو")]
}
LANG_INFO = {**django.conf.locale.LANG_INFO, **EXTRA_LANG_INFO}
# Django's own list of right-to-left languages lacks Pashto.
LANGUAGES_BIDI = ["he", "ar", "ar-dz", "ckb", "fa", "ps", "ug", "ur"]
django.conf.locale.LANG_INFO = LANG_INFO
# Texts of the modules outside an app (the error catalogue, money); each app keeps its own.
LOCALE_PATHS = [Path(__file__).resolve().parent / "locale"]
LANGUAGE_COOKIE_NAME = "accord_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = os.environ.get("ACCORD_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True
# A list's filters offer "Any" first, in the reader's language, not django-filter's "---------".
FILTERS_EMPTY_CHOICE_LABEL = gettext_lazy("Any")

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Attachments (accord.documents, docs/documents.md): kept through Django's storage API under the
# alias "documents", in ACCORD_DOCUMENTS_DIR (default var/documents) on the file system, or in an
# S3-compatible store when ACCORD_DOCUMENTS_S3_BUCKET is set (the extra ``accord[s3]``).
ACCORD_DOCUMENTS_DIR = Path(os.environ.get("ACCORD_DOCUMENTS_DIR", VAR_DIR / "documents"))
if os.environ.get("ACCORD_DOCUMENTS_S3_BUCKET"):
    STORAGES["documents"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["ACCORD_DOCUMENTS_S3_BUCKET"],
            "endpoint_url": os.environ.get("ACCORD_DOCUMENTS_S3_ENDPOINT") or None,
            "region_name": os.environ.get("ACCORD_DOCUMENTS_S3_REGION") or None,
            "access_key": envsecret("ACCORD_DOCUMENTS_S3_ACCESS_KEY") or None,
            "secret_key": envsecret("ACCORD_DOCUMENTS_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    STORAGES["documents"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        # No base_url: an attachment is served only through its access-checked view.
        "OPTIONS": {"location": ACCORD_DOCUMENTS_DIR, "base_url": None},
    }
# What an attachment may be: its size, and its kinds (as sniffed from its content).
ACCORD_DOCUMENT_MAX_MB = envint("ACCORD_DOCUMENT_MAX_MB", 20)
ACCORD_DOCUMENT_MAX_BYTES = ACCORD_DOCUMENT_MAX_MB * 1024 * 1024
ACCORD_DOCUMENT_TYPES = envlist("ACCORD_DOCUMENT_TYPES", "pdf,png,jpg,docx,xlsx,odt,ods,txt,csv")

# Security headers. Everything the pages load comes from this server: no CDN, no inline script
# without the per-request nonce.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],  # Leaflet positions its panes with style attributes
    "img-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
_https = envbool("ACCORD_HTTPS", not DEVELOPMENT)
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = envbool("ACCORD_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = envint("ACCORD_HSTS_SECONDS", 31536000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
SECURE_HSTS_PRELOAD = _https
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if _https else None

# E-mail: the console in development and tests, SMTP in production (set from the environment).
_mail_backend = os.environ.get("ACCORD_EMAIL_BACKEND") or (
    "accord.notifications.console.ReadableConsoleBackend"
    if DEVELOPMENT
    else "django.core.mail.backends.smtp.EmailBackend"
)
_mail_options = {}
if _mail_backend.endswith("smtp.EmailBackend"):
    _mail_options = {
        "host": os.environ.get("ACCORD_EMAIL_HOST", "localhost"),
        "port": envint("ACCORD_EMAIL_PORT", 25),
        "username": os.environ.get("ACCORD_EMAIL_USER", ""),
        "password": os.environ.get("ACCORD_EMAIL_PASSWORD", ""),
        "use_tls": envbool("ACCORD_EMAIL_TLS", False),
        "timeout": envint("ACCORD_EMAIL_TIMEOUT", 10),
    }
MAILERS = {"default": {"BACKEND": _mail_backend, "OPTIONS": _mail_options}}
DEFAULT_FROM_EMAIL = os.environ.get("ACCORD_FROM_EMAIL", "accord@localhost")
# How long an invitation link and a password reset link work.
ACCORD_INVITATION_DAYS = envint("ACCORD_INVITATION_DAYS", 7)
PASSWORD_RESET_TIMEOUT = envint("ACCORD_PASSWORD_RESET_HOURS", 24) * 3600

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("ACCORD_LOG_LEVEL", "WARNING")},
}

# Uploads: a file over ACCORD_UPLOAD_MAX_MB is refused while it streams in (the page says so on
# its form, the API answers 413), before the rest reaches memory or disk. 25 MB leaves room for
# the largest file Accord reads, an IATI file of up to 20 MB, which checks its own limit.
ACCORD_UPLOAD_MAX_MB = envint("ACCORD_UPLOAD_MAX_MB", 25)
ACCORD_UPLOAD_MAX_BYTES = ACCORD_UPLOAD_MAX_MB * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "accord.middleware.UploadLimit",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

ACCORD_PAGE_SIZE = envint("ACCORD_PAGE_SIZE", 50)
ACCORD_EXPORT_MAX_ROWS = envint("ACCORD_EXPORT_MAX_ROWS", 100_000)

# Background work (accord.jobs, docs/operations.md "Background work"): Django's tasks framework
# on the database backend, run by `accord worker`.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
ACCORD_TASK_ATTEMPTS = envint("ACCORD_TASK_ATTEMPTS", 3)  # a task whose worker is lost
ACCORD_WORKER_BEAT_SECONDS = envint("ACCORD_WORKER_BEAT_SECONDS", 5)
ACCORD_WORKER_LOST_AFTER = envint("ACCORD_WORKER_LOST_AFTER", 60)  # seconds without a beat
if ACCORD_WORKER_LOST_AFTER < 2 * ACCORD_WORKER_BEAT_SECONDS:
    raise ImproperlyConfigured(
        f"ACCORD_WORKER_LOST_AFTER={ACCORD_WORKER_LOST_AFTER} must be at least twice "
        f"ACCORD_WORKER_BEAT_SECONDS={ACCORD_WORKER_BEAT_SECONDS}, or a busy worker that missed "
        "one beat would be taken for lost."
    )
ACCORD_TASKS_KEEP_DAYS = envint("ACCORD_TASKS_KEEP_DAYS", 7)
# A month's payroll and roster of more lines than this (the two files together) is imported by
# the worker, with its progress on the task's page; a smaller one in the request.
ACCORD_PAYROLL_BACKGROUND_LINES = envint("ACCORD_PAYROLL_BACKGROUND_LINES", 5000)
# An IATI file of more bytes than this is imported by the worker (about 4,500 transactions a
# megabyte); a smaller one in the request.
ACCORD_IATI_BACKGROUND_BYTES = envint("ACCORD_IATI_BACKGROUND_BYTES", 2_000_000)
# A carrier's CSV of more rows than this is imported by the worker; a smaller one in the request.
ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS = envint("ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS", 2000)
# A file of flight logs of more rows than this is imported by the worker.
ACCORD_FLIGHT_LOG_BACKGROUND_ROWS = envint("ACCORD_FLIGHT_LOG_BACKGROUND_ROWS", 5000)
# A release of conflict events of more rows than this is imported by the worker.
ACCORD_EVENT_RELEASE_BACKGROUND_ROWS = envint("ACCORD_EVENT_RELEASE_BACKGROUND_ROWS", 5000)
# An ECB rates file (the day's is under 1 kB; the whole history about 1.5 MB, 7 s on SQLite) or
# a bank statement of more bytes than these is imported by the worker.
ACCORD_RATES_BACKGROUND_BYTES = envint("ACCORD_RATES_BACKGROUND_BYTES", 100_000)
ACCORD_BANK_STATEMENT_BACKGROUND_BYTES = envint("ACCORD_BANK_STATEMENT_BACKGROUND_BYTES", 500_000)
# A write seals the audit trail after it commits unless this process sealed less than this many
# seconds ago; the worker's periodic seal takes what is left (accord.audit.services).
ACCORD_AUDIT_SEAL_SECONDS = envint("ACCORD_AUDIT_SEAL_SECONDS", 0 if TESTING else 1)
ACCORD_CHECKPOINT_DIR = os.environ.get("ACCORD_CHECKPOINT_DIR", "")
ACCORD_CHECKPOINT_URL = os.environ.get("ACCORD_CHECKPOINT_URL", "")
# The jobs the worker enqueues itself: name -> (task, every N seconds, kind). No cron needed.
ACCORD_PERIODIC_TASKS = {
    "close_due": ("accord.council.tasks.close_due_task", 60, "close_due"),
    "remind": ("accord.council.tasks.remind_task", 300, "remind"),
    "audit_seal": ("accord.jobs.tasks.audit_seal_task", 60, "audit_seal"),
    "prune": ("accord.jobs.tasks.tasks_prune_task", 3600, "prune"),
    # Every minute: the e-mails "at once" waiting in the outbox, one message per user per run.
    "outbox": ("accord.notifications.tasks.outbox_task", 60, "outbox"),
    # Once a day: each user's digest of the notifications they keep for it.
    "digest": ("accord.notifications.tasks.digest_task", 86400, "digest"),
    # Once a day: maintenance officers told of the maintenance falling due (each item once).
    "due_notify": ("accord.fleet.tasks.due_notify_task", 86400, "due_notify"),
    # Once a day: a certificate's readers told of its expiry, once per lead below.
    "certificate_expiry": (
        "accord.training.tasks.certificate_expiry_task",
        86400,
        "certificate_expiry",
    ),
}
# The days before a certificate expires on which its readers are told ("60,14").
_notice_days = os.environ.get("ACCORD_CERTIFICATE_NOTICE_DAYS", "60,14").replace(" ", "")
if not all(d.isdigit() and 0 < int(d) <= 366 for d in _notice_days.split(",")):
    raise ImproperlyConfigured(
        f"ACCORD_CERTIFICATE_NOTICE_DAYS={_notice_days!r} must be days from 1 to 366, separated "
        "by commas: 60,14"
    )
ACCORD_CERTIFICATE_NOTICE_DAYS = tuple(int(d) for d in _notice_days.split(","))
if ACCORD_CHECKPOINT_DIR or ACCORD_CHECKPOINT_URL:
    ACCORD_PERIODIC_TASKS["audit_checkpoint"] = (
        "accord.jobs.tasks.audit_checkpoint_task",
        envint("ACCORD_CHECKPOINT_EVERY_SECONDS", 3600),
        "audit_checkpoint",
    )
