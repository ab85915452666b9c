"""Licensed descriptor texts load from a documented CSV file, all or nothing, and show in the coach's language."""
import io

import pytest
from sqlalchemy import func, select

from gezinsaanpak.extensions import db
from gezinsaanpak.plans.descriptors import DescriptorFileError, descriptors_for, load_descriptors
from gezinsaanpak.plans.models import DomainDescriptor

HEADER = "domain_code,level,age_band,language,text\n"
GOOD = HEADER + ('bridge.housing,1,,nl,"Geen eigen woonruimte, of uitzetting dreigt."\n'
                 "bridge.housing,1,,en,No home of one's own.\n"
                 "bridge.housing,5,,nl,Woont veilig en betaalbaar.\n")


def count():
    return db.session.scalar(select(func.count(DomainDescriptor.id)))


def test_a_file_loads_and_loads_again_as_an_update(domains):
    result = load_descriptors(io.StringIO(GOOD))
    assert (result.added, result.updated) == (3, 0)
    again = load_descriptors(io.StringIO(GOOD.replace("Woont veilig en betaalbaar.", "Woont veilig.")))
    assert (again.added, again.updated, again.unchanged) == (0, 1, 2)
    assert count() == 3


def test_one_bad_row_loads_nothing_and_every_bad_line_is_named(domains):
    bad = GOOD + ("bridge.housing,7,,nl,Te hoog\n"
                  "child.self_regulation,red,,nl,Geen leeftijdsfase\n"
                  "family.safety,1,,nl,Gezinsthema\n"
                  "bridge.unknown,1,,nl,Onbekend\n"
                  "bridge.debts,2,,de,Sprache\n"
                  "bridge.housing,1,,nl,Dubbel\n")
    with pytest.raises(DescriptorFileError) as error:
        load_descriptors(io.StringIO(bad))
    assert [p.split(":")[0] for p in error.value.problems] == [f"regel {n}" for n in range(5, 11)]
    assert count() == 0


def test_missing_columns_are_named(domains):
    with pytest.raises(DescriptorFileError, match="kolommen ontbreken: age_band"):
        load_descriptors(io.StringIO("domain_code,level,language,text\n"))


def test_texts_show_in_the_coachs_language_else_the_other(domains):
    load_descriptors(io.StringIO(GOOD))
    housing = domains["bridge.housing"].id
    dutch = descriptors_for("bridge", None, "nl")
    assert dutch[(housing, "1")].startswith("Geen eigen woonruimte") and (housing, "5") in dutch
    english = descriptors_for("bridge", None, "en")
    assert english[(housing, "1")] == "No home of one's own."
    assert english[(housing, "5")] == "Woont veilig en betaalbaar."  # no English text loaded: the Dutch one



def test_the_child_bridge_takes_benchmarks_not_descriptors(domains):
    with pytest.raises(DescriptorFileError, match="per ijkpunt gescoord"):
        load_descriptors(io.StringIO(HEADER + "child.educational_progress,orange,by_11,en,Falling behind.\n"))
    assert count() == 0


def test_the_command_loads_a_file_and_explains_a_bad_one(domains, runner, tmp_path):
    good, bad = tmp_path / "descriptors.csv", tmp_path / "wrong.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(HEADER + "bridge.housing,9,,nl,Te hoog\n", encoding="utf-8")
    result = runner.invoke(args=["plans", "load-descriptors", str(good)])
    assert result.exit_code == 0 and "3 toegevoegd" in result.output
    result = runner.invoke(args=["plans", "load-descriptors", str(bad)])
    assert result.exit_code == 1 and "er is niets geladen" in result.output and "regel 2" in result.output
    assert count() == 3
