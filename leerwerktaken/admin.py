from django.contrib import admin

from .models import Leeruitkomst


@admin.register(Leeruitkomst)
class LeeruitkomstAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "group", "position", "is_active"]
    list_filter = ["group", "is_active"]
    search_fields = ["code", "title", "description"]
