"""Imports point one way: api → services → nlp → phrasebook."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "coach"
FORBIDDEN = {
    "phrasebook": {"spacy", "fastapi", "coach.nlp", "coach.services", "coach.api", "thinc"},
    "nlp": {"fastapi", "coach.services", "coach.api", "uvicorn"},
    "services": {"fastapi", "coach.api", "uvicorn", "starlette"},
}


def imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer):
    for path in (PACKAGE / layer).rglob("*.py"):
        for name in imports(path):
            bad = [f for f in FORBIDDEN[layer] if name == f or name.startswith(f + ".")]
            assert not bad, f"{path.relative_to(PACKAGE)} imports {name}"
