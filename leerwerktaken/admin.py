from django.contrib import admin

from .models import (
    Bestand,
    Curriculumbouwsteen,
    Feedback,
    FeedbackRegel,
    Inlevering,
    InleveringVersie,
    Invulling,
    Leeruitkomst,
    Leerwerktaak,
    Speerpunt,
    Toewijzing,
)


@admin.register(Leeruitkomst)
class LeeruitkomstAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "partnerschap", "group", "position", "is_active"]
    list_filter = ["partnerschap", "group", "is_active"]
    search_fields = ["code", "title", "description"]


@admin.register(Invulling)
class InvullingAdmin(admin.ModelAdmin):
    list_display = ["leeruitkomst", "school", "updated_at"]
    list_filter = ["school"]
    search_fields = ["leeruitkomst__code", "leeruitkomst__title", "school__name", "indicators"]
    raw_id_fields = ["updated_by"]


@admin.register(Speerpunt)
class SpeerpuntAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(Leerwerktaak)
class LeerwerktaakAdmin(admin.ModelAdmin):
    list_display = ["title", "year_1", "year_2", "year_3", "year_4", "is_group_task", "is_active"]
    list_filter = ["is_group_task", "uses_outside_school", "is_active", "stage_level"]
    search_fields = ["title", "description", "module"]
    filter_horizontal = ["speerpunten", "leeruitkomsten"]


@admin.register(Toewijzing)
class ToewijzingAdmin(admin.ModelAdmin):
    list_display = ["leerwerktaak", "due_date", "created_at"]
    search_fields = [
        "leerwerktaak__title", "students__user__first_name", "students__user__last_name",
        "students__user__email",
    ]
    raw_id_fields = ["students", "assigned_by"]


@admin.register(Inlevering)
class InleveringAdmin(admin.ModelAdmin):
    list_display = ["toewijzing", "status", "updated_at"]
    list_filter = ["status"]
    search_fields = ["toewijzing__leerwerktaak__title", "text"]
    raw_id_fields = ["toewijzing", "completed_by"]


@admin.register(InleveringVersie)
class InleveringVersieAdmin(admin.ModelAdmin):
    list_display = ["inlevering", "number", "created_at"]
    search_fields = ["inlevering__toewijzing__leerwerktaak__title", "text"]
    raw_id_fields = ["inlevering", "handed_in_by"]


@admin.register(Bestand)
class BestandAdmin(admin.ModelAdmin):
    list_display = ["original_name", "inlevering", "size", "uploaded_at"]
    search_fields = ["original_name", "inlevering__toewijzing__leerwerktaak__title"]
    raw_id_fields = ["inlevering", "versie", "uploaded_by"]


class FeedbackRegelInline(admin.TabularInline):
    model = FeedbackRegel
    extra = 0


@admin.register(Feedback)
class FeedbackAdmin(admin.ModelAdmin):
    list_display = ["inlevering", "author", "created_at"]
    search_fields = ["inlevering__toewijzing__leerwerktaak__title", "text", "author__email"]
    raw_id_fields = ["inlevering", "versie", "author"]
    inlines = [FeedbackRegelInline]


@admin.register(FeedbackRegel)
class FeedbackRegelAdmin(admin.ModelAdmin):
    list_display = ["criterion", "rating", "feedback"]
    search_fields = ["criterion", "comment"]
    raw_id_fields = ["feedback"]


@admin.register(Curriculumbouwsteen)
class CurriculumbouwsteenAdmin(admin.ModelAdmin):
    list_display = ["title", "soort", "is_active"]
    list_filter = ["soort", "is_active"]
    search_fields = ["title", "description", "contact"]
    filter_horizontal = ["leeruitkomsten", "speerpunten"]
