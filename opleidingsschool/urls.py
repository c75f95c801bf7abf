from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import federation, oidc, views
from .health import HealthView

# The admin logs in through the portal's own log-in, so the second factor applies there too.
admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.home, name="home"),
    path("studenten/", views.student_list, name="student_list"),
    path("studenten/<uuid:uuid>/", views.student_detail, name="student_detail"),
    path("starters/<uuid:uuid>/coach/", views.inductie_coach, name="inductie_coach"),
    path("profiel/", views.profile, name="profile"),
    path("theme.css", views.theme_css, name="theme_css"),
    path("partnerschap/", include("opleidingsschool.partnerschap.urls")),
    path("bijeenkomsten/", include("opleidingsschool.bijeenkomsten.urls")),
    path("mail/", include("opleidingsschool.notifications.urls")),
    # The signals page is the core's (registries.signal_sources); its address stays.
    path("begeleiding/signalen/", views.signalen, name="signalen"),
    path("begeleiding/", include("begeleiding.urls")),
    path("curriculum/", include("leerwerktaken.urls")),
    path("driehoek/", include("driehoek.urls")),
    path("privacy/", include("opleidingsschool.privacy.urls")),
    # Recognition of the colleagues who train (issue 15).
    path("erkenning/", include("opleidingsschool.erkenning.urls")),
    # Federated log-in from an invitation link, and the profile's linked identities (issue 12).
    path("accounts/uitnodiging/<str:uidb36>/<str:provider_id>/", federation.invitation_login,
         name="federation_invitation_login"),
    path("profiel/inloggen/<int:pk>/verwijderen/", federation.identity_remove,
         name="identity_remove"),
    # allauth's OpenID Connect callback with the nonce checked (oidc.py), at its own address.
    path("accounts/oidc/<str:provider_id>/login/callback/", oidc.callback),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Monitoring and the containers' probes (hardening): JSON, no login, no personal data.
    path("health/", HealthView.as_view(), name="health"),
    path("health/web/", HealthView.as_view(parts=("database", "redis")), name="health_web"),
    path("health/sweep/", HealthView.as_view(parts=("reminder_sweep",)), name="health_sweep"),
]

# The 500 page renders without the database or context processors (hardening).
handler500 = "opleidingsschool.errors.server_error"

if settings.BENCH_BARE_VIEW:  # only for `make bench`: the framework's own speed, same middleware
    from .benchmark.bare import bare_view

    urlpatterns.append(path("bench/bare/", bare_view))
