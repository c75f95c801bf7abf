"""The shared cache keeps its Redis client objects (opleidingsschool/cache.py) and behaves as
Django's Redis backend does, against the real Redis."""

import os

import pytest
from django.core.cache import caches

from opleidingsschool.cache import RedisCache
from tests.conftest import skip_or_fail


@pytest.fixture
def redis_cache():
    url = os.environ.get("REDIS_URL")
    if not url:
        skip_or_fail("needs Redis (REDIS_URL)")
    cache = RedisCache(url, {"KEY_PREFIX": "test-kept-client"})
    yield cache
    cache.clear()


def test_one_client_object_serves_every_call(redis_cache):
    first = redis_cache._cache.get_client("a")
    assert redis_cache._cache.get_client("b", write=True) is first
    redis_cache.set("a", 1)
    redis_cache.get("a")
    assert redis_cache._cache.get_client("c") is first


def test_it_behaves_as_the_django_backend(redis_cache):
    redis_cache.set("name", {"nl": "Schoolopleider"}, 30)
    assert redis_cache.get("name") == {"nl": "Schoolopleider"}
    assert redis_cache.add("name", "other") is False
    redis_cache.set_many({"x": 1, "y": 2})
    assert redis_cache.get_many(["x", "y", "z"]) == {"x": 1, "y": 2}
    assert redis_cache.incr("x") == 2
    redis_cache.delete("name")
    assert redis_cache.get("name", "gone") == "gone"


def test_the_portal_uses_it_when_redis_is_configured():
    if not os.environ.get("REDIS_URL"):
        skip_or_fail("needs Redis (REDIS_URL)")
    assert isinstance(caches["default"], RedisCache)
