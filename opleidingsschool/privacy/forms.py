from django import forms
from django.utils.translation import gettext_lazy as _

from opleidingsschool.models import ReadKind


class ReadLogFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("What was read"), required=False,
                             choices=[("", _("Everything")), *ReadKind.choices])


class LookupForm(forms.Form):
    email = forms.CharField(label=_("E-mail address of the account"), max_length=254)


class EraseAccountForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I have checked that this person asked for it; delete the account."),
        error_messages={"required": _("Tick the box to confirm that the person asked for it.")},
    )
