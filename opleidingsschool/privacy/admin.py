"""The read log and data exports in the admin: read-only, searchable (issue 13)."""

from django.contrib import admin

from opleidingsschool.models import DataExport, ReadRecord


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReadRecord)
class ReadRecordAdmin(ReadOnlyAdmin):
    list_display = ["read_at", "reader_name", "kind", "label", "owner"]
    list_filter = ["kind"]
    search_fields = ["reader_name", "label", "owner__email", "owner__last_name"]
    list_select_related = ["owner"]
    date_hierarchy = "read_at"


@admin.register(DataExport)
class DataExportAdmin(ReadOnlyAdmin):
    list_display = ["user", "status", "requested_at", "ready_at"]
    list_filter = ["status"]
    search_fields = ["user__email", "user__last_name"]
    list_select_related = ["user"]
