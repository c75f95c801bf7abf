from django.contrib import admin

from .models import (
    Bedankje,
    Dagplan,
    Indicator,
    Klikafspraak,
    Klikcheck,
    Klikmomenten,
    Leervraag,
    Lesaanbod,
    Lesbezoek,
    Lesobservatie,
    Logregel,
    Observatiedomein,
    Observatiescore,
    Ontwikkelplan,
    Ontwikkelpunt,
    Opleidingsteamlid,
    Reactie,
)


@admin.register(Leervraag)
class LeervraagAdmin(admin.ModelAdmin):
    list_display = ["title", "student", "status", "last_activity_at", "archived_at"]
    list_filter = ["status"]
    search_fields = ["title", "situation", "student__user__last_name", "student__user__email"]
    raw_id_fields = ["student"]
    filter_horizontal = ["leeruitkomsten", "expertises"]


@admin.register(Reactie)
class ReactieAdmin(admin.ModelAdmin):
    list_display = ["leervraag", "author", "created_at"]
    search_fields = ["text", "leervraag__title", "author__email"]
    raw_id_fields = ["leervraag", "author"]


@admin.register(Logregel)
class LogregelAdmin(admin.ModelAdmin):
    list_display = ["student", "date", "activity", "hours", "confirmed_at"]
    list_filter = ["activity"]
    search_fields = ["student__user__last_name", "student__user__email", "done", "learned"]
    raw_id_fields = ["student", "stage", "leervraag", "lesbezoek", "confirmed_by"]
    date_hierarchy = "date"


@admin.register(Lesaanbod)
class LesaanbodAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "weekday", "lesson_hour", "class_name", "subject", "is_active"]
    list_filter = ["weekday", "is_active"]
    search_fields = ["medewerker__user__last_name", "class_name", "subject"]
    raw_id_fields = ["medewerker"]


@admin.register(Lesbezoek)
class LesbezoekAdmin(admin.ModelAdmin):
    list_display = ["student", "host", "date", "start_time", "status"]
    list_filter = ["status"]
    search_fields = ["student__user__last_name", "host__user__last_name", "class_name"]
    raw_id_fields = ["student", "leervraag", "lesaanbod", "host"]
    date_hierarchy = "date"


@admin.register(Klikcheck)
class KlikcheckAdmin(admin.ModelAdmin):
    list_display = ["begeleider", "period_start", "score"]
    search_fields = [
        "begeleider__stage__student__user__last_name", "begeleider__medewerker__user__last_name",
    ]
    raw_id_fields = ["begeleider"]


class OntwikkelpuntInline(admin.TabularInline):
    model = Ontwikkelpunt
    extra = 0
    raw_id_fields = ["leeruitkomst"]
    fields = ["goal", "leeruitkomst", "target_date", "status", "reflection"]


@admin.register(Ontwikkelplan)
class OntwikkelplanAdmin(admin.ModelAdmin):
    list_display = ["__str__", "schooljaar", "updated_at"]
    list_filter = ["schooljaar"]
    search_fields = [
        "student__user__last_name", "student__user__email", "ontwikkeldoelen",
    ]
    raw_id_fields = ["student"]
    list_select_related = ["student__user", "schooljaar"]
    inlines = [OntwikkelpuntInline]


@admin.register(Ontwikkelpunt)
class OntwikkelpuntAdmin(admin.ModelAdmin):
    list_display = ["goal", "ontwikkelplan", "target_date", "status"]
    list_filter = ["status"]
    search_fields = [
        "goal", "reflection", "ontwikkelplan__student__user__last_name",
    ]
    raw_id_fields = ["ontwikkelplan", "leeruitkomst"]
    list_select_related = [
        "ontwikkelplan__student__user", "ontwikkelplan__schooljaar",
    ]


@admin.register(Klikafspraak)
class KlikafspraakAdmin(admin.ModelAdmin):
    list_display = ["klikcheck", "author", "created_at"]
    search_fields = ["text", "klikcheck__begeleider__stage__student__user__last_name"]
    raw_id_fields = ["klikcheck", "author"]


@admin.register(Dagplan)
class DagplanAdmin(admin.ModelAdmin):
    list_display = ["student", "date", "activity", "logregel"]
    list_filter = ["activity"]
    search_fields = ["student__user__last_name", "student__user__email", "text"]
    raw_id_fields = ["student", "stage", "leervraag", "logregel"]
    date_hierarchy = "date"


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["text", "position", "is_active"]


@admin.register(Observatiedomein)
class ObservatiedomeinAdmin(admin.ModelAdmin):
    list_display = ["name", "partnerschap", "position", "is_active"]
    list_filter = ["is_active", "partnerschap"]
    search_fields = ["name", "description"]
    inlines = [IndicatorInline]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["text", "domein", "position", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["text", "domein__name"]
    raw_id_fields = ["domein"]


@admin.register(Lesobservatie)
class LesobservatieAdmin(admin.ModelAdmin):
    list_display = ["student", "observer", "date", "class_name", "sent_at", "discussed_at"]
    search_fields = ["student__user__last_name", "student__user__email", "observer__email",
                     "class_name"]
    raw_id_fields = ["student", "observer", "lesbezoek"]
    date_hierarchy = "date"


@admin.register(Observatiescore)
class ObservatiescoreAdmin(admin.ModelAdmin):
    list_display = ["lesobservatie", "indicator", "score"]
    search_fields = ["indicator__text", "remark", "lesobservatie__student__user__email"]
    raw_id_fields = ["lesobservatie", "indicator"]

@admin.register(Bedankje)
class BedankjeAdmin(admin.ModelAdmin):
    """A student's note of thanks to a colleague (issue 15)."""

    list_display = ["student", "medewerker", "created_at"]
    search_fields = ["text", "student__user__last_name", "student__user__email",
                     "medewerker__user__last_name", "medewerker__user__email"]
    raw_id_fields = ["student", "medewerker", "lesbezoek", "begeleider"]


@admin.register(Opleidingsteamlid)
class OpleidingsteamlidAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "school", "added_by", "created_at"]
    search_fields = ["medewerker__user__last_name", "medewerker__user__email", "school__name"]
    raw_id_fields = ["medewerker", "school", "added_by"]
    list_select_related = ["medewerker__user", "school", "added_by"]


@admin.register(Klikmomenten)
class KlikmomentenAdmin(admin.ModelAdmin):
    list_display = ["partnerschap", "after_weeks", "at_tussenevaluatie", "updated_at"]
    search_fields = ["partnerschap__name"]
