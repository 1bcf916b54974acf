"""reports/<report>/__init__.py: each report names its FORMATS and `render`s a view in one of them (the registry of
docs/architecture.md, "Layers")."""

from conftest import seed_report
from effektinvest.reports import due as due_report
from effektinvest.reports import gap as gap_report


def test_render_dispatches_each_format_to_its_module_and_refuses_others():
    import pytest

    report = seed_report()
    assert gap_report.render("tsv", report).splitlines()[0] == "year\tcategory\tid\tname\tamount"
    with pytest.raises(ValueError):
        due_report.render("markdown", report)
