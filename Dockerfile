# The portal's image: one image for web (gunicorn), the migrate one-shot, celery worker and beat.
# docker-compose.yml shows how they are started; configuration comes from the environment.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# PostgreSQL client tools for `manage.py backup` and `restore` (pg_dump, pg_restore); Debian's
# are at least as new as the postgres:16 of docker-compose.yml, as pg_dump requires.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, from pyproject.toml alone, so this layer is reused until they change.
# The project itself has no installable packages (packages = []): it runs from /app.
COPY pyproject.toml ./
RUN pip install .

COPY . .

# Static files are collected at build time and served by whitenoise (hashed, compressed).
# DEBUG=0 selects the manifest storage; the SECRET_KEY here is a throwaway for this step only.
RUN DEBUG=0 SECRET_KEY=collectstatic-only STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput \
 && python -m compileall -q /app

# A non-root user; the code stays owned by root (read-only for the app). Uploaded files are
# private: they live in /data/media (a volume), outside every public URL.
RUN useradd --system --uid 10001 --user-group --home-dir /app --no-create-home portal \
 && mkdir -p /data/media \
 && chown portal:portal /data/media
USER portal

ENV STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    DEBUG=0 \
    WEB_CONCURRENCY=3

EXPOSE 8000

# Gunicorn reads the worker count from WEB_CONCURRENCY. The pages are CPU-bound: about CPU
# cores + 1 where Postgres shares the host (on 2 cores, 3 workers served 50 users about a tenth
# faster than 5, in runs that spread by a fifth); gunicorn's 2 x cores + 1 where the database
# has a host of its own (not measured here).
# No control socket: the container is managed by signals, and $HOME is not writable.
CMD ["gunicorn", "opleidingsschool.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--no-control-socket", \
     "--worker-tmp-dir", "/dev/shm", \
     "--timeout", "60", \
     "--max-requests", "1000", "--max-requests-jitter", "100", \
     "--access-logfile", "-"]
