"""Teams: a team a report names as holding a title (国家级职业教育教师教学创新团队, 黄大年式教师团队, 教学团队).

Read from the achievements other recognisers made: an achievement whose name is a team's title (it ends in 团队)
and the school or group it was won by (``achievedBy``) make an sg:Team of that holder, named by the title,
recognised by the achievement, with the achievement's evidence. An award *for* a team (…团队奖, …团队评选) is not
a team's name and makes none.
"""

from __future__ import annotations

import re

from loaders.document.model import Document
from loaders.extract import recogniser
from loaders.extract.colocation import links_of
from loaders.facts import Facts, Node
from loaders.keys import slug

RULE = "teams"
_TEAM_TITLE = re.compile(r"团队$")
_HOLDERS = {"School", "ProfessionalGroup"}


@recogniser(RULE, after=("achievements", "recognitions", "counted-honours"))
def extract_teams(doc: Document, facts: Facts) -> None:
    for link in list(links_of(facts, "achievedBy")):
        achievement = facts.nodes.get(link.subject)
        if achievement is None or link.object.kind not in _HOLDERS or not _TEAM_TITLE.search(achievement.label):
            continue
        team = Node("Team", slug(f"{link.object.key}-{achievement.label}"), achievement.label, rule=RULE)
        team.add("teamOf", link.object)
        team.add("recognisedBy", achievement.ref)
        team.evidence.extend(link.evidence or achievement.evidence)
        facts.node(team)
