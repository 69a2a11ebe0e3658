"""The code's shape: no import cycles between modules (the layer order itself is an
import-linter contract in pyproject.toml, run by scripts/test.sh)."""

from __future__ import annotations

import grimp
import networkx as nx


def test_no_module_imports_itself_through_others() -> None:
    # Imports under `if TYPE_CHECKING:` never run, so they cannot form a cycle.
    imports = grimp.build_graph("meshforge", cache_dir=None, exclude_type_checking_imports=True)
    graph = nx.DiGraph()
    for module in imports.modules:
        for imported in imports.find_modules_directly_imported_by(module):
            graph.add_edge(module, imported)
    cycles = [sorted(group) for group in nx.strongly_connected_components(graph) if len(group) > 1]
    assert cycles == []
