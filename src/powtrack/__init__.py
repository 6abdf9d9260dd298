"""powtrack: a sourced, reconciled ledger of prisoner exchanges from news reports."""

from powtrack.document import Document
from powtrack.pipeline import extract, process
from powtrack.records import Event, Evidence, Held, Record

__version__ = "0.1.0"
__all__ = ["Document", "Event", "Evidence", "Held", "Record", "extract", "process"]
