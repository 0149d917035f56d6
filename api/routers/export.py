"""/api/export: the entity graph as a file (GraphML, GEXF, Cytoscape.js, DOT, CSV zip, HTML page)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Response

from api.lookups import BadParameter
from api.routers.common import LookupsDep, SchoolCode, resource_router, school_iri
from kg.export import EXTENSIONS, MEDIA_TYPES, ExportError, build_export_graph, parse_types, render

router = resource_router("/api/export", "export")
Format = Literal["graphml", "gexf", "cytoscape", "dot", "csv", "html"]


@router.get("", summary="Export the entity graph for Gephi, Cytoscape, Graphviz, Excel or a browser",
            response_class=Response,
            responses={200: {"description": "the export file",
                             "content": {mt.split(";")[0]: {} for mt in MEDIA_TYPES.values()}}})
def export(lookups: LookupsDep, format: Format = "graphml", school: SchoolCode = None,
           types: Annotated[str | None, Query(max_length=300, description="comma-separated kinds")] = None,
           depth: Annotated[int | None, Query(ge=0, le=10)] = None) -> Response:
    try:
        kinds = parse_types(types)
    except ExportError as exc:
        raise BadParameter("types", str(exc)) from None
    if depth is not None and school is None:
        raise BadParameter("depth", "needs school (the neighbourhood is counted from a school)")
    school_iri(lookups, school)
    graph = build_export_graph(lookups.store.quads(), school=school, types=kinds, depth=depth)
    name = f"sgkg{'-' + school if school else ''}.{EXTENSIONS[format]}"
    # the HTML view opens in the browser (a user's trial found it downloaded); the others are files to save
    disposition = "inline" if format == "html" else "attachment"
    return Response(render(graph, format), media_type=MEDIA_TYPES[format],
                    headers={"Content-Disposition": f'{disposition}; filename="{name}"'})
