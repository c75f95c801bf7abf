"""The read log and data exports in the Django admin: to look things up, never to edit."""

from django.contrib import admin

from opleidingsschool.models import DataExport, ReadRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReadRecord)
class ReadRecordAdmin(ReadOnlyAdmin):
    list_display = ["read_at", "reader_name", "owner", "kind", "label"]
    list_filter = ["kind"]
    search_fields = ["reader_name", "owner__first_name", "owner__last_name", "owner__email",
                     "label"]
    list_select_related = ["owner"]
    date_hierarchy = "read_at"


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "requested_at", "ready_at"]
    list_filter = ["status"]
    search_fields = ["user__first_name", "user__last_name", "user__email"]
    list_select_related = ["user"]
