"""Technical endpoints that are not part of any domain."""

from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@require_GET
@never_cache
def health(request: HttpRequest) -> JsonResponse:
    """`200 {"status": "ok", ...}` when the database answers and every migration is applied (CONTRACT.md)."""
    result = {"status": "ok", "database": "ok", "migrations": "ok"}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        result["database"] = f"error: {type(exc).__name__}"
        result["migrations"] = "error: database unavailable"
    else:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if unapplied:
            result["migrations"] = f"error: {len(unapplied)} unapplied"
    if any(value.startswith("error") for value in result.values()):
        result["status"] = "error"
        return JsonResponse(result, status=503)
    return JsonResponse(result)
