# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""Attribute reads of the metadata, date and byline readers, compiled (used through
:mod:`mediespor.extract.attr_reads`).

The Python readers ask selectolax for ``node.attributes``, a dict of every attribute of the
element, only to test one or two of them, and the date-class search asks it of every element
with a class or id (a thousand on a large page); the byline and comment searches run selector
lists of ``[class*=word i]`` parts, which cost Lexbor a walk over the page per part. These
functions read the two or three attributes they need straight from Lexbor's attribute list
(``lexbor_abi.h``) and hand back exactly what the Python readers compute:

- :func:`classed`: the elements whose class or id holds one of some words, each once per word
  it holds, in document order, as such a selector list reports them: ``dates._date_classed``
  (the date-class cues), ``byline.visible_authors`` (author and byline classes) and
  ``nodes.comment_named`` (ids and classes naming comments);
- :func:`meta_fields`: for each ``<meta>``, the ``property``/``name``/``itemprop`` value that
  ``meta.read_meta`` keys it by, and its ``content``.

Attribute names are matched as selectolax's ``attributes`` keys them (the qualified name where
Lexbor keeps one); :func:`check` compares that with selectolax's own answers on a scratch
page, and the Python readers use this module only when it passes.
"""

from mediespor.extract.lexbor_abi cimport (
    MLX_ATTR_CLASS,
    MLX_ATTR_CONTENT,
    MLX_ATTR_HREF,
    MLX_ATTR_ID,
    MLX_NODE_TYPE_ELEMENT,
    LexborNode,
    attr_is,
    attr_value,
    checked_root,
    find_attr,
    holds_folded,
    mlx_attr_t,
    mlx_element_t,
    mlx_node_t,
    next_in,
    wrap,
)

# The most words a class search may have (dates.py's date-class cues are fifteen).
DEF MAX_PARTS = 32


cdef bint _named(mlx_node_t *node, mlx_attr_t **klass, mlx_attr_t **ident) noexcept:
    """Whether the element has a class or an id attribute (what the selector ``[class]`` and
    ``[id]`` match: Lexbor's local name), and the attributes that selectolax's ``attributes``
    gives for "class" and "id"."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).first_attr
    cdef bint named = False
    klass[0] = NULL
    ident[0] = NULL
    while attr != NULL:
        if attr.node.local_name == MLX_ATTR_CLASS or attr.node.local_name == MLX_ATTR_ID:
            named = True
        if klass[0] == NULL and attr_is(attr, MLX_ATTR_CLASS, b"class", 5):
            klass[0] = attr
        elif ident[0] == NULL and attr_is(attr, MLX_ATTR_ID, b"id", 2):
            ident[0] = attr
        attr = attr.next
    return named


def classed(LexborNode root not None, tuple parts):
    """The elements of ``root``'s subtree (itself included) with a class or id, each once per
    part of ``parts`` it matches, in document order: what a selector list of
    ``[class*="word" i]`` and ``[id*="word" i]`` parts reports (``dates._date_classed``).

    ``parts`` are ``(on_id, word)`` pairs: ``word`` (lower-case ASCII bytes) is looked for,
    ASCII letters folded, in the id when ``on_id``, else in the class.
    """
    cdef Py_ssize_t count = len(parts)
    cdef bint on_id[MAX_PARTS]
    cdef const char *words[MAX_PARTS]
    cdef size_t lengths[MAX_PARTS]
    cdef bytes word
    cdef Py_ssize_t i, matches
    if count > MAX_PARTS:
        raise ValueError(f"at most {MAX_PARTS} class words")
    for i in range(count):
        on_id[i] = bool(parts[i][0])
        word = parts[i][1]
        if not word:
            raise ValueError("an empty class word")
        words[i] = word  # ``parts`` keeps the bytes alive
        lengths[i] = len(word)
    cdef list found = []
    cdef object parser = root.parser
    cdef mlx_node_t *top = root.node
    cdef mlx_node_t *node = top
    cdef mlx_attr_t *klass
    cdef mlx_attr_t *ident
    cdef object made
    while node != NULL:
        if node.type == MLX_NODE_TYPE_ELEMENT and _named(node, &klass, &ident):
            matches = 0
            for i in range(count):
                if on_id[i]:
                    matches += ident != NULL and holds_folded(ident.value, words[i], lengths[i])
                else:
                    matches += klass != NULL and holds_folded(klass.value, words[i], lengths[i])
            if matches:
                made = wrap(node, parser)
                for i in range(matches):
                    found.append(made)
        # The next node, depth first, without leaving ``root``'s subtree.
        node = next_in(node, top)
    return found


def meta_fields(list metas):
    """For each ``<meta>`` node of ``metas``, in order, ``(key, content)``: ``key`` the first of
    its ``property``, ``name`` and ``itemprop`` values that is not empty (else the last one
    read: None or ""), ``content`` its ``content`` value (None when it has none), as
    ``meta.read_meta`` reads them from ``node.attributes``."""
    cdef list fields = []
    cdef LexborNode meta
    cdef mlx_node_t *node
    cdef object key
    for meta in metas:
        if meta is None:
            raise TypeError("meta_fields needs a node, not None")
        node = meta.node
        if node.type != MLX_NODE_TYPE_ELEMENT:
            fields.append((None, None))
            continue
        key = attr_value(find_attr(node, 0, b"property", 8))
        if not key:
            key = attr_value(find_attr(node, 0, b"name", 4))
            if not key:
                key = attr_value(find_attr(node, 0, b"itemprop", 8))
        fields.append((key, attr_value(find_attr(node, MLX_ATTR_CONTENT, b"content", 7))))
    return fields


# Names read here (with Lexbor's ids of those it knows in advance), and one that SVG's
# "xlink:href" shares a local name with.
_CHECKED_NAMES = {
    "class": MLX_ATTR_CLASS, "id": MLX_ATTR_ID, "content": MLX_ATTR_CONTENT,
    "href": MLX_ATTR_HREF,
    "property": 0, "name": 0, "itemprop": 0,
}


# Class words for the check: on the class, on the id, and a long word.
_CHECK_PARTS = ((False, b"date"), (True, b"date"), (False, b"meta"), (False, b"submitted"))


def check(object tree):
    """Whether attributes read here read ``tree`` (a parsed scratch page) as selectolax does:
    every element's values for the names read here, and the classed elements as a
    selector list of ``[class*=word i]``/``[id*=word i]`` parts finds them."""
    cdef LexborNode root = checked_root(tree)
    cdef LexborNode node
    cdef bytes encoded
    cdef mlx_attr_t *klass
    cdef mlx_attr_t *ident
    if root is None:
        return False
    for node in root.traverse():
        if node.node.type != MLX_NODE_TYPE_ELEMENT:
            continue
        attrs = node.attributes
        for name, known in _CHECKED_NAMES.items():
            encoded = name.encode()
            if attr_value(find_attr(node.node, known, encoded, len(encoded))) != attrs.get(name):
                return False
        if _named(node.node, &klass, &ident) != ("class" in attrs or "id" in attrs):
            return False
    query = ", ".join(
        f'[{"id" if on_id else "class"}*="{word.decode()}" i]' for on_id, word in _CHECK_PARTS
    )
    theirs = [n.mem_id for n in root.css(query)]
    return theirs == [n.mem_id for n in classed(root, _CHECK_PARTS)] and len(theirs) > 0
