# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
"""The page index's walk over every element, compiled (see :mod:`mediespor.extract.index`).

The Python index made a node object for each of a page's elements, most of which it then
only asked for a tag id, and ran a selector query over the whole page for two attribute tests
(microdata dates, divs whose class calls them paragraphs): together about two thirds of a bare
parse a page. This walk follows Lexbor's pointers itself, reads those two attributes on the
way, and makes node objects only for what it hands back (metadata, paragraph candidates,
junk), in the order ``traverse()`` would: every node but text nodes, depth first.

:func:`check` compares the declared layouts (``lexbor_abi.h``) with selectolax's own answers
on a scratch page; :mod:`mediespor.extract.index` uses this module only when it passes.
"""

from libc.stdint cimport uintptr_t

from mediespor.extract.lexbor_abi cimport (
    MLX_ATTR_HREF,
    MLX_ATTR_REL,
    MLX_ATTR_TYPE,
    MLX_NODE_TYPE_ELEMENT,
    MLX_NODE_TYPE_TEXT,
    LexborNode,
    after_subtree,
    attr_name,
    checked_root,
    find_attr,
    holds_folded,
    mlx_attr_t,
    mlx_element_t,
    mlx_node_t,
    next_in,
    same_bytes,
    tag_entry,
    value_folded_is,
    value_is,
    wrap,
)

# What the index does with an element (index.py's _K_* values plus one; 0: nothing).
cdef enum:
    K_NONE = 0
    K_NOTED = 1
    K_NOTED_JUNK = 2
    K_LEAF_JUNK = 3
    K_JUNK = 4
    K_PARAGRAPH = 5
    K_BR = 6
    K_DIV = 7
    K_QUOTE = 8


