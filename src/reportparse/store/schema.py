"""The SQL schema of the batch store, versioned by ``PRAGMA user_version`` and the ``meta`` table.

Every table is keyed by ``doc_id`` plus the report's own ids, never by insertion order, so a run
that was killed and resumed, a process pool and a Dask cluster all end with the same rows.
``doc_id`` is derived from the file's absolute path (see ``db.doc_id_for``).  Decimal values are
stored as TEXT written without exponent (exact); cast them (``CAST(normalized AS REAL)``) only to
aggregate.  The only columns that differ between two runs over the same files are the timings in
``TIMING_COLUMNS``; table comparisons leave them out.
"""

from __future__ import annotations

SCHEMA_VERSION = 1  # PRAGMA user_version; bump with a migration in db.migrate()

# Column order is the INSERT order; worker rows follow it (without the leading doc_id).
COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id", "path", "name", "sha256", "size_bytes", "format", "encoding", "pages",
        "title", "organization", "fiscal_year", "genre", "status", "duplicate_of",
        "n_sections", "n_quantities", "n_dates", "n_relations",
        "n_errors", "n_warnings", "n_infos", "n_passed",
        "read_seconds", "parse_seconds", "check_seconds",
    ),
    "sections": ("doc_id", "section_id", "seq", "number", "title", "level", "span_start", "span_end", "parent"),
    "quantities": (
        "doc_id", "quantity_id", "seq", "kind", "text", "span_start", "span_end",
        "value", "unit", "normalized", "normalized_unit", "precision", "approx", "interval_lo", "interval_hi",
        "label", "concept", "section_id", "per", "from_table", "column_header", "context",
        "page", "paragraph", "table_index", "table_row", "table_col", "line", "col",
    ),
    "dates": (
        "doc_id", "date_id", "seq", "kind", "text", "span_start", "span_end", "value", "time", "year_inferred",
        "page", "paragraph", "table_index", "table_row", "table_col", "line", "col",
    ),
    "relations": ("doc_id", "relation_id", "seq", "kind", "span_start", "span_end", "attrs"),
    "relation_members": ("doc_id", "relation_id", "position", "quantity_id", "role"),
    "findings": (
        "doc_id", "source", "seq", "rule", "name", "severity", "status", "decision", "message",
        "expected", "actual", "tolerance",
        "page", "paragraph", "table_index", "table_row", "table_col", "line", "col", "members",
    ),
    "errors": ("doc_id", "path", "stage", "message"),
}

# Per-document tables, deleted and rewritten together with the documents row.
CHILD_TABLES = ("sections", "quantities", "dates", "relations", "relation_members", "findings", "errors")

# Wall-clock measurements: the only content that differs between two runs over the same files.
TIMING_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("read_seconds", "parse_seconds", "check_seconds")}

# Primary keys, used to dump and export tables in a deterministic order.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "meta": ("key",),
    "documents": ("doc_id",),
    "sections": ("doc_id", "seq"),
    "quantities": ("doc_id", "seq"),
    "dates": ("doc_id", "seq"),
    "relations": ("doc_id", "seq"),
    "relation_members": ("doc_id", "relation_id", "position"),
    "findings": ("doc_id", "source", "seq"),
    "errors": ("doc_id",),
}

TABLES = ("meta", *COLUMNS)

DDL = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE documents (
    doc_id        INTEGER PRIMARY KEY,      -- from the absolute path: stable across runs
    path          TEXT NOT NULL UNIQUE,     -- absolute path of the file
    name          TEXT NOT NULL,            -- file name, for display
    sha256        TEXT,                     -- content hash; NULL when the file could not be read at all
    size_bytes    INTEGER,
    format        TEXT,                     -- txt | docx | pdf (by content, not by name)
    encoding      TEXT,
    pages         INTEGER,
    title         TEXT,
    organization  TEXT,
    fiscal_year   INTEGER,
    genre         TEXT,
    status        TEXT NOT NULL CHECK (status IN ('ok', 'failed', 'duplicate')),
    duplicate_of  TEXT,                     -- status duplicate: the path stored with the same content
    n_sections    INTEGER NOT NULL DEFAULT 0,
    n_quantities  INTEGER NOT NULL DEFAULT 0,
    n_dates       INTEGER NOT NULL DEFAULT 0,
    n_relations   INTEGER NOT NULL DEFAULT 0,
    n_errors      INTEGER NOT NULL DEFAULT 0,  -- failing findings of `check`, by severity
    n_warnings    INTEGER NOT NULL DEFAULT 0,
    n_infos       INTEGER NOT NULL DEFAULT 0,
    n_passed      INTEGER NOT NULL DEFAULT 0,  -- relations checked that held
    read_seconds  REAL,                     -- timings: differ between runs, left out of comparisons
    parse_seconds REAL,
    check_seconds REAL
);
CREATE INDEX documents_sha256 ON documents (sha256);
CREATE INDEX documents_org_year ON documents (organization, fiscal_year);

