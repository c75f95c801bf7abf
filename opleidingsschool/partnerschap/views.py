from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from .permissions import coordinator_required


@login_required
@coordinator_required
def index(request):
    return render(request, "partnerschap/index.html")
