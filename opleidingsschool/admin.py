from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import (
    Begeleider,
    Expertise,
    ImportBatch,
    Instituut,
    Medewerker,
    Opleiding,
    Partnerschap,
    Professionalisering,
    School,
    Schooljaar,
    Stage,
    Starter,
    Student,
    User,
    Vakantie,
    VrijeDag,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["last_name", "first_name"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_staff", "last_login"]
    list_filter = ["is_active", "is_staff", "is_superuser", "language"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "language"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined", "ended_at"]}),
    ]
    # Shown only: ending and reopening go through the coordinator's pages
    # (services.end_account), which set it. Unticking "active" here does not, so the
    # retention job does not erase such an account.
    readonly_fields = ["ended_at"]
    add_fieldsets = [
        (
            None,
            {
                "classes": ["wide"],
                "fields": ["email", "first_name", "last_name", "password1", "password2"],
            },
        )
    ]


@admin.register(Partnerschap)
class PartnerschapAdmin(admin.ModelAdmin):
    """A partnership: its institutes here; its schools, students and coordinators point to
    it from their own pages."""

    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["instituten"]


@admin.register(Instituut)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "city"]
    search_fields = ["name", "city"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "partnerschap", "city", "regio"]
    list_filter = ["partnerschap", "regio"]
    search_fields = ["name", "city"]


@admin.register(Vakantie)
class VakantieAdmin(admin.ModelAdmin):
    list_display = ["name", "regio", "start_date", "end_date"]
    list_filter = ["regio"]
    search_fields = ["name"]


@admin.register(VrijeDag)
class VrijeDagAdmin(admin.ModelAdmin):
    list_display = ["date", "school", "reason"]
    search_fields = ["school__name", "reason"]


@admin.register(Opleiding)
class OpleidingAdmin(admin.ModelAdmin):
    list_display = ["name", "instituut", "niveau", "vak", "target_hours"]
    list_filter = ["niveau", "instituut"]
    search_fields = ["name", "vak", "instituut__name"]


@admin.register(Schooljaar)
class SchooljaarAdmin(admin.ModelAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


@admin.register(Expertise)
class ExpertiseAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Medewerker)
class MedewerkerAdmin(admin.ModelAdmin):
    list_display = [
        "user", "school", "instituut", "is_werkplekbegeleider", "is_schoolopleider",
        "is_instituutsopleider", "is_coordinator", "visitors_welcome",
    ]
    list_filter = [
        "school", "instituut", "is_werkplekbegeleider", "is_schoolopleider",
        "is_instituutsopleider", "is_coordinator", "visitors_welcome", "expertises",
    ]
    search_fields = ["user__email", "user__first_name", "user__last_name", "subject"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["expertises"]
    list_select_related = ["user", "school", "instituut"]


@admin.register(Student)
class StudentAdmin(admin.ModelAdmin):
    list_display = ["user", "opleiding", "study_year", "student_number"]
    list_filter = ["study_year", "opleiding__niveau", "opleiding__instituut"]
    search_fields = ["user__email", "user__first_name", "user__last_name", "student_number"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "opleiding__instituut"]


@admin.register(Starter)
class StarterAdmin(admin.ModelAdmin):
    list_display = ["user", "school", "subject", "started_on"]
    list_filter = ["school"]
    search_fields = ["user__email", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    list_select_related = ["user", "school"]


class BegeleiderInline(admin.TabularInline):
    model = Begeleider
    extra = 0
    autocomplete_fields = ["medewerker"]


@admin.register(Stage)
class StageAdmin(admin.ModelAdmin):
    list_display = ["student", "school", "schooljaar", "start_date", "end_date"]
    list_filter = ["schooljaar", "school"]
    search_fields = ["student__user__first_name", "student__user__last_name", "school__name"]
    autocomplete_fields = ["student"]
    inlines = [BegeleiderInline]
    list_select_related = ["student__user", "school", "schooljaar"]


@admin.register(Begeleider)
class BegeleiderAdmin(admin.ModelAdmin):
    list_display = ["medewerker", "stage", "functie", "status"]
    list_filter = ["functie", "status", "stage__school", "stage__schooljaar"]
    search_fields = [
        "medewerker__user__first_name", "medewerker__user__last_name",
        "stage__student__user__first_name", "stage__student__user__last_name",
    ]
    autocomplete_fields = ["medewerker", "stage"]
    list_select_related = ["medewerker__user", "stage__student__user", "stage__school"]


@admin.register(Professionalisering)
class ProfessionaliseringAdmin(admin.ModelAdmin):
    """A teacher educator's own record of their development (issue 15)."""

    list_display = ["medewerker", "date", "title", "soort", "hours"]
    list_filter = ["soort"]
    search_fields = ["title", "medewerker__user__first_name", "medewerker__user__last_name",
                     "medewerker__user__email"]
    autocomplete_fields = ["medewerker"]
    list_select_related = ["medewerker__user"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """Shown only: an import is confirmed on the coordinator's pages (imports.services)."""

    list_display = ["filename", "kind", "partnerschap", "created_by", "created_at", "applied_at",
                    "invited_at"]
    list_filter = ["kind", "partnerschap"]
    search_fields = ["filename", "created_by__email"]
    readonly_fields = ["applied_at", "result", "invited_at"]
    list_select_related = ["created_by"]


from .bijeenkomsten import admin as _bijeenkomsten_admin  # noqa: E402, F401
from .privacy import admin as _privacy_admin  # noqa: E402, F401
