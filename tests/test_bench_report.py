"""The benchmark report: a rerun of one benchmark replaces only its own section."""

from __future__ import annotations

from benchmarks.run import replace_sections

REPORT = "# Performance\n\nIntro.\n\n## analyze\n\nold A\n\n## Story clustering\n\nold C\n"


def test_rerun_replaces_its_section_and_keeps_the_others() -> None:
    out = replace_sections(REPORT, ["## Story clustering\n\nnew C"])
    assert out == "# Performance\n\nIntro.\n\n## analyze\n\nold A\n\n## Story clustering\n\nnew C\n"


def test_new_heading_goes_at_the_end() -> None:
    out = replace_sections(REPORT, ["## Briefing\n\nB"])
    assert out.endswith("## Story clustering\n\nold C\n\n## Briefing\n\nB\n")
    assert replace_sections(REPORT, []) == REPORT
