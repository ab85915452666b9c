"""The areas depend downwards only: no import cycle between areas, and no import hidden inside a function that
reaches into another area. Where `cases` shows what other areas own, they plug in through cases/registry.py.

An area is a subpackage of gezinsaanpak (cases, signals, ...) or a module at the top (web, audit, ...). The app
factory (`gezinsaanpak/__init__.py`) and the command line (`commands.py`) put everything together; like Flask's
own tutorial they import inside their functions, and they sit above every area.
"""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "gezinsaanpak"
# From the bottom up; an area may import only from areas in earlier (lower) layers, or from itself.
LAYERS = [
    {"errors", "extensions", "i18n", "timeutil"},
    {"files", "erasures", "health", "runs", "cli", "formfill", "forms"},
    {"config", "locking", "statemachine", "audit", "postgres_tools", "drafts", "logs", "translate", "theme", "pdf",
     "kept"},
    {"auth", "backup"},
    {"history", "web"},
    {"cases"},
    {"network"},
    {"referrals"},
    {"plans"},
    {"signals"},
    {"visits"},
    {"admin", "catalogues", "privacy"},
    {"reports", "checks"},
    {"demo", "models"},
    {"commands"},
    {"__init__"},
]
COMPOSITION = {"__init__", "commands"}
RANK = {area: rank for rank, layer in enumerate(LAYERS) for area in layer}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _area(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports():
    """(importing module, imported module, inside a function?) for every import of the package's own code."""
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function_level, node in _walk(tree, False):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
                target = ".".join([*base, node.module] if node.module else base)
                names = [target] if node.module else [f"{target}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                if name == "gezinsaanpak" or name.startswith("gezinsaanpak."):
                    yield module, name, function_level


def _walk(node, function_level):
    for child in ast.iter_child_nodes(node):
        inside = function_level or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
        yield inside, child
        yield from _walk(child, inside)


def test_every_area_has_a_layer():
    areas = {_area(module) for module, _target, _inside in imports()}
    assert areas <= set(RANK), f"put these in LAYERS: {sorted(areas - set(RANK))}"


def test_areas_import_only_downwards():
    upwards = sorted({(module, target) for module, target, _inside in imports()
                      if _area(module) != _area(target) and RANK[_area(target)] >= RANK[_area(module)]})
    assert not upwards, "imports that go up or sideways (a cycle waiting to happen): " + repr(upwards)


def test_no_import_hidden_in_a_function_crosses_areas():
    hidden = sorted({(module, target) for module, target, inside in imports()
                     if inside and _area(module) != _area(target) and _area(module) not in COMPOSITION})
    assert not hidden, "import at the top of the module instead (or plug in through cases/registry.py): " + repr(
        hidden)



TESTS = Path(__file__).resolve().parent


def test_test_modules_share_helpers_not_each_other():
    """Shared test code lives in helper modules (tests/helpers.py, factories.py, web/walk.py, ...): a test module or
    conftest imported by another would run its tests or fixtures twice, and moving one test would break another."""
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("tests"):
                last = node.module.rsplit(".", 1)[-1]
                if last.startswith("test_") or last == "conftest":
                    offenders.append(f"{path.relative_to(TESTS)} imports {node.module}")
    assert not offenders, offenders


def test_tests_read_the_day_from_the_fixed_clock():
    """Tests run on tests.helpers.TODAY (conftest moves the application's clock there); the calendar's day in a test
    would disagree with what the application thinks today is."""
    calls = [f"{path.relative_to(TESTS)}:{node.lineno}" for path in sorted(TESTS.rglob("*.py"))
             for node in ast.walk(ast.parse(path.read_text(), str(path)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "today"
             and isinstance(node.func.value, ast.Name) and node.func.value.id in ("date", "datetime")]
    assert not calls, calls