CREATE TABLE sections (
    doc_id     INTEGER NOT NULL,
    section_id TEXT NOT NULL,
    seq        INTEGER NOT NULL,
    number     TEXT NOT NULL,
    title      TEXT NOT NULL,
    level      INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end   INTEGER NOT NULL,
    parent     TEXT,
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, section_id)
);

CREATE TABLE quantities (
    doc_id          INTEGER NOT NULL,
    quantity_id     TEXT NOT NULL,           -- q1, q2 ... as in `parse --format json`
    seq             INTEGER NOT NULL,        -- text order
    kind            TEXT NOT NULL,           -- money | count | percent | score | rate | ordinal | duration
    text            TEXT NOT NULL,           -- exactly the document text at [span_start, span_end)
    span_start      INTEGER NOT NULL,
    span_end        INTEGER NOT NULL,
    value           TEXT NOT NULL,           -- Decimal as printed, in unit
    unit            TEXT NOT NULL,
    normalized      TEXT NOT NULL,           -- Decimal in normalized_unit (money in 元)
    normalized_unit TEXT NOT NULL,
    precision       INTEGER NOT NULL,
    approx          TEXT NOT NULL,           -- exact | approx | at_least | at_most
    interval_lo     TEXT NOT NULL,           -- Decimal, in normalized_unit
    interval_hi     TEXT NOT NULL,
    label           TEXT,
    concept         TEXT,
    section_id      TEXT,
    per             TEXT,
    from_table      INTEGER NOT NULL DEFAULT 0,
    column_header   TEXT,
    context         TEXT,                    -- the words before the figure in its clause (上年/2020年三公经费支出)
    page            INTEGER,
    paragraph       INTEGER,
    table_index     INTEGER,
    table_row       INTEGER,
    table_col       INTEGER,
    line            INTEGER NOT NULL,
    col             INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, quantity_id)
);
CREATE INDEX quantities_concept ON quantities (concept);

CREATE TABLE dates (
    doc_id        INTEGER NOT NULL,
    date_id       TEXT NOT NULL,
    seq           INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    span_start    INTEGER NOT NULL,
    span_end      INTEGER NOT NULL,
    value         TEXT NOT NULL,            -- ISO 8601 at the granularity written
    time          TEXT,
    year_inferred INTEGER NOT NULL DEFAULT 0,
    page          INTEGER,
    paragraph     INTEGER,
    table_index   INTEGER,
    table_row     INTEGER,
    table_col     INTEGER,
    line          INTEGER NOT NULL,
    col           INTEGER NOT NULL,
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, date_id)
);

CREATE TABLE relations (
    doc_id      INTEGER NOT NULL,
    relation_id TEXT NOT NULL,
    seq         INTEGER NOT NULL,
    kind        TEXT NOT NULL,              -- sum | subset | comparison | share | rate | grade | repeat ...
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    attrs       TEXT NOT NULL,              -- JSON object, keys sorted
    PRIMARY KEY (doc_id, seq),
    UNIQUE (doc_id, relation_id)
);

CREATE TABLE relation_members (
    doc_id      INTEGER NOT NULL,
    relation_id TEXT NOT NULL,
    position    INTEGER NOT NULL,
    quantity_id TEXT NOT NULL,
    role        TEXT NOT NULL,              -- total | part | this_year | last_year | change | pct_change ...
    PRIMARY KEY (doc_id, relation_id, position)
);
CREATE INDEX relation_members_quantity ON relation_members (doc_id, quantity_id);

CREATE TABLE findings (
    doc_id      INTEGER NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('check', 'crosscheck')),
    seq         INTEGER NOT NULL,
    rule        TEXT NOT NULL,              -- RP101 ...; RP950+ from crosscheck
    name        TEXT NOT NULL,
    severity    TEXT NOT NULL,              -- error | warning | info
    status      TEXT NOT NULL,              -- fail | pass
    decision    INTEGER NOT NULL DEFAULT 0,
    message     TEXT NOT NULL,
    expected    TEXT,
    actual      TEXT,
    tolerance   TEXT,
    page        INTEGER,
    paragraph   INTEGER,
    table_index INTEGER,
    table_row   INTEGER,
    table_col   INTEGER,
    line        INTEGER,
    col         INTEGER,
    members     TEXT NOT NULL,              -- JSON list of {quantity, text, span, role, location[, doc_id]}
    PRIMARY KEY (doc_id, source, seq)
);
CREATE INDEX findings_rule ON findings (rule, status);

CREATE TABLE errors (
    doc_id  INTEGER PRIMARY KEY,
    path    TEXT NOT NULL,
    stage   TEXT NOT NULL,                  -- read | parse | check | worker
    message TEXT NOT NULL                   -- Chinese, one line, no traceback
);
"""
