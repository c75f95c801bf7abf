from django.urls import path

from . import feeds, views, views_reeks, views_symposium

app_name = "bijeenkomsten"

urlpatterns = [
    path("", views.agenda, name="agenda"),
    path("plannen/", views.planning, name="planning"),
    path("nieuw/", views.create, name="create"),
    path("nieuwe-reeks/", views.create_series, name="create_series"),
    path("reeksen/<uuid:uuid>/", views_reeks.reeks, name="reeks"),
    path("meldingen/", views.preferences, name="preferences"),
    path("meldingen/nieuwe-agenda-link/", views.feed_reset, name="feed_reset"),
    path("agenda/<str:token>.ics", feeds.feed, name="feed"),
    path("uitnodigingen/<uuid:uuid>/antwoord/", views.answer, name="answer"),
    path("<uuid:uuid>/", views.detail, name="detail"),
    path("<uuid:uuid>/aanmelden/", views.register, name="register"),
    path("<uuid:uuid>/afmelden/", views.unregister, name="unregister"),
    path("<uuid:uuid>/wijzigen/", views.edit, name="edit"),
    path("<uuid:uuid>/afgelasten/", views.cancel, name="cancel"),
    path("<uuid:uuid>/aanwezigheid/", views.attendance, name="attendance"),
    path("<uuid:uuid>/experts/", views.experts, name="experts"),
    path("<uuid:uuid>/experts/uitnodigen/", views.invite, name="invite"),
    path("<uuid:uuid>/experts/gast/", views.invite_guest, name="invite_guest"),
    path("<uuid:uuid>/symposium/", views_symposium.manage, name="symposium"),
    path("<uuid:uuid>/symposium/winnaar/", views_symposium.winner, name="winner"),
    path("<uuid:uuid>/jury/", views_symposium.scores, name="scores"),
]
