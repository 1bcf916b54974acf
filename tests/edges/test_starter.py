"""`init`: a starter scenario that passes check, written atomically, never over an existing file."""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import ROOT, invoke
from effektinvest.edges.load import load_bytes, load_path
from effektinvest.edges.starter import starter_text, write_new


@pytest.fixture(autouse=True)
def _in_tmp_path(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)  # relative paths land in tmp_path, as in a user's working folder


def run(*args):
    return invoke(*args)


def test_starter_passes_check_without_warnings(tmp_path):
    result = run("init", "ny.yaml", "--budget-year", "2026")
    assert result.returncode == 0, result.stderr
    loaded = load_path(str(tmp_path / "ny.yaml"))
    assert loaded.diagnostics == []
    assert loaded.scenario.budget_year == 2026
    assert run("check", "ny.yaml").returncode == 0
    assert "# " in (tmp_path / "ny.yaml").read_text(encoding="utf-8")  # commented


def test_init_never_overwrites_without_force(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("my work\n")
    result = run("init", "mine.yaml")
    assert result.returncode == 2
    assert "exists; use --force" in result.stderr
    assert target.read_text() == "my work\n"
    assert run("init", "mine.yaml", "--force").returncode == 0
    assert target.read_text(encoding="utf-8").startswith("# Scenarie")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"]  # no temporary file left


def test_write_new_leaves_no_half_file_when_interrupted(tmp_path, monkeypatch):
    target = tmp_path / "s.yaml"

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "link", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_new(target, starter_text("s.yaml", 2025), force=False)
    assert list(tmp_path.iterdir()) == []


def test_written_file_has_ordinary_permissions(tmp_path):
    write_new(tmp_path / "s.yaml", "x\n", force=False)
    mode = (tmp_path / "s.yaml").stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_init_into_a_missing_folder_is_a_usage_error(tmp_path):
    result = run("init", str(Path("no") / "such" / "s.yaml"))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_init_takes_the_budget_year_from_a_year_in_the_file_name(tmp_path):
    from effektinvest.edges.starter import year_in_name

    assert [year_in_name(n) for n in ("2026.yaml", "budget-2026-v2.yaml", "x12026.yaml", "v3.yaml")] == [
        2026,
        2026,
        None,  # 12026 is no year
        None,
    ]
    (tmp_path / "scenarios").mkdir()
    path = tmp_path / "scenarios" / "2026.yaml"
    assert invoke("init", str(path)).code == 0
    assert "budget_year: 2026 " in path.read_text(encoding="utf-8")
    assert invoke("check", str(path)).code == 0
    given = tmp_path / "scenarios" / "2031.yaml"
    assert invoke("init", str(given), "--budget-year", "2030").code == 0  # the option wins
    assert "budget_year: 2030 " in given.read_text(encoding="utf-8")


# --- issue 10, 2.9: what init writes onto --------------------------------------------------------------------------


def test_init_force_refuses_a_symbolic_link_and_leaves_it_and_its_target_alone(tmp_path):
    target = tmp_path / "mine.yaml"
    target.write_text("my work\n")
    (tmp_path / "link.yaml").symlink_to(target)
    result = run("init", "link.yaml", "--force")
    assert result.returncode == 2 and "not a regular file" in result.stderr and "Traceback" not in result.stderr
    assert (tmp_path / "link.yaml").is_symlink() and target.read_text() == "my work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.yaml", "mine.yaml"]  # no temporary file left


