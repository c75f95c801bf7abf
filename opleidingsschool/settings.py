"""Settings for the opleidingsschool portal, all from the environment.

Nothing set gives the embedded default: an SQLite file, Celery tasks run in-process and mail
printed to the console. A deployment sets DATABASE_URL (Postgres) and REDIS_URL (the Celery
broker and the cache). Any secret may also come from a file named by <NAME>_FILE.
"""

import datetime
import os
import re
import sys
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    """Read NAME from the environment, or the contents of the file named by NAME_FILE."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "")
    if not value:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-the-embedded-default"

# `make bench` routes a bare view beside the portal (opleidingsschool.benchmark).
BENCH_BARE_VIEW = env_bool("BENCH_BARE_VIEW", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# The partnership's own name and colour: the portal looks like theirs.
PORTAL_NAME = env("PORTAL_NAME", "Opleidingsschool")
PORTAL_COLOR = env("PORTAL_COLOR", "#1f5f8b")
if not re.fullmatch(r"#[0-9a-fA-F]{6}", PORTAL_COLOR):
    raise RuntimeError("PORTAL_COLOR must be a colour like #1f5f8b.")

INSTALLED_APPS = [
    "opleidingsschool",
    "begeleiding",
    "leerwerktaken",
    "driehoek",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",  # Entree Federatie (issue 12)
    "allauth.mfa",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "health_check",  # its `manage.py health_check` command runs the containers' probes
    "auditlog",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",  # Content-Security-Policy (hardening, see below)
    # The log-in pages' buttons may post on to the identity providers (issue 12).
    "opleidingsschool.federation.ProviderFormActionMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Coordinators and staff set up a second factor before any other page (issue 12).
    "opleidingsschool.secondfactor.SecondFactorRequiredMiddleware",
    # A rate limit on the federated log-in's start and callback (issue 12).
    "opleidingsschool.federation.FederatedLoginRateLimitMiddleware",
    # Entree's SAML responses: one use each, a persistent NameID, no RelayState off the portal.
    "opleidingsschool.federation.SAMLResponseCheckMiddleware",
    # Records who changed a personal record (django-auditlog, issue 13).
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "opleidingsschool.urls"
WSGI_APPLICATION = "opleidingsschool.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opleidingsschool.context_processors.portal",
            ],
            # Django's date and time filters, remembering what they wrote (issue 10).
            "builtins": ["opleidingsschool.templatetags.dates",
                         "opleidingsschool.templatetags.addresses"],
        },
    },
]

# Database: SQLite as the zero-config default, Postgres through DATABASE_URL.
DATABASE_URL = env("DATABASE_URL", "")
# Seconds a database connection is kept for the next request (Django's CONN_MAX_AGE). Each
# thread keeps its own, so under the threaded development server persistent connections pile
# up until Postgres refuses new clients: 0 (close after each request) there and with DEBUG.
# Under gunicorn's sync workers one connection per worker process is kept (see README).
RUNSERVER = len(sys.argv) > 1 and sys.argv[1] == "runserver"
DB_CONN_MAX_AGE = int(env("DB_CONN_MAX_AGE", "0" if DEBUG or RUNSERVER else "600"))
# The request's user is loaded by a statement prepared once per connection (userload.py);
# 0 behind PgBouncer in transaction mode, where the next request may get another connection.
DB_PREPARED_STATEMENTS = env_bool("DB_PREPARED_STATEMENTS", True)
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL, conn_max_age=DB_CONN_MAX_AGE, conn_health_checks=True
        )
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # Short OLTP queries: JIT compilation costs more than it ever saves here.
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
        # A form's choices (ModelChoiceField) are read with .iterator(), which on Postgres
        # is a server-side cursor: DECLARE, FETCH and CLOSE, three round trips for a list of
        # schools. One plain query does; the two other readers with .iterator() hold all
        # their rows anyway (a signal's CSV export is built whole) or read few (the ended
        # accounts of the retention sweep).
        DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True

else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "opleidingsschool.User"
AUTHENTICATION_BACKENDS = [
    # First: it logs people in and loads a request's user with their profiles in one query.
    # The two after it keep sessions that were started under their names working.
    "opleidingsschool.accounts.AuthenticationBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 7  # an invitation link stays valid for a week

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "account_login"

# allauth: e-mail is the login, no usernames, no open sign-up (see accounts.AccountAdapter).
ACCOUNT_ADAPTER = "opleidingsschool.accounts.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# allauth's rate limits on every way in (a refused request gets templates/429.html, a
# refused log-in or second-step code a form error). Failed logins: ten per minute per IP,
# five per address per five minutes; the same counts hold for the second step's code, per
# account. Log-in attempts at all: thirty per minute per IP. Password-reset mails: three per
# address and twenty per IP an hour; the reset link's page twenty per minute per IP.
# `federated_login` is the portal's own (federation.FederatedLoginRateLimitMiddleware):
# the start of a log-in at SURFconext / eduID and the provider's answer, per IP.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": env("LOGIN_RATE_LIMIT", "10/m/ip,5/300s/key"),
    "reset_password": env("PASSWORD_RESET_RATE_LIMIT", "20/h/ip,3/h/key"),
    "reset_password_from_key": "20/m/ip",
    "federated_login": env("FEDERATED_LOGIN_RATE_LIMIT", "60/m/ip"),
}

# Federated log-in (issue 12): SURFconext and eduID over OpenID Connect, each switched on by
# its client id (no buttons without one). The callback address to register at the identity
# provider is SITE_URL + /accounts/oidc/<surfconext|eduid>/login/callback/. Identities are
# keyed on the stable `sub`; sign-up stays closed (opleidingsschool.federation): an identity
# links to an account through an invitation link, or, with <NAME>_LINK_VERIFIED_EMAIL=1, to
# the account whose e-mail address the provider asserts as verified.
FEDERATION = {
    # provider id: (label, variable prefix, default server, default scope)
    "surfconext": ("SURFconext", "SURFCONEXT", "https://connect.surfconext.nl", "openid"),
    "eduid": ("eduID", "EDUID", "", "openid"),
}


def _oidc_app(provider_id: str) -> dict | None:
    name, prefix, default_server, default_scope = FEDERATION[provider_id]
    client_id = env(f"{prefix}_CLIENT_ID")
    server_url = env(f"{prefix}_SERVER_URL", default_server).rstrip("/")
    if not client_id or not server_url:
        return None
    return {
        "provider_id": provider_id,
        "name": env(f"{prefix}_NAME", name),
        "client_id": client_id,
        "secret": env(f"{prefix}_CLIENT_SECRET"),
        "settings": {
            "server_url": server_url,
            "scope": env(f"{prefix}_SCOPE", default_scope).split(),
            "oauth_pkce_enabled": True,
            "fetch_userinfo": True,
            "link_verified_email": env_bool(f"{prefix}_LINK_VERIFIED_EMAIL", False),
        },
    }


# federation.py's adapter, whose OpenID Connect log-ins send a nonce (oidc.py; its callback,
# routed in urls.py, checks it).
SOCIALACCOUNT_ADAPTER = "opleidingsschool.oidc.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "APPS": [app for app in map(_oidc_app, FEDERATION) if app],
        "OAUTH_PKCE_ENABLED": True,
    },
}

# Entree Federatie (Kennisnet, the schools' log-in) over SAML 2.0, through allauth's saml
# provider: switched on by ENTREE_IDP_ENTITY_ID, ENTREE_IDP_SSO_URL and ENTREE_IDP_X509CERT
# (Entree's signing certificate, base64; or a file: ENTREE_IDP_X509CERT_FILE), all three from
# Entree's metadata. The portal's own metadata, to register at Entree, is at SITE_URL +
# /accounts/saml/entree/metadata/ (that address is its entity id unless ENTREE_SP_ENTITY_ID),
# the assertion consumer service at /accounts/saml/entree/acs/. An identity is keyed on the
# persistent NameID (Entree's `uid`); the assertion must be signed; a response the portal did
# not ask for is refused. Entree's attributes stay on the identity, the school's BRIN
# (nlEduPersonHomeOrganizationId) among them (federation.py).
ENTREE_ORGANIZATION_SLUG = "entree"  # in the addresses above (allauth's app client_id)
ENTREE_ATTRIBUTE_MAPPING = {  # Entree's names, and the OIDs a hub may translate them to
    "email": ["mail", "urn:oid:0.9.2342.19200300.100.1.3"],
    "first_name": ["givenName", "urn:oid:2.5.4.42"],
    "last_name": ["sn", "urn:oid:2.5.4.4"],
}


def _entree_app(get=env) -> dict | None:
    entity_id, sso_url = get("ENTREE_IDP_ENTITY_ID", ""), get("ENTREE_IDP_SSO_URL", "")
    # The certificate's base64, as in Entree's metadata, or a PEM file (its armour left out).
    certificate = "".join(line.strip() for line in get("ENTREE_IDP_X509CERT", "").splitlines()
                          if "-----" not in line)
    certificate = "".join(certificate.split())
    if not (entity_id and sso_url and certificate):
        return None
    sp_entity_id = get("ENTREE_SP_ENTITY_ID", "")
    return {
        "provider_id": "entree",
        "name": get("ENTREE_NAME", "") or "Entree",
        "client_id": ENTREE_ORGANIZATION_SLUG,
        "settings": {
            "idp": {"entity_id": entity_id, "sso_url": sso_url, "x509cert": certificate},
            "sp": {"entity_id": sp_entity_id} if sp_entity_id else {},
            # No "uid" attribute: the persistent NameID is the key.
            "attribute_mapping": ENTREE_ATTRIBUTE_MAPPING,
            "advanced": {
                "strict": True,
                "want_assertion_signed": True,
                "want_name_id": True,
                "name_id_format": "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                "reject_idp_initiated_sso": True,
            },
        },
    }


SOCIALACCOUNT_PROVIDERS["saml"] = {"APPS": [app for app in [_entree_app()] if app]}
# Never log in or link on a matching e-mail alone: federation.py decides (see above).
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10

# A second factor (allauth.mfa): an authenticator app (TOTP) or a security key / passkey
# (WebAuthn, through the `fido2` package), with recovery codes. Coordinators and staff (who
# can open the admin) must set one up (opleidingsschool.secondfactor); others may turn it on
# from their profile. A key is a second step after the password, never a log-in on its own
# (no passkey log-in or sign-up: see the README). The WebAuthn relying party is the host the
# browser asked for (allauth's default: request.get_host() without the port, checked against
# ALLOWED_HOSTS); the browser only offers it over https, or on http://localhost.
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = PORTAL_NAME
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_PASSKEY_SIGNUP_ENABLED = False
MFA_WEBAUTHN_USER_VERIFICATION = "preferred"  # a PIN or fingerprint when the key has one
# The last second factor of a person who must have one cannot be removed.
MFA_ADAPTER = "opleidingsschool.secondfactor.MFAAdapter"
MFA_FORMS = {
    "add_webauthn": "opleidingsschool.secondfactor.AddKeyForm",
    "edit_webauthn": "opleidingsschool.secondfactor.RenameKeyForm",
    "authenticate_webauthn": "opleidingsschool.secondfactor.AuthenticateKeyForm",
    "reauthenticate_webauthn": "opleidingsschool.secondfactor.ReauthenticateKeyForm",
}

# Behind a reverse proxy the rate limits must see the client's address, not the proxy's.
ALLAUTH_TRUSTED_PROXY_COUNT = int(env("TRUSTED_PROXY_COUNT", "0"))

# Django's renderer, with selects written in Python (a long select cost 90 ms; issue 10).
FORM_RENDERER = "opleidingsschool.formrenderer.FormRenderer"
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Language and time: Dutch by default, English available, Europe/Amsterdam.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
# Uploaded files are private: they live outside any public URL and are served by views
# that check access.
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "opleidingsschool.staticstorage.StaticFilesStorage"
        )
    },
}

# Redis: the Celery broker and the shared cache (allauth's rate limits live in the cache).
REDIS_URL = env("REDIS_URL", "")
if (REDIS_URL and os.environ.get("PYTEST_XDIST_WORKER", "").startswith("gw")
        and os.environ.get("PYTEST_XDIST_REDIS_URL") != REDIS_URL):
    # The test suite runs in parallel processes (pytest-xdist, gw0, gw1, ...): each gets a
    # Redis database of its own, so one process's cache.clear() or queue purge cannot touch
    # the other's tasks. Worker subprocesses inherit the adjusted URL through the environment
    # and, marked as adjusted, keep it (shifting it again would put them on another database).
    from urllib.parse import urlsplit, urlunsplit

    _parts = urlsplit(REDIS_URL)
    _base = int(_parts.path.strip("/") or 0)
    _index = int(os.environ["PYTEST_XDIST_WORKER"][2:])
    REDIS_URL = urlunsplit(_parts._replace(path=f"/{(_base - _index) % 16}"))
    os.environ["REDIS_URL"] = os.environ["PYTEST_XDIST_REDIS_URL"] = REDIS_URL
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis backend, keeping one client object (opleidingsschool/cache.py).
            "BACKEND": "opleidingsschool.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", "opleidingsschool"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Sessions are read from the cache (Redis) and written through to the database, so a page
# does not ask the database for its session and a Redis restart logs nobody out.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# How long a person's home-page panels are kept at most (opleidingsschool/homecache.py);
# writes throw them away sooner. 0 turns the keeping off.
HOME_CACHE_SECONDS = int(env("HOME_CACHE_SECONDS", "300"))

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE: dict = {}

# Sessions and reminders. New sessions default to the partnership's fixed moment (Thursday
# afternoon); times are Europe/Amsterdam wall-clock times. Beat runs the reminder sweep on a
# plain interval (never crontab, never far-future ETAs); the sweep computes from the database
# what is due. BIJEENKOMST_REMINDERS picks the timed reminders per type, e.g.
# "intervisie=day;symposium=week+day" ("week": a week before, "day": on the morning).
BIJEENKOMST_DEFAULT_WEEKDAY = int(env("BIJEENKOMST_DEFAULT_WEEKDAY", "3"))  # 0 = Monday
BIJEENKOMST_DEFAULT_START = env("BIJEENKOMST_DEFAULT_START", "14:00")
BIJEENKOMST_DEFAULT_END = env("BIJEENKOMST_DEFAULT_END", "16:30")
BIJEENKOMST_REMINDERS = {"default": ["week", "day"]} | {
    soort.strip(): [kind for kind in kinds.split("+") if kind]
    for soort, _sep, kinds in (
        pair.partition("=") for pair in env("BIJEENKOMST_REMINDERS", "").split(";") if "=" in pair
    )
}
REMINDER_MORNING_TIME = env("REMINDER_MORNING_TIME", "07:00")
# The outbox (opleidingsschool.notifications) sends every mail exactly once. With these
# defaults every fault recovers within two minutes: the sweep runs every minute, a dead
# worker's claims expire after 45 s (a live worker keeps refreshing its own), and a queued
# batch whose task got lost (Redis restarted empty) is queued again after 45 s. A mail that
# keeps failing is tried REMINDER_MAX_ATTEMPTS times with backoff, then shown as failed.
REMINDER_SWEEP_MINUTES = int(env("REMINDER_SWEEP_MINUTES", "1"))
REMINDER_CLAIM_TIMEOUT = int(env("REMINDER_CLAIM_TIMEOUT", "45"))  # a claim older is a dead worker's
REMINDER_REQUEUE_AFTER = int(env("REMINDER_REQUEUE_AFTER", "45"))  # a queued task that got lost
REMINDER_BATCH_SIZE = int(env("REMINDER_BATCH_SIZE", "50"))
REMINDER_MAX_ATTEMPTS = int(env("REMINDER_MAX_ATTEMPTS", "8"))
UNSUBSCRIBE_TOKEN_MAX_AGE = int(env("UNSUBSCRIBE_TOKEN_MAX_AGE", str(60 * 60 * 24 * 90)))
CELERY_BEAT_SCHEDULE["send-due-reminders"] = {
    "task": "opleidingsschool.bijeenkomsten.tasks.task_sweep_reminders",
    "schedule": datetime.timedelta(minutes=REMINDER_SWEEP_MINUTES),
}
# A killed worker's unacknowledged tasks come back after the visibility timeout (Redis);
# kombu's default is an hour. Each batch is short and claimed row by row, so a redelivery
# while the first worker still runs sends nothing twice.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": int(env("CELERY_VISIBILITY_TIMEOUT", "90")),
}
CELERY_TASK_REJECT_ON_WORKER_LOST = True

# Privacy (issue 13). How many days each kind of record is kept after the placement (or school
# year) it belongs to has ended, or after a coordinator ended the account; override per kind,
# e.g. PRIVACY_RETENTION="driehoek=1095;accounts=730".
# The README and the portal's privacy page list them. Experience hours are never deleted.
PRIVACY_RETENTION_DAYS = {
    "logboek": 365,  # what students wrote in the day log (hours stay)
    "leervragen": 365,  # learning questions, comments, classroom visits
    "klikchecks": 365,
    "ontwikkelplannen": 365,  # after the school year ends
    "driehoek": 730,  # triangle notes, goals, actions, interim evaluations
    "inleveringen": 730,  # submissions and their files
    "wijzigingen": 730,  # the change history (django-auditlog), after the change
    "accounts": 365,  # an ended account is erased (hours stay), after it was ended
} | {
    kind.strip(): int(days)
    for kind, _sep, days in (
        pair.partition("=") for pair in env("PRIVACY_RETENTION", "").split(";") if "=" in pair
    )
}
# How long the signed link to a data export works (and the zip is kept).
PRIVACY_EXPORT_LINK_HOURS = int(env("PRIVACY_EXPORT_LINK_HOURS", "72"))
PRIVACY_RETENTION_TIME = env("PRIVACY_RETENTION_TIME", "03:30")  # daily, Europe/Amsterdam
CELERY_BEAT_SCHEDULE["apply-retention"] = {
    "task": "opleidingsschool.privacy.tasks.task_apply_retention",
    "schedule": crontab(
        hour=int(PRIVACY_RETENTION_TIME.split(":")[0]),
        minute=int(PRIVACY_RETENTION_TIME.split(":")[1]),
    ),
}

# Mail: printed to the console unless an SMTP host is set; every setting from the
# environment (EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend with
# EMAIL_FILE_PATH writes each mail to a file, to test a deployment without a mail server).
EMAIL_HOST = env("EMAIL_HOST", "")
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_PORT = int(env("EMAIL_PORT", "587"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = int(env("EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "sent-mail"))
EMAIL_SUBJECT_PREFIX = env("EMAIL_SUBJECT_PREFIX", f"[{PORTAL_NAME}] ")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "portal@example.org")
SERVER_EMAIL = env("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Hardening: HTTPS, HSTS, Content-Security-Policy, health (hardening, issue 13) ------------
# Behind a TLS-terminating reverse proxy that sets X-Forwarded-Proto (and strips it from the
# client's request). With DEBUG=0 the defaults are the strict ones; `manage.py check --deploy`
# is clean with the variables of .env.example (CI checks this).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
# The health endpoint answers the monitoring and the container's own probe over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading binds the domain into browsers for months: the operator decides (the variable
# above), so check --deploy does not ask for it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# The language cookie is read only by the server: never by scripts, never over plain HTTP.
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp): only the portal's own origin, no inline script or
# style (templates keep their CSS and JS in static/). `data:` images are Bootstrap's inline
# SVG icons in its stylesheet. The admin gets its own policy (PortalCSPMiddleware).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    },
}

# Health endpoint (/health/) for the monitoring: no login; with HEALTH_TOKEN set it asks for
# `Authorization: Bearer <token>` (or ?token=). The reminder sweep is stale after
# HEALTH_SWEEP_STALE_AFTER_MINUTES (default three sweep intervals).
HEALTH_TOKEN = env("HEALTH_TOKEN", "")
HEALTH_SWEEP_STALE_AFTER_MINUTES = int(
    env("HEALTH_SWEEP_STALE_AFTER_MINUTES", str(3 * REMINDER_SWEEP_MINUTES))
)
# --- end hardening ----------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}

# Test runs only speed things up; they never change behaviour under test.
if env_bool("FAST_PASSWORD_HASHER", False):
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Spreadsheet imports (issue 11): larger files are refused with a message, before reading.
IMPORT_MAX_UPLOAD_BYTES = int(env("IMPORT_MAX_UPLOAD_MB", "5")) * 1024 * 1024
IMPORT_MAX_ROWS = int(env("IMPORT_MAX_ROWS", "5000"))
# Files with more rows are written by a Celery worker, the coordinator sees the progress
# (issue 11: a 2,000-row file takes 15-30 s to write, longer than a request may take).
IMPORT_BACKGROUND_ROWS = int(env("IMPORT_BACKGROUND_ROWS", "200"))
