"""Services and levels of need: the early help ecosystem's counted services, by life area."""

from charts.bars import counts
from definitions.model import Chart, Draw

UNIVERSAL = "Universal services, by life area"


def _life_area(area: str) -> Chart:
    return Chart(
        id=f"services.{area}",
        section=UNIVERSAL,
        builder=counts,
        draws=Draw(table="services", where={"life_area": area, "section_id": "ecosystem"}),
        message="{rows.life_area}: {rows.how_many} kinds of service, the most numerous {rows.largest}",
        what=f"the {area} services",
        note="A '+' marks a lower bound: at least that many.",
        label_by="title",
    )


DEFINITIONS = [_life_area(area) for area in ("health", "learning", "community", "money")]