def test_init_force_refuses_a_fifo_or_a_device_node(tmp_path):
    import stat

    os.mkfifo(tmp_path / "fifo.yaml")
    nodes = ["fifo.yaml"]
    try:  # a device node (as /dev/null is): only where this user may make one
        os.mknod(tmp_path / "null.yaml", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        nodes.append("null.yaml")
    except (PermissionError, AttributeError):
        pass
    for name in nodes:
        kind = os.lstat(tmp_path / name).st_mode
        result = run("init", name, "--force")
        assert result.returncode == 2 and "not a regular file" in result.stderr, result.stderr
        assert os.lstat(tmp_path / name).st_mode == kind  # still the node it was
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(nodes)


def test_init_writes_a_file_whose_name_is_as_long_as_the_system_allows(tmp_path):
    name = "s" * 240 + ".yaml"  # 245 bytes: a valid name (the limit is 255); ".NAME.xxxxxxxx.tmp" is not
    result = run("init", name)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Scenarie")
    assert [p.name for p in tmp_path.iterdir()] == [name]
    assert run("init", name, "--force").returncode == 0


def test_init_starts_no_budget_year_whose_starter_would_hold_a_year_past_the_range(tmp_path):
    """One year range (model.numbers YEAR_MIN..YEAR_MAX): the starter's examples reach the budget year + 2,
    so the latest budget year init starts is 2198; 2199 is a usage error, not a file that fails check."""
    assert run("init", "sidst.yaml", "--budget-year", "2198").code == 0
    assert "2200" in (tmp_path / "sidst.yaml").read_text(encoding="utf-8")
    assert run("check", "sidst.yaml").code == 0
    refused = run("init", "for-sent.yaml", "--budget-year", "2199")
    assert refused.code == 2 and "--budget-year" in refused.stderr and "2198" in refused.stderr
    assert not (tmp_path / "for-sent.yaml").exists()
    from effektinvest.edges.starter import year_in_name

    assert [year_in_name(n) for n in ("budget-2198.yaml", "budget-2199.yaml", "1899.yaml")] == [2198, None, None]


def test_the_starter_shows_the_new_keys_commented_and_uncommented_they_pass_check(tmp_path):
    import re

    text = starter_text("ny.yaml", 2026)
    for key in ("# realisation:", "#   kind: state", "# savings:", "#   tariff:", "#   outcomes:", "#   cap:"):
        assert key in text
    assert load_bytes(text.encode(), "ny.yaml").diagnostics == []
    keys = r"realisation|staten|  name: Staten|  kind: state|savings|  decentral: |  staten: |- source: outcomefonden"
    uncommented = re.sub(rf"(?m)^(\s*)# (?=({keys}|  tariff|  outcomes|  cap))", r"\1", text)
    loaded = load_bytes(uncommented.encode(), "ny.yaml")
    assert loaded.diagnostics == []
    assert loaded.scenario.realisation == Decimal("0.75")
    assert loaded.scenario.financing[-1].cap == Decimal("0.5")
    assert loaded.scenario.financing[-1].tariff == {2026: Decimal("0.02"), 2027: Decimal("0.025")}  # a rate card
    assert loaded.scenario.projects["projekt_a"].savings["staten"] == {2027: Decimal("0.4"), 2028: Decimal("0.4")}


def test_the_starter_shows_the_actual_figures_commented_and_uncommented_they_pass_check():
    import re

    text = starter_text("ny.yaml", 2026)
    for key in ("# actuals_through:", "# actual_costs:", "# realised_savings:", "#   paid:", "#   achieved:"):
        assert key in text
    keys = r"staten|  name: Staten|  kind: state|savings|  decentral: |  staten: |- source: outcomefonden"
    keys += r"|actuals_through|actual_costs|realised_savings|  paid|  achieved"
    uncommented = re.sub(rf"(?m)^(\s*)# (?=({keys}|  tariff|  outcomes|  cap))", r"\1", text)
    loaded = load_bytes(uncommented.encode(), "ny.yaml")
    assert loaded.diagnostics == []
    scenario = loaded.scenario
    assert scenario.actuals_through == 2026
    assert scenario.projects["projekt_a"].actual_costs == {2026: Decimal("2.4")}
    assert scenario.projects["projekt_a"].realised_savings == {"decentral": {2026: Decimal("0.2")}}
    assert scenario.financing[1].paid == {2026: Decimal("0.45")}
    assert scenario.financing[-1].achieved == {2026: 8}


def test_the_starter_shows_a_repayment_commented_and_uncommented_it_passes_check():
    """format 1.3 (repayment.md): the fund's line is repaid per achieved outcome by two pockets."""
    import re

    text = starter_text("ny.yaml", 2026)
    assert "#   repay:" in text and "#     by:" in text
    uncommented = re.sub(r"(?m)^(\s*)# (?=(  repay|    tariff|    outcomes|    cap|    by))", r"\1", text)
    loaded = load_bytes(uncommented.encode(), "ny.yaml")
    assert loaded.diagnostics == []
    repay = loaded.scenario.financing[1].repay
    assert (repay.tariff, repay.outcomes, repay.cap) == (Decimal("0.05"), {2027: 5, 2028: 10}, Decimal("0.6"))
    assert repay.by == {"decentral": Decimal("0.6"), "ikke_decentral": Decimal("0.4")}


@pytest.mark.usefixtures("at_the_root")
def test_init_dash_prints_the_starter():
    result = invoke("init", "-")
    assert result.returncode == 0 and result.stdout.startswith("# Scenarie")
    assert not (ROOT / "-").exists()


# Every commented example of the starter that is YAML (a key, a source, an outcome line): uncommented, the file
# uses every key the starter shows.
_EXAMPLES = (
    r"realisation|actuals_through|staten|  name: Staten|  kind: state|savings|  decentral: |  staten: "
    r"|actual_costs|realised_savings|- source: outcomefonden|  tariff|  outcomes|  cap|  paid|  achieved"
    r"|  repay|    tariff|    outcomes|    cap|    by"
)


@pytest.mark.parametrize("edge", ["first", "last"])
def test_init_at_the_first_and_the_last_budget_year_writes_examples_that_pass_check_uncommented(tmp_path, edge):
    """The starter's years all come from the one year range (model.numbers YEAR_MIN..YEAR_MAX): at the last budget
    year init starts, every example, uncommented, is still a valid year (issue 20: 2199 once wrote 2201)."""
    import re

    from effektinvest.edges.starter import LAST_BUDGET_YEAR, SPAN
    from effektinvest.model.numbers import YEAR_MAX, YEAR_MIN

    year = YEAR_MIN if edge == "first" else LAST_BUDGET_YEAR
    assert run("init", "ny.yaml", "--budget-year", str(year)).code == 0
    text = (tmp_path / "ny.yaml").read_text(encoding="utf-8")
    uncommented = re.sub(rf"(?m)^(\s*)# (?=({_EXAMPLES}))", r"\1", text)
    assert re.findall(rf"(?m)^\s*# (?:{_EXAMPLES})", uncommented) == []  # nothing left commented but prose
    (tmp_path / "ny.yaml").write_text(uncommented, encoding="utf-8")
    result = run("check", "ny.yaml")
    assert (result.code, result.stderr) == (0, "checked 1 file: 0 errors, 0 warnings\n")
    years = {int(y) for y in re.findall(r"(?<![0-9.])(1[89][0-9]{2}|2[0-9]{3})(?![0-9])", uncommented)}
    assert min(years) == year and max(years) == year + SPAN
    assert YEAR_MIN <= min(years) and max(years) <= YEAR_MAX
    if edge == "last":
        assert max(years) == YEAR_MAX  # the last budget year reaches the end of the range, not past it


@pytest.mark.parametrize(
    "name, shown",
    [
        ("esc\x1b[31m.yaml", "'esc\\x1b[31m.yaml'"),
        ("nl\nx.yaml", "'nl\\nx.yaml'"),
        ("bidi\u202egnp.yaml", "'bidi\\u202egnp.yaml'"),
        ("mit budget 2026.yaml", "'mit budget 2026.yaml'"),
        ("2026.yaml", "2026.yaml"),
    ],
)
def test_the_file_name_in_the_starter_is_a_command_to_copy_never_raw(tmp_path, name, shown):
    """The starter names its own file in two commented commands: quoted for the shell, every hidden character
    as its escape, so the file it writes still passes check and holds nothing a terminal acts on."""
    assert run("init", name).returncode == 0
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert f"effektinvest check {shown}\n" in text and f"effektinvest gap {shown}\n" in text
    assert text.isascii() or all(ch.isprintable() or ch == "\n" for ch in text)
    assert run("check", name).returncode == 0
