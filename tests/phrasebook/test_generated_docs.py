"""INDEX.md and schema.json are generated from the YAML and must be current."""

from coach.phrasebook.index import INDEX_FILE, SCHEMA_FILE, render_index, render_schema
from coach.phrasebook.loader import BUNDLED_DIR


def test_index_is_current(book):
    assert (BUNDLED_DIR / INDEX_FILE).read_text() == render_index(book), "run `coach phrasebook index`"


def test_schema_is_current():
    assert (BUNDLED_DIR / SCHEMA_FILE).read_text() == render_schema(), "run `coach phrasebook index`"


def test_index_lists_every_entry(book):
    index = render_index(book)
    for e in book.entries:
        assert f"`{e.id}`" in index
