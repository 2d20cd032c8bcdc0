"""The compiled attribute reads (``lexbor_attrs``), when this install has them and they read
selectolax's tree as selectolax does.

The readers that use them (:mod:`~mediespor.extract.meta`, :mod:`~mediespor.extract.dates`,
:mod:`~mediespor.extract.byline`, :mod:`~mediespor.extract.nodes`) each keep a switch
``_compiled`` set from :data:`compiled`, and their Python reads as the fallback and the
specification; an in-process comparison turns a switch off.
"""

from __future__ import annotations

from mediespor.extract.compiled_walks import load

compiled = load(
    "lexbor_attrs",
    "<html lang=da><head><meta property=og:title content='Tït'><meta NAME=Author content>"
    "<meta itemprop=datePublished content=2017-06-29><meta name=''><meta content=x>"
    "</head><body class=page><div class='Post-DATE meta' id=dateline>x<p id=Dato title>y"
    "<svg><a xlink:href=/a href=/b class=metadata><title>t</title></a></svg></p>"
    "<span class=submitted-by data-a-rather-long-attribute-name=1 id>z</span>"
    "<i class='møde datø'>w</i></div><template><b class=date>t</b></template></body></html>",
)
#: Whether the attribute reads are the compiled ones rather than ``node.attributes`` and
#: selector queries.
COMPILED = compiled is not None
