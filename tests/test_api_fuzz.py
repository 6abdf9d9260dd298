"""Property-based fuzzing of the API from its own OpenAPI document (schemathesis).

Every operation gets generated requests, valid and not, sent to the real
application in-process over a SQLite ledger holding the dashboard articles.
No response may be a server error. Under CI the examples are derandomized,
so a run is repeatable; elsewhere each run explores new ones.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

import dashboard_data

TOKEN = "fuzz-token"


def _application():
    """The app over a SQLite ledger in a folder removed when Python exits."""
    from powtrack.serve import create_app
    from powtrack.store import Store

    folder = tempfile.mkdtemp(prefix="powtrack-fuzz-")
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    db = os.path.join(folder, "ledger.db")
    with Store.open(db) as store:
        dashboard_data.fill(store)
    app = create_app(db, token=TOKEN)
    atexit.register(app.state.store.close)
    return app


# Built when the module is collected: schemathesis needs the schema to make the tests.
schema = schemathesis.openapi.from_asgi("/openapi.json", _application())


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=bool(os.environ.get("CI")),
          suppress_health_check=list(HealthCheck), database=None)
def test_no_request_makes_the_api_fail(case):
    case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"},
                           checks=[not_a_server_error])
