"""The yardstick: a bare Django view that inserts one row, under the same middleware."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
def bare_insert(request):
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_bare_insert DEFAULT VALUES")
    return HttpResponse("ok", content_type="text/plain")
