from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("studenten/", views.student_list, name="student_list"),
    path("studenten/<uuid:uuid>/", views.student_detail, name="student_detail"),
    path("profiel/", views.profile, name="profile"),
    path("theme.css", views.theme_css, name="theme_css"),
    path("partnerschap/", include("opleidingsschool.partnerschap.urls")),
    path("bijeenkomsten/", include("opleidingsschool.bijeenkomsten.urls")),
    path("begeleiding/", include("begeleiding.urls")),
    path("curriculum/", include("leerwerktaken.urls")),
    path("driehoek/", include("driehoek.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

if settings.BENCH_BARE_VIEW:  # only for `make bench`: the framework's own speed, same middleware
    from .benchmark.bare import bare_view

    urlpatterns.append(path("bench/bare/", bare_view))
