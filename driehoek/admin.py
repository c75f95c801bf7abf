from django.contrib import admin

from .models import (
    Actiepunt,
    Addendum,
    Akkoord,
    Behoefte,
    Driehoeksgesprek,
    Leerdoel,
    Oordeel,
    Tussenevaluatie,
    Wijziging,
)

STUDENT_SEARCH = ["stage__student__user__last_name", "stage__student__user__email"]


class AkkoordInline(admin.TabularInline):
    model = Akkoord
    extra = 0
    raw_id_fields = ["user"]


class AddendumInline(admin.TabularInline):
    model = Addendum
    extra = 0
    raw_id_fields = ["author"]


@admin.register(Driehoeksgesprek)
class DriehoeksgesprekAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "starts_at", "status", "shared_at", "locked_at"]
    list_filter = ["status"]
    search_fields = ["title", "place", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "notes_updated_by", "shared_by", "created_by"]
    filter_horizontal = ["deelnemers"]
    date_hierarchy = "starts_at"
    inlines = [AkkoordInline, AddendumInline]


@admin.register(Akkoord)
class AkkoordAdmin(admin.ModelAdmin):
    list_display = ["gesprek", "user", "given_at"]
    search_fields = ["gesprek__title", "user__email", "user__last_name"]
    raw_id_fields = ["gesprek", "user"]


@admin.register(Addendum)
class AddendumAdmin(admin.ModelAdmin):
    list_display = ["gesprek", "author", "created_at"]
    search_fields = ["text", "gesprek__title", "author__email"]
    raw_id_fields = ["gesprek", "author"]


@admin.register(Wijziging)
class WijzigingAdmin(admin.ModelAdmin):
    list_display = ["created_at", "stage", "gesprek", "user", "soort", "detail"]
    list_filter = ["soort"]
    search_fields = ["detail", "user__email", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "gesprek", "user"]


@admin.register(Leerdoel)
class LeerdoelAdmin(admin.ModelAdmin):
    list_display = ["title", "stage", "study_year", "status", "created_at"]
    list_filter = ["status", "study_year"]
    search_fields = ["title", "description", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "gesprek", "created_by"]
    filter_horizontal = ["leeruitkomsten", "invullingen", "leervragen"]


@admin.register(Actiepunt)
class ActiepuntAdmin(admin.ModelAdmin):
    list_display = ["description", "owner", "due_date", "done_at", "stage"]
    search_fields = ["description", "owner__email", "owner__last_name", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "gesprek", "owner", "done_by", "created_by"]
    date_hierarchy = "due_date"


@admin.register(Behoefte)
class BehoefteAdmin(admin.ModelAdmin):
    list_display = ["description", "status", "bouwsteen", "stage", "created_at"]
    list_filter = ["status"]
    search_fields = ["description", "bouwsteen__title", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "gesprek", "bouwsteen", "created_by"]


class OordeelInline(admin.TabularInline):
    model = Oordeel
    extra = 0


@admin.register(Tussenevaluatie)
class TussenevaluatieAdmin(admin.ModelAdmin):
    list_display = ["stage", "date", "shared_at"]
    search_fields = ["summary", *STUDENT_SEARCH]
    raw_id_fields = ["stage", "created_by"]
    inlines = [OordeelInline]


@admin.register(Oordeel)
class OordeelAdmin(admin.ModelAdmin):
    list_display = ["tussenevaluatie", "leeruitkomst", "niveau"]
    list_filter = ["niveau"]
    search_fields = ["leeruitkomst__code", "leeruitkomst__title", "narrative", "evidence"]
    raw_id_fields = ["tussenevaluatie", "leeruitkomst"]
