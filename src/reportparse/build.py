"""Mentions → Report.  Each stage is a plain function of the Document and what came before."""

from __future__ import annotations

import gc

from .model import SCHEMA_VERSION, Document, Report, Source
from .model.trusted import trusted


def build_report(document: Document) -> Report:
    # The cyclic garbage collector is paused while the report is built: extraction allocates some
    # 100k objects per MB (Decimals, spans, models) that all stay alive until the Report is returned,
    # so the collector's full passes found nothing to free and took ~16% of the time on 1 MB.
    # Cycles made meanwhile are collected as usual once it is back on.
    paused = gc.isenabled()
    gc.disable()
    try:
        return _build(document)
    finally:
        if paused:
            gc.enable()


def _build(document: Document) -> Report:
    from .extract.dates import find_dates
    from .extract.meta import find_meta
    from .extract.quantities import find_quantities
    from .extract.relations import find_relations
    from .text.sections import find_sections

    meta = find_meta(document)
    sections = find_sections(document)
    quantities = find_quantities(document, sections, meta)
    dates = find_dates(document, meta)
    relations = find_relations(document, quantities, dates, meta)
    src = document.source
    # trusted (model/trusted.py): the lists hold models built above; validating the Report only
    # re-checked each of their ~20k items on 1 MB
    return trusted(
        Report,
        schema_version=SCHEMA_VERSION,
        source=Source(path=src.path, sha256=src.sha256, format=src.format, encoding=src.encoding, pages=src.pages),
        document=meta,
        sections=sections,
        quantities=quantities,
        dates=dates,
        relations=relations,
    )