cdef bint _date_published(mlx_node_t *node) noexcept:
    """Whether the element's ``itemprop`` is ``datePublished`` (microdata's publication date)."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).first_attr
    cdef const unsigned char *name
    cdef size_t length = 0
    while attr != NULL:
        name = attr_name(attr, &length)
        if name != NULL and same_bytes(name, length, b"itemprop", 8):
            return value_is(attr, b"datePublished", 13)
        attr = attr.next
    return False


cdef inline bint _class_mentions_para(mlx_node_t *node) noexcept:
    """Whether the element's class holds "para" in any ASCII case (what the Python index's
    ``div[class*="para" i]`` query asked)."""
    cdef mlx_attr_t *attr = (<mlx_element_t *>node).attr_class
    return attr != NULL and holds_folded(attr.value, b"para", 4)


cdef class _Walk:
    """One page's walk: the tables, the index being filled, and what the walk has seen."""

    cdef const unsigned char *kinds
    cdef Py_ssize_t kinds_size
    cdef const unsigned char *noted
    cdef Py_ssize_t noted_size
    cdef const unsigned char *not_microdata
    cdef Py_ssize_t not_microdata_size
    cdef tuple tables  # the bytes objects the three pointers point into, kept alive
    cdef object parser
    cdef object index
    cdef object note
    cdef object paragraph_class
    cdef mlx_node_t *date_published
    cdef uintptr_t meta
    cdef uintptr_t div
    cdef uintptr_t script
    cdef uintptr_t link
    cdef uintptr_t title
    cdef uintptr_t h1
    cdef uintptr_t time
    cdef set seen
    cdef bint quotes

    cdef inline void _microdata(self, mlx_node_t *node, uintptr_t tid) noexcept:
        if (
            self.date_published == NULL
            and node.type == MLX_NODE_TYPE_ELEMENT
            and not tag_entry(self.not_microdata, self.not_microdata_size, tid)
            and _date_published(node)
        ):
            self.date_published = node

    cdef int _note(self, mlx_node_t *node, uintptr_t tid, object wrapped=None) except -1:
        """index._note for the common metadata elements; the rare ones (hAtom's <abbr>) go
        to the Python ``note``. ``wrapped`` is the node's object when the walk made one."""
        cdef mlx_attr_t *kind
        index = self.index
        if tid == self.meta:
            index.metas.append(wrapped if wrapped is not None else wrap(node, self.parser))
        elif tid == self.script:
            kind = find_attr(node, MLX_ATTR_TYPE, b"type", 4)
            if value_folded_is(kind, b"application/ld+json", 19):
                index.jsonld.append(wrapped if wrapped is not None else wrap(node, self.parser))
        elif tid == self.link:
            if (
                index.canonical is None
                and value_folded_is(find_attr(node, MLX_ATTR_REL, b"rel", 3), b"canonical", 9)
                and find_attr(node, MLX_ATTR_HREF, b"href", 4) != NULL
            ):
                index.canonical = wrapped if wrapped is not None else wrap(node, self.parser)
        elif tid == self.title:
            if index.title is None:
                index.title = wrapped if wrapped is not None else wrap(node, self.parser)
        elif tid == self.h1:
            if index.h1 is None:
                index.h1 = wrapped if wrapped is not None else wrap(node, self.parser)
        elif tid == self.time:
            if index.time is None and find_attr(node, 0, b"datetime", 8) != NULL:
                index.time = wrapped if wrapped is not None else wrap(node, self.parser)
        else:
            self.note(index, wrapped if wrapped is not None else wrap(node, self.parser), tid)
        return 0

    cdef int head(self, mlx_node_t *root) except -1:
        cdef mlx_node_t *node = root
        cdef uintptr_t tid
        while True:
            if node.type != MLX_NODE_TYPE_TEXT:
                tid = node.local_name
                self._microdata(node, tid)
                if tid == self.meta:
                    self.index.metas.append(wrap(node, self.parser))
                elif tag_entry(self.noted, self.noted_size, tid):
                    self._note(node, tid)
            node = next_in(node, root)
            if node == NULL:
                return 0

    cdef int inside_junk(self, mlx_node_t *top) except -1:
        """Note the metadata below ``top`` (not ``top`` itself)."""
        cdef mlx_node_t *node = top.first_child
        cdef uintptr_t tid
        while node != NULL:
            if node.type != MLX_NODE_TYPE_TEXT:
                tid = node.local_name
                self._microdata(node, tid)
                if tag_entry(self.noted, self.noted_size, tid):
                    self._note(node, tid)
            node = next_in(node, top)
        return 0

    cdef int body(self, mlx_node_t *root) except -1:
        cdef mlx_node_t *node = root
        cdef mlx_node_t *parent
        cdef uintptr_t tid
        cdef unsigned char kind
        cdef object key
        cdef list candidates = self.index.candidates
        cdef list junk = self.index.junk
        cdef object parser = self.parser
        while True:
            if node.type != MLX_NODE_TYPE_TEXT:
                tid = node.local_name
                self._microdata(node, tid)
                kind = tag_entry(self.kinds, self.kinds_size, tid)
                if kind == K_JUNK:
                    # Its subtree goes with it and is stepped over; metadata in it still counts.
                    junk.append(wrap(node, parser))
                    self.inside_junk(node)
                    node = after_subtree(node, root)
                    if node == NULL:
                        return 0
                    continue
                if kind == K_PARAGRAPH:
                    candidates.append(wrap(node, parser))
                elif kind == K_LEAF_JUNK:
                    junk.append(wrap(node, parser))
                elif kind == K_NOTED_JUNK:
                    wrapped = wrap(node, parser)
                    self._note(node, tid, wrapped)
                    junk.append(wrapped)
                elif kind == K_NOTED:
                    self._note(node, tid)
                elif kind == K_QUOTE:
                    candidates.append(wrap(node, parser))
                    self.quotes = True
                elif kind == K_BR:
                    # <div>line<br>line</div>: the div is a paragraph block.
                    parent = node.parent
                    if parent != NULL and parent.local_name == self.div:
                        key = <uintptr_t>parent
                        if key not in self.seen:
                            self.seen.add(key)
                            candidates.append(wrap(parent, parser))
                elif kind == K_DIV and _class_mentions_para(node):
                    # A <div> whose class calls it a paragraph is one (some CMSs never emit
                    # <p>); the class's exact test is index.py's, in Python.
                    key = <uintptr_t>node
                    if key not in self.seen and self.paragraph_class(
                        (<object>wrap(node, parser)).attributes.get("class") or ""
                    ):
                        self.seen.add(key)
                        candidates.append(wrap(node, parser))
            node = next_in(node, root)
            if node == NULL:
                return 0


