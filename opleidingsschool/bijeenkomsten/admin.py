"""Admin for sessions and their registrations, invitations, symposium and reminders."""

from django.contrib import admin

from opleidingsschool.models import (
    Aanmelding,
    Bijeenkomst,
    Criterium,
    Herinnering,
    JuryLid,
    KalenderFeed,
    NotificatieVoorkeur,
    Presentatie,
    Reeks,
    Score,
    Uitnodiging,
)

PERSON_SEARCH = ["user__email", "user__first_name", "user__last_name"]


class AanmeldingInline(admin.TabularInline):
    model = Aanmelding
    extra = 0
    autocomplete_fields = ["user"]
    fields = ["user", "status", "registered_at", "attended"]


class UitnodigingInline(admin.TabularInline):
    model = Uitnodiging
    extra = 0
    autocomplete_fields = ["medewerker", "expertise"]
    fields = ["medewerker", "expertise", "status", "answered_at"]


@admin.register(Reeks)
class ReeksAdmin(admin.ModelAdmin):
    list_display = ["title", "soort", "description", "created_at"]
    list_filter = ["partnerschap", "soort"]
    search_fields = ["title", "description"]


@admin.register(Bijeenkomst)
class BijeenkomstAdmin(admin.ModelAdmin):
    list_display = ["title", "soort", "starts_at", "place", "capacity", "status"]
    list_filter = ["partnerschap", "soort", "status", "schools"]
    search_fields = ["title", "place", "description"]
    date_hierarchy = "starts_at"
    autocomplete_fields = ["schools", "instituut", "reeks"]
    readonly_fields = ["uuid", "sequence", "created_at", "updated_at"]
    inlines = [AanmeldingInline, UitnodigingInline]


@admin.register(Aanmelding)
class AanmeldingAdmin(admin.ModelAdmin):
    list_display = ["user", "bijeenkomst", "status", "registered_at", "attended"]
    list_filter = ["status", "attended", "bijeenkomst__soort"]
    search_fields = [*PERSON_SEARCH, "bijeenkomst__title"]
    autocomplete_fields = ["user", "bijeenkomst"]
    list_select_related = ["user", "bijeenkomst"]


@admin.register(Uitnodiging)
class UitnodigingAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "bijeenkomst", "expertise", "status", "answered_at"]
    list_filter = ["status"]
    search_fields = [
        "medewerker__user__first_name",
        "medewerker__user__last_name",
        "bijeenkomst__title",
    ]
    autocomplete_fields = ["medewerker", "bijeenkomst", "expertise"]
    list_select_related = ["medewerker__user", "bijeenkomst", "expertise"]


@admin.register(Presentatie)
class PresentatieAdmin(admin.ModelAdmin):
    list_display = ["title", "student", "bijeenkomst", "is_winner"]
    list_filter = ["is_winner"]
    search_fields = ["title", "research_question", "student__user__last_name", "bijeenkomst__title"]
    autocomplete_fields = ["student", "bijeenkomst"]


@admin.register(JuryLid)
class JuryLidAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "bijeenkomst"]
    search_fields = ["medewerker__user__first_name", "medewerker__user__last_name", "bijeenkomst__title"]
    autocomplete_fields = ["medewerker", "bijeenkomst"]


@admin.register(Criterium)
class CriteriumAdmin(admin.ModelAdmin):
    list_display = ["name", "bijeenkomst", "position"]
    search_fields = ["name", "bijeenkomst__title"]
    autocomplete_fields = ["bijeenkomst"]


@admin.register(Score)
class ScoreAdmin(admin.ModelAdmin):
    list_display = ["presentatie", "jurylid", "criterium", "value"]
    search_fields = ["presentatie__title", "criterium__name"]
    list_select_related = ["presentatie", "jurylid__medewerker__user", "criterium"]


@admin.register(Herinnering)
class HerinneringAdmin(admin.ModelAdmin):
    list_display = ["subject_key", "user", "kind", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind"]
    search_fields = ["subject_key", "kind", *PERSON_SEARCH]
    list_select_related = ["user"]
    readonly_fields = [field.name for field in Herinnering._meta.fields]


@admin.register(NotificatieVoorkeur)
class NotificatieVoorkeurAdmin(admin.ModelAdmin):
    list_display = ["user", "week_before", "same_day", "changes"]
    search_fields = PERSON_SEARCH


@admin.register(KalenderFeed)
class KalenderFeedAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = PERSON_SEARCH
    exclude = ["token"]