def walk(
    LexborNode root not None,
    LexborNode head not None,
    LexborNode body not None,
    bytes kinds,
    bytes noted,
    bytes not_microdata,
    uintptr_t meta,
    uintptr_t div,
    object paragraph_class,
    object note,
    object index,
    tuple noted_tags,
):
    """Fill ``index`` (a :class:`mediespor.extract.index.PageIndex`) as the Python index does.

    Tables hold a byte per tag id: ``kinds`` the element's kind (the index's ``_K_*`` plus
    one, 0 for nothing), ``noted`` non-zero for metadata noted inside junk too, and
    ``not_microdata`` for tags never taken as a microdata date. Metadata goes through
    ``note(index, node, tag_id)``, ``<meta>`` straight into ``index.metas``;
    ``paragraph_class(class)`` decides a ``<div>`` whose class holds "para". ``noted_tags``
    are the tag ids of ``<script>``, ``<link>``, ``<title>``, ``<h1>`` and ``<time>``: the walk
    notes those as ``note`` would, and leaves ``note`` the rare rest.
    """
    cdef _Walk w = _Walk()
    w.tables = (kinds, noted, not_microdata)
    w.kinds = kinds
    w.kinds_size = len(kinds)
    w.noted = noted
    w.noted_size = len(noted)
    w.not_microdata = not_microdata
    w.not_microdata_size = len(not_microdata)
    w.parser = root.parser
    w.index = index
    w.note = note
    w.paragraph_class = paragraph_class
    w.meta = meta
    w.div = div
    w.script, w.link, w.title, w.h1, w.time = noted_tags
    w.seen = set()
    w.date_published = NULL
    # Document order: the root element, the head, the body (the parser puts every element in
    # one of them).
    w._microdata(root.node, root.node.local_name)
    w.head(head.node)
    w.body(body.node)
    index.quotes = w.quotes
    if w.date_published != NULL:
        index.date_published = wrap(w.date_published, w.parser)


# The attribute names the walk notes metadata by, with Lexbor's ids of those it knows.
_NOTED_ATTRS = {
    "type": MLX_ATTR_TYPE, "rel": MLX_ATTR_REL, "href": MLX_ATTR_HREF, "datetime": 0,
}


def check(object tree):
    """Whether the declared layouts read ``tree`` (a parsed scratch page) as selectolax does:
    the node object's size and pointer, every node's tag id, parent and order, and every
    element's class and ``itemprop`` attributes."""
    cdef LexborNode root = checked_root(tree)
    if root is None:
        return False
    cdef mlx_node_t *node = root.node
    cdef mlx_node_t *top = root.node
    cdef object made
    cdef mlx_attr_t *attr
    cdef const unsigned char *name
    cdef size_t length = 0
    itemprops = 0
    noted_attrs = 0
    for theirs in root.traverse():
        if node == NULL or <uintptr_t>node != theirs.mem_id:
            return False
        made = wrap(node, root.parser)
        if made.tag_id != theirs.tag_id or made.tag_id != node.local_name:
            return False
        parent = theirs.parent
        if parent is not None and <uintptr_t>node.parent != parent.mem_id:
            return False
        if node.type == MLX_NODE_TYPE_ELEMENT:
            attrs = theirs.attributes
            klass = attrs.get("class")
            if (klass is not None and "para" in klass.lower()) != _class_mentions_para(node):
                return False
            if (attrs.get("itemprop") == "datePublished") != _date_published(node):
                return False
            itemprops += "itemprop" in attrs
            # The attributes the walk notes metadata by, as selectolax names them.
            for noted_name, known in _NOTED_ATTRS.items():
                encoded = noted_name.encode()
                if (find_attr(node, known, encoded, len(encoded)) != NULL) != (noted_name in attrs):
                    return False
                noted_attrs += noted_name in attrs
            # Every attribute Lexbor does not know in advance reads as its own name.
            attr = (<mlx_element_t *>node).first_attr
            names = []
            while attr != NULL:
                name = attr_name(attr, &length)
                if name != NULL:
                    names.append((<const char *>name)[:length].decode("utf-8"))
                attr = attr.next
            if not set(names) <= set(attrs) or "itemprop" in attrs and "itemprop" not in names:
                return False
        # The next non-text node, depth first.
        node = next_in(node, top)
        while node != NULL and node.type == MLX_NODE_TYPE_TEXT:
            node = next_in(node, top)
    return node == NULL and itemprops > 0 and noted_attrs > 0
